package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.common.certificate.CertificateTransactions;
import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.client.fabric.RegistryGateway.Committed;
import cn.cdcq.registry.common.certificate.CenterCertificatePage;
import cn.cdcq.registry.common.certificate.CertificateBatch;
import cn.cdcq.registry.common.certificate.CertificateStatus;
import cn.cdcq.registry.common.certificate.CertificateStatusRequest;
import cn.cdcq.registry.common.certificate.CertificateBatchRequest;
import cn.cdcq.registry.common.certificate.CertificateHistoryEntry;
import cn.cdcq.registry.common.certificate.CertificateIssueRequest;
import cn.cdcq.registry.common.certificate.SkillCertificate;
import cn.cdcq.registry.common.certificate.VerificationReport;
import cn.cdcq.registry.common.json.Json;

import java.util.List;

/**
 * The certificate contract ("certificate") as typed calls, for one user through one peer. The
 * service builds the requests in {@link CertificateIssuance}; verify with holder details through
 * {@link HolderPresentation}, whose details never leave this process (only their commitment does).
 */
public final class CertificateClient {

    private static final String CONTRACT = CertificateTransactions.CONTRACT;
    private final RegistryGateway gateway;

    public CertificateClient(RegistryGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * What an issue transaction committed, with its id and size.
     *
     * @param value            what the contract returned
     * @param transactionId    the committed transaction
     * @param blockNumber      the block that holds it
     * @param transactionBytes its size as sent to the orderer
     */
    public record Issued<T>(T value, String transactionId, long blockNumber, int transactionBytes) {
    }

    public Issued<SkillCertificate> issue(CertificateIssueRequest request) {
        Committed committed = gateway.submitCommitted(CONTRACT, CertificateTransactions.ISSUE, Json.write(request));
        return new Issued<>(Json.read(committed.result(), SkillCertificate.class), committed.transactionId(),
                committed.blockNumber(), committed.transactionBytes());
    }

    public Issued<CertificateBatch> issueBatch(CertificateBatchRequest request) {
        Committed committed = gateway.submitCommitted(CONTRACT, CertificateTransactions.ISSUE_BATCH, Json.write(request));
        return new Issued<>(Json.read(committed.result(), CertificateBatch.class), committed.transactionId(),
                committed.blockNumber(), committed.transactionBytes());
    }

    public SkillCertificate suspend(String number, String reasonCode, String reason) {
        return Json.read(gateway.submit(CONTRACT, CertificateTransactions.SUSPEND, number, reasonCode, reason), SkillCertificate.class);
    }

    public SkillCertificate reinstate(String number, String reasonCode, String reason) {
        return Json.read(gateway.submit(CONTRACT, CertificateTransactions.REINSTATE, number, reasonCode, reason), SkillCertificate.class);
    }

    public SkillCertificate revoke(String number, String reasonCode, String reason) {
        return Json.read(gateway.submit(CONTRACT, CertificateTransactions.REVOKE, number, reasonCode, reason), SkillCertificate.class);
    }

    /** A page of a center's certificates ({@code status} null for all, {@code from} null for the first page). */
    public CenterCertificatePage centerCertificates(String centerId, CertificateStatus status, int pageSize, String from) {
        return Json.read(gateway.evaluate(CONTRACT, CertificateTransactions.LIST_BY_CENTER, centerId,
                status == null ? "" : status.name(), Integer.toString(pageSize), from == null ? "" : from),
                CenterCertificatePage.class);
    }

    /** A training center asks its bureau to suspend or revoke one of its certificates. */
    public CertificateStatusRequest requestStatusChange(String number, CertificateStatus asked, String reasonCode,
                                                        String reason) {
        return Json.read(gateway.submit(CONTRACT, CertificateTransactions.REQUEST_STATUS_CHANGE, number, asked.name(),
                reasonCode, reason), CertificateStatusRequest.class);
    }

    /** The bureau declines a center's pending request. */
    public CertificateStatusRequest declineStatusRequest(String number, String reason) {
        return Json.read(gateway.submit(CONTRACT, CertificateTransactions.DECLINE_STATUS_REQUEST, number, reason),
                CertificateStatusRequest.class);
    }

    /** The latest request about a certificate (a ledger NOT_FOUND when there was none). */
    public CertificateStatusRequest statusRequest(String number) {
        return Json.read(gateway.evaluate(CONTRACT, CertificateTransactions.GET_STATUS_REQUEST, number),
                CertificateStatusRequest.class);
    }

    /** The requests pending at a region's bureau. */
    public List<CertificateStatusRequest> pendingStatusRequests(String region) {
        return Json.readList(gateway.evaluate(CONTRACT, CertificateTransactions.LIST_STATUS_REQUESTS, region),
                CertificateStatusRequest.class);
    }

    public SkillCertificate certificate(String number) {
        return Json.read(gateway.evaluate(CONTRACT, CertificateTransactions.GET_CERTIFICATE, number), SkillCertificate.class);
    }

    public CertificateBatch batch(String batchId) {
        return Json.read(gateway.evaluate(CONTRACT, CertificateTransactions.GET_BATCH, batchId), CertificateBatch.class);
    }

    /** Every version of the certificate, oldest first. */
    public List<CertificateHistoryEntry> history(String number) {
        return Json.readList(gateway.evaluate(CONTRACT, CertificateTransactions.GET_CERTIFICATE_HISTORY, number), CertificateHistoryEntry.class);
    }

    /** Verifies the certificate without holder details. */
    public VerificationReport verify(String number) {
        return Json.read(verifyJson(number), VerificationReport.class);
    }

    /**
     * {@link #verify(String)} as the chaincode wrote it: the {@link VerificationReport} in the
     * canonical JSON of {@code Json.write}, for a caller that passes it on unchanged (no parse and
     * rewrite on the public verification path).
     */
    public String verifyJson(String number) {
        return gateway.evaluate(CONTRACT, CertificateTransactions.VERIFY, number, "");
    }

    /** Verifies the certificate and that {@code holder} is the person it was issued to. */
    public VerificationReport verify(String number, HolderPresentation holder) {
        return Json.read(gateway.evaluate(CONTRACT, CertificateTransactions.VERIFY, number, holder.commitment()), VerificationReport.class);
    }
}
