package cn.cdcq.registry.client.api;

import cn.cdcq.registry.common.certificate.ReasonCodes;
import cn.cdcq.registry.common.credit.SpotCheckRequest;

/**
 * The request formats of {@link RequestValues} and registry-common's validators written as the
 * regular expressions (ECMA-262, as JSON Schema reads them) that the OpenAPI document carries
 * ({@link ApiConstraints}). The validators stay the one authority: each pattern accepts only what
 * its validator accepts ({@code ApiFormatsTest} checks that against the validators), and where a
 * validator normalizes (trims, upper-cases) the pattern asks for the canonical form. A check
 * character (USCC, resident ID) cannot be written as a pattern: those fields also carry a
 * {@code format} and a valid {@code example}.
 */
public final class ApiFormats {

    /** GB 32100 unified social credit code: 18 characters of its alphabet (no I, O, Z, S, V); the 18th is a check character. */
    public static final String USCC = "^[0-9A-HJ-NPQRTUWXY]{18}$";
    /** {@code format} of a USCC: the pattern plus the GB 32100 check character. */
    public static final String USCC_FORMAT = "uscc";
    /** A USCC with a correct check character, for examples. */
    public static final String USCC_EXAMPLE = "91510100MA61R8LK20";

    /**
     * Certificate number of any kind (registry-common's CertificateNumber): a skill level
     * certificate is Y or S and 21 digits whose 16th character is the level 1 to 5; a special
     * vocational ability certificate Z and 15 digits; a professional title T, province (2), title
     * series 01 to 20, grade 1 to 5 and 8 digits.
     */
    public static final String CERTIFICATE_NUMBER =
            "^([YS][0-9]{14}[1-5][0-9]{6}|Z[0-9]{15}|T[0-9]{2}(0[1-9]|1[0-9]|20)[1-5][0-9]{8})$";
    public static final String CERTIFICATE_NUMBER_EXAMPLE = "S000150000001264000001";

    /** Region code: two letters A-Z (CD, CQ). */
    public static final String REGION = "^[A-Z]{2}$";

    /** A yyyy-MM-dd date; the document also says {@code format: date} (a real calendar day). */
    public static final String DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

    /** A SHA-256 in hex (a document hash, a pseudonym): 64 hex digits, either case (stored in lower case). */
    public static final String SHA256_HEX = "^[0-9a-fA-F]{64}$";

    /** A ledger id (a transaction id, a Merkle root): 64 lowercase hex digits, exactly as the ledger gave it. */
    public static final String LEDGER_ID = "^[0-9a-f]{64}$";

    /** Occupation code of the national occupational classification, e.g. 4-04-05-01 or 4-04-05-01-02. */
    public static final String OCCUPATION = "^[0-9]-[0-9]{2}-[0-9]{2}-[0-9]{2}(-[0-9]{2})?$";

    /** GB 11643 resident ID number: 17 digits and a check character (0-9 or X). */
    public static final String RESIDENT_ID = "^[0-9]{17}[0-9X]$";
    public static final String RESIDENT_ID_FORMAT = "resident-id";
    public static final String RESIDENT_ID_EXAMPLE = "11010519491231002X";

    /** A holder's salt, as the credential gave it: 16 to 64 bytes in hex. */
    public static final String HOLDER_SALT = "^([0-9a-fA-F]{2}){16,64}$";

    /** Inspector id: the region code, -INS-, 4 to 8 digits. */
    public static final String INSPECTOR_ID_AFTER_REGION = "-INS-[0-9]{4,8}$";
    public static final String INSPECTOR_ID = "^[A-Z]{2}" + INSPECTOR_ID_AFTER_REGION;

    /** A spot-check period: a year, a half, a quarter or a month (2026, 2026-H1, 2026-Q3, 2026-07). */
    public static final String PERIOD = SpotCheckRequest.PERIOD_PATTERN;

    /** A report period: a quarter of 2000 to 2099 (2026-Q3), as registry-common's ReportPeriod reads it. */
    public static final String REPORT_PERIOD = cn.cdcq.registry.common.report.ReportPeriod.PATTERN;

    /** A checkpoint number: 1, 2, ... */
    public static final String CHECKPOINT_NUMBER = "^[1-9][0-9]{0,17}$";

    /**
     * Free text on one line (a reason, a note, a name): at least one character that is not white
     * space, no control characters; the length is {@code maxLength}. That it holds no personal
     * data (an ID number, a mobile number) is said in the description: no pattern can say it well.
     */
    public static final String TEXT = "^[^\\u0000-\\u001F\\u007F]*[^\\s\\u0000-\\u001F\\u007F][^\\u0000-\\u001F\\u007F]*$";
    public static final int TEXT_MAX = ReasonCodes.MAX_REASON_LENGTH;

    /** The longest holder name accepted (names on ID cards are far shorter). */
    public static final int HOLDER_NAME_MAX = 100;

    /** The longest payment reference of a subsidy claim. */
    public static final int REFERENCE_MAX = 100;

    /** Years the service takes (a rating, a calendar, a proof). */
    public static final int YEAR_MIN = 2000;
    public static final int YEAR_MAX = 2100;

    private ApiFormats() {
    }
}
