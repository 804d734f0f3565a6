package cn.cdcq.registry.common.certificate;

import java.util.List;

/**
 * The answer to "is this certificate genuine, valid and recognized here?", as a list of checks a
 * person can read. The verdict is {@link #VALID} when no check failed; recognition in each region
 * is reported beside it, because a genuine certificate may be recognized in one region and not
 * the other. Holds no holder data.
 *
 * @param certificateNumber the number asked about
 * @param verdict           {@link #VALID} or {@link #INVALID}
 * @param status            the effective status ({@link CertificateStatus}), {@code null} if not found
 * @param occupation        the certificate's occupation code
 * @param level             its level
 * @param region            the issuing region
 * @param centerId          the issuing center's USCC
 * @param centerName        the issuing center's name
 * @param issueDate         yyyy-MM-dd
 * @param expiryDate        yyyy-MM-dd or {@code null}
 * @param checkedAt         ISO-8601 instant of the check (the query's timestamp)
 * @param steps             each check, in the order made
 * @param recognition       for each registered region, whether the certificate is recognized there and why
 */
public record VerificationReport(String certificateNumber, String verdict, CertificateStatus status, String occupation,
                                 Integer level, String region, String centerId, String centerName,
                                 String issueDate, String expiryDate, String checkedAt, List<Step> steps,
                                 List<Recognition> recognition) {

    public static final String VALID = "VALID";
    public static final String INVALID = "INVALID";

    public static final String PASS = "PASS";
    public static final String FAIL = "FAIL";
    public static final String NOT_APPLICABLE = "NOT_APPLICABLE";

    /** Record found and well formed. */
    public static final String RECORD = "RECORD";
    /** Canonical hash of the claims recomputed. */
    public static final String CANONICAL_HASH = "CANONICAL_HASH";
    /** Merkle path leads to the signed batch root (batch issue only). */
    public static final String MERKLE_PATH = "MERKLE_PATH";
    /** Region signature valid under the attestation certificate current at issue time. */
    public static final String REGION_SIGNATURE = "REGION_SIGNATURE";
    /** Issuer accredited for the occupation and level at issue time. */
    public static final String ISSUER_ACCREDITED = "ISSUER_ACCREDITED";
    /** Not suspended, revoked or expired. */
    public static final String STATUS = "STATUS";
    /** Holder details presented match the commitment. */
    public static final String HOLDER = "HOLDER";

    /**
     * One check.
     *
     * @param check  its name, e.g. {@link #REGION_SIGNATURE}
     * @param result {@link #PASS}, {@link #FAIL} or {@link #NOT_APPLICABLE}
     * @param reason what was checked and what was found, for a person
     */
    public record Step(String check, String result, String reason) {
    }

    /**
     * Recognition in one region.
     *
     * @param region     the region
     * @param recognized whether the certificate is recognized there today
     * @param basis      {@link #HOME_REGION}, {@link #RULE}, {@link #CASE_DECISION} or {@link #NONE}
     * @param ruleId     the catalogue rule that recognizes it, for {@link #RULE}
     * @param caseId     the case decision, for {@link #CASE_DECISION} (accepted, refused or pending)
     * @param reason     why, for a person
     */
    public record Recognition(String region, boolean recognized, String basis, String ruleId, String caseId,
                              String reason) {

        public static final String HOME_REGION = "HOME_REGION";
        public static final String RULE = "RULE";
        public static final String CASE_DECISION = "CASE_DECISION";
        public static final String NONE = "NONE";
    }

    /** The step named {@code check}, if it was made. */
    public java.util.Optional<Step> step(String check) {
        return steps.stream().filter(s -> s.check().equals(check)).findFirst();
    }

    /** Recognition in {@code regionCode}, if that region is registered. */
    public java.util.Optional<Recognition> recognitionIn(String regionCode) {
        return recognition.stream().filter(r -> r.region().equals(regionCode)).findFirst();
    }
}
