package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.client.api.ApiFormats;
import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.format.CertificateNumber;
import cn.cdcq.registry.common.format.CredentialKind;
import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.format.OccupationCode;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;

/**
 * What a training center sends to issue one certificate: the certificate's facts and its holder's
 * name and resident ID number. The holder's details are turned into pseudonym and commitment by
 * the service and then forgotten: they are never logged, stored or sent to the ledger. One
 * {@link #validated} serves the API and the CLI's row check alike.
 *
 * @param number         certificate number of any kind, e.g. {@code S000150000001264000001} (skill
 *                       level), {@code Z000151260000001} (special vocational ability) or
 *                       {@code T5101326000001} (professional title)
 * @param occupation     national occupational classification code, e.g. {@code 4-04-05-01}
 * @param level          1 (高级技师) to 5 (初级工), a title's grade 1 (正高级) to 5 (员级), or 0 for a
 *                       special vocational ability; must agree with the number's level digit
 * @param issueDate      yyyy-MM-dd, not in the future (China time)
 * @param expiryDate     yyyy-MM-dd after the issue date, or absent for a certificate that does not expire
 * @param holderName     as on the ID card
 * @param holderIdNumber resident ID number (GB 11643-1999)
 */
public record NewCertificate(
        @Schema(example = "S000150000001264000001") String number,
        @Schema(example = "4-04-05-01") String occupation,
        @Schema(example = "4", minimum = "0", maximum = "5") Integer level,
        @Schema(example = "2026-03-15") String issueDate,
        @Schema(description = "absent: the certificate does not expire") String expiryDate,
        @Schema(description = "as on the ID card; never stored or logged") String holderName,
        @Schema(description = "GB 11643-1999; never stored or logged") String holderIdNumber) {

    /** The longest holder name accepted (names on ID cards are far shorter). */
    public static final int MAX_NAME_LENGTH = ApiFormats.HOLDER_NAME_MAX;

    /**
     * The request with every field in its canonical form, or an {@link InvalidRequest} naming each
     * wrong field as {@code prefix + field} (e.g. {@code certificates[3].level}). No message
     * repeats the holder's name, and ID numbers appear masked.
     *
     * @param today the date in China, against which the issue date must not be in the future
     */
    public NewCertificate validated(String prefix, LocalDate today) {
        InvalidRequest.Collector problems = new InvalidRequest.Collector();
        String validNumber = problems.check(prefix + "number", () -> CertificateNumber.validate(number));
        // The number says the kind of credential, and the kind which levels exist.
        CredentialKind kind = validNumber == null ? null : CertificateNumber.kindOf(validNumber);
        Integer validLevel = problems.check(prefix + "level", () -> {
            if (level == null) {
                throw new InvalidInputException(InvalidInputException.INVALID_LEVEL, "level is missing; "
                        + (kind == null ? CredentialKind.SKILL_LEVEL : kind).levelsText());
            }
            return kind == null ? level : kind.validateLevel(level);
        });
        if (kind != null && validLevel != null) {
            problems.check(prefix + "number", () -> {
                CertificateNumber.requireLevel(validNumber, validLevel);
                return validNumber;
            });
        }
        String validOccupation = problems.check(prefix + "occupation", () -> OccupationCode.validate(occupation));
        LocalDate issued = problems.check(prefix + "issueDate", () -> {
            LocalDate date = IsoDate.parse("issueDate", issueDate);
            if (date.isAfter(today)) {
                throw new InvalidInputException(InvalidInputException.INVALID_DATE, "issueDate " + date
                        + " is in the future (today is " + today + " in China); a certificate is issued on or after its issue date");
            }
            return date;
        });
        LocalDate expires = null;
        if (expiryDate != null && !expiryDate.isBlank()) {
            expires = problems.check(prefix + "expiryDate", () -> {
                LocalDate date = IsoDate.parse("expiryDate", expiryDate);
                if (issued != null && !date.isAfter(issued)) {
                    throw new InvalidInputException(InvalidInputException.INVALID_DATE, "expiryDate " + date
                            + " is not after issueDate " + issued + "; leave it out for a certificate that does not expire");
                }
                return date;
            });
        }
        String validName = problems.check(prefix + "holderName", () -> holderName(holderName));
        String validId = problems.check(prefix + "holderIdNumber", () -> ResidentIdNumber.validate(holderIdNumber));
        problems.throwIfAny();
        return new NewCertificate(validNumber, validOccupation, validLevel, issued.toString(),
                expires == null ? null : expires.toString(), validName, validId);
    }

    /** A holder name: present, at most {@value #MAX_NAME_LENGTH} characters, one line; the message never repeats it. */
    static String holderName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException(InvalidInputException.INVALID_HOLDER,
                    "holder name is missing; give the name as printed on the ID card");
        }
        String value = name.strip();
        if (value.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException(InvalidInputException.INVALID_HOLDER, "holder name has " + value.length()
                    + " characters; at most " + MAX_NAME_LENGTH + " are accepted");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidInputException(InvalidInputException.INVALID_HOLDER, "holder name has a control "
                        + "character at position " + (i + 1) + "; give the name on one line as printed on the ID card");
            }
        }
        return value;
    }

    @Override
    public String toString() {
        return "NewCertificate[" + number + ", " + occupation + ", level " + level + ", holder withheld]";
    }
}
