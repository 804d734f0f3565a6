package cn.cdcq.registry.common.certificate;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.format.CertificateNumber;
import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.format.OccupationCode;
import cn.cdcq.registry.common.format.RegionCode;
import cn.cdcq.registry.common.format.Sha256Hex;
import cn.cdcq.registry.common.format.CredentialKind;
import cn.cdcq.registry.common.format.Uscc;

import java.time.LocalDate;

/**
 * What a region attests about one certificate of any {@linkplain CredentialKind kind}: the fields its attestation key signs (see
 * {@link CertificateAttestation#signedBytes(CertificateClaims)}) and, in a batch, the leaf of the
 * Merkle tree. Nothing here identifies the holder to anyone without the consortium pepper or the
 * worker's salt.
 *
 * @param number           certificate number, whose first character says the credential's
 *                         {@linkplain CredentialKind kind}, e.g. {@code S000150000001264000001}
 * @param occupation       national occupational classification code, e.g. {@code 4-04-05-01}
 * @param level            skill level 1 (高级技师) to 5 (初级工), title grade 1 (正高级) to 5 (员级), or 0 for a
 *                         special vocational ability; must agree with the number's level digit
 * @param centerId         USCC of the accredited training/evaluation center that issues it
 * @param region           code of the issuing region, e.g. {@code CQ}
 * @param issueDate        yyyy-MM-dd
 * @param expiryDate       yyyy-MM-dd, or {@code null} for a certificate that does not expire
 * @param holderPseudonym  HMAC-SHA256(consortium pepper, resident ID number), 64 lowercase hex
 * @param holderCommitment SHA-256(salt || canonical holder details), 64 lowercase hex
 */
public record CertificateClaims(String number, String occupation, int level, String centerId, String region,
                                String issueDate, String expiryDate, String holderPseudonym,
                                String holderCommitment) {

    /**
     * Refuses claims that break a national format or are not in their one canonical form, with an
     * {@link InvalidInputException} whose code names the field's format (e.g.
     * {@code INVALID_CERTIFICATE_NUMBER}). The claims are checked as given, never normalized,
     * because the signature covers them as given.
     */
    public CertificateClaims validate() {
        String canonicalNumber = CertificateNumber.validate(number);
        Fields.requireCanonical("certificate number", number, canonicalNumber,
                InvalidInputException.INVALID_CERTIFICATE_NUMBER);
        CertificateNumber.requireLevel(number, level);
        CredentialKind kind = CertificateNumber.kindOf(number);
        Fields.requireCanonical("occupation code", occupation, OccupationCode.validate(occupation),
                InvalidInputException.INVALID_OCCUPATION);
        if (kind == CredentialKind.PROFESSIONAL_TITLE && !occupation.startsWith(TITLE_MAJOR_GROUP)) {
            throw new InvalidInputException(InvalidInputException.INVALID_OCCUPATION, "occupation " + occupation
                    + " is not in major group 2 (professional and technical personnel) of the classification; "
                    + "a professional title is only awarded in those occupations, e.g. 2-02-07-01");
        }
        Fields.requireCanonical("center USCC", centerId, Uscc.validate(centerId), InvalidInputException.INVALID_USCC);
        Fields.requireCanonical("region code", region, RegionCode.validate(region), InvalidInputException.INVALID_REGION);
        LocalDate issued = IsoDate.parse("issueDate", issueDate);
        Fields.requireCanonical("issueDate", issueDate, issued.toString(), InvalidInputException.INVALID_DATE);
        if (expiryDate != null) {
            LocalDate expires = IsoDate.parse("expiryDate", expiryDate);
            Fields.requireCanonical("expiryDate", expiryDate, expires.toString(), InvalidInputException.INVALID_DATE);
            if (!expires.isAfter(issued)) {
                throw new InvalidInputException(InvalidInputException.INVALID_DATE, "expiryDate " + expiryDate
                        + " is not after issueDate " + issueDate + "; leave it out for a certificate that does not expire");
            }
        }
        Sha256Hex.requireCanonical("holderPseudonym", holderPseudonym, InvalidInputException.INVALID_HOLDER);
        Sha256Hex.requireCanonical("holderCommitment", holderCommitment, InvalidInputException.INVALID_HOLDER);
        return this;
    }

    /** The major group of the classification a professional title's occupation must be in. */
    public static final String TITLE_MAJOR_GROUP = "2-";

    /** The kind of credential, read from the number (the claims must be valid). */
    public CredentialKind kind() {
        return CertificateNumber.kindOf(number);
    }

    /** The title series of a professional title, read from its number; null for the other kinds. */
    public String titleSeries() {
        return CertificateNumber.parse(number).series();
    }

    /** The issue date as a date (the claims must be valid). */
    public LocalDate issuedOn() {
        return LocalDate.parse(issueDate);
    }

    /** Whether the certificate has expired by {@code date}: it is valid through its expiry date. */
    public boolean expiredOn(LocalDate date) {
        return expiryDate != null && date.isAfter(LocalDate.parse(expiryDate));
    }
}
