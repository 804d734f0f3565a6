package cn.cdcq.registry.client.certificate;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** What the issuing endpoints answer: per certificate its number, status and the holder's salt. */
public final class IssueResults {

    /** The request issued the certificate(s) now (HTTP 201). */
    public static final String ISSUED = "ISSUED";
    /**
     * The same certificate or batch was issued before (a retry, HTTP 200): nothing was issued, and
     * the answer repeats the first one, salts included.
     */
    public static final String ALREADY_ISSUED = "ALREADY_ISSUED";

    private IssueResults() {
    }

    /**
     * One issued certificate as its center needs it.
     *
     * @param number     the certificate number
     * @param status     its status as issued ({@code VALID}); later changes are read with GET /certificates/{number}
     * @param holderSalt hex salt of the holder commitment: goes into the worker's credential, nowhere else
     */
    public record IssuedCertificate(String number, String status,
                                    @Schema(description = "64 hex digits; hand it to the worker (their proof of holding "
                                            + "the certificate); the service keeps no copy") String holderSalt) {
        @Override
        public String toString() {
            return "IssuedCertificate[" + number + ", " + status + ", salt withheld]";
        }
    }

    /**
     * The answer to a single issue.
     *
     * @param outcome       {@link #ISSUED} or {@link #ALREADY_ISSUED}
     * @param certificate   number, status, holder salt
     * @param issuedAt      ISO-8601 instant of the issuing transaction
     * @param transactionId the issuing transaction
     */
    public record SingleIssue(@Schema(allowableValues = {ISSUED, ALREADY_ISSUED}) String outcome,
                              IssuedCertificate certificate, String issuedAt, String transactionId) {
    }

    /**
     * The answer to a batch issue.
     *
     * @param outcome       {@link #ISSUED} or {@link #ALREADY_ISSUED}
     * @param batchId       the batch's Merkle root: its id on the ledger, derived from its content
     * @param count         how many certificates it holds
     * @param issuedAt      ISO-8601 instant of the issuing transaction
     * @param transactionId the issuing transaction
     * @param certificates  number, status and holder salt of each certificate, in request order
     */
    public record BatchIssue(@Schema(allowableValues = {ISSUED, ALREADY_ISSUED}) String outcome, String batchId,
                             int count, String issuedAt, String transactionId, List<IssuedCertificate> certificates) {
    }
}
