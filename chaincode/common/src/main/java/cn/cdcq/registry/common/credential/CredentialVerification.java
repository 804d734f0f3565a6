package cn.cdcq.registry.common.credential;

import cn.cdcq.registry.common.certificate.VerificationReport;
import cn.cdcq.registry.common.certificate.VerificationReport.Step;

import java.util.List;
import java.util.Optional;

/**
 * The offline verifier's answer: the same step list as online verification
 * ({@link VerificationReport.Step}: check, PASS / FAIL / NOT_APPLICABLE, reason), the verdict
 * ({@link VerificationReport#VALID} when no check failed), and for each failure a problem detail
 * with the VC 2.0 / Data Integrity / Bitstring Status List problem type that fits.
 *
 * @param verdict           VALID or INVALID
 * @param credentialId      the credential's {@code id}, if it could be read
 * @param issuer            its issuer's id, if it could be read
 * @param certificateNumber the certificate number, for a registry skill certificate
 * @param checkedAt         ISO-8601 instant the checks were made for
 * @param steps             each check in order
 * @param problems          one per failed check
 */
public record CredentialVerification(String verdict, String credentialId, String issuer, String certificateNumber,
                                     String checkedAt, List<Step> steps, List<Problem> problems) {

    /** Checks beyond those online verification makes. */
    public static final String VALIDITY_PERIOD = "VALIDITY_PERIOD";

    public static final String PARSING_ERROR = "https://www.w3.org/TR/vc-data-model#PARSING_ERROR";
    public static final String CRYPTOGRAPHIC_SECURITY_ERROR = "https://www.w3.org/TR/vc-data-model#CRYPTOGRAPHIC_SECURITY_ERROR";
    public static final String MALFORMED_VALUE_ERROR = "https://www.w3.org/TR/vc-data-model#MALFORMED_VALUE_ERROR";
    public static final String RANGE_ERROR = "https://www.w3.org/TR/vc-data-model#RANGE_ERROR";
    public static final String PROOF_VERIFICATION_ERROR = "https://w3id.org/security#PROOF_VERIFICATION_ERROR";
    public static final String PROOF_TRANSFORMATION_ERROR = "https://w3id.org/security#PROOF_TRANSFORMATION_ERROR";
    public static final String STATUS_RETRIEVAL_ERROR = "https://www.w3.org/ns/credentials/status-list#STATUS_RETRIEVAL_ERROR";
    public static final String STATUS_VERIFICATION_ERROR = "https://www.w3.org/ns/credentials/status-list#STATUS_VERIFICATION_ERROR";
    public static final String STATUS_LIST_LENGTH_ERROR = "https://www.w3.org/ns/credentials/status-list#STATUS_LIST_LENGTH_ERROR";

    /**
     * One failure as a problem detail (VC 2.0 §7.1).
     *
     * @param type   the problem type URL
     * @param title  its short name, e.g. PROOF_VERIFICATION_ERROR
     * @param detail what was wrong and what to do
     * @param check  the step it failed
     */
    public record Problem(String type, String title, String detail, String check) {
    }

    public boolean valid() {
        return VerificationReport.VALID.equals(verdict);
    }

    public Optional<Step> step(String check) {
        return steps.stream().filter(s -> s.check().equals(check)).findFirst();
    }
}
