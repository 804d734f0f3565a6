package cn.cdcq.registry.common.certificate;

/**
 * The chaincode events of certificates, accreditation, recognition and subsidies: each name, and
 * the record its payload is (its canonical JSON; absent fields are null). Payloads name records
 * by number or id only, never a person.
 */
public final class CertificateEvents {

    public static final String CERTIFICATE_ISSUED = "CertificateIssued";
    public static final String CERTIFICATE_BATCH_ISSUED = "CertificateBatchIssued";
    public static final String CERTIFICATE_STATUS_CHANGED = "CertificateStatusChanged";
    public static final String CERTIFICATE_STATUS_REQUESTED = "CertificateStatusRequested";
    public static final String CERTIFICATE_STATUS_REQUEST_DECLINED = "CertificateStatusRequestDeclined";
    public static final String CENTER_ACCREDITED = "CenterAccredited";
    public static final String ACCREDITATION_AMENDED = "AccreditationAmended";
    public static final String ACCREDITATION_STATUS_CHANGED = "AccreditationStatusChanged";
    public static final String RECOGNITION_RULE_PROPOSED = "RecognitionRuleProposed";
    public static final String RECOGNITION_RULE_ACCEPTED = "RecognitionRuleAccepted";
    public static final String RECOGNITION_RULE_DECLINED = "RecognitionRuleDeclined";
    public static final String RECOGNITION_RULE_WITHDRAWN = "RecognitionRuleWithdrawn";
    public static final String RECOGNITION_CASE_SUBMITTED = "RecognitionCaseSubmitted";
    public static final String RECOGNITION_DECISION_MADE = "RecognitionDecisionMade";
    public static final String RECOGNITION_CASE_WITHDRAWN = "RecognitionCaseWithdrawn";
    public static final String SUBSIDY_CLAIMED = "SubsidyClaimed";
    public static final String SUBSIDY_CLAIM_REFUSED = "SubsidyClaimRefused";

    private CertificateEvents() {
    }

    /** {@value #CERTIFICATE_ISSUED}. */
    public record CertificateIssued(String number, String region, String centerId, String occupation, int level,
                                    String issuedAt) {
    }

    /** {@value #CERTIFICATE_BATCH_ISSUED}: {@code batchId} is the batch's Merkle root. */
    public record CertificateBatchIssued(String batchId, String region, String centerId, int count, String issuedAt) {
    }

    /** {@value #CERTIFICATE_STATUS_CHANGED}. */
    public record CertificateStatusChanged(String number, String region, CertificateStatus previousStatus,
                                           CertificateStatus status, String reasonCode, String changedAt) {
    }

    /**
     * {@value #CERTIFICATE_STATUS_REQUESTED} (a center asked its bureau) and
     * {@value #CERTIFICATE_STATUS_REQUEST_DECLINED} (the bureau declined); a request carried out is
     * told by the {@value #CERTIFICATE_STATUS_CHANGED} of the bureau's status change.
     */
    public record CertificateStatusRequestChanged(String number, String region, String centerId,
                                                  CertificateStatus asked, String reasonCode,
                                                  CertificateStatusRequest.State state, String at) {
    }

    /**
     * {@value #CENTER_ACCREDITED} (no previous status), {@value #ACCREDITATION_AMENDED} and
     * {@value #ACCREDITATION_STATUS_CHANGED} (a reason code when the status changed).
     */
    public record AccreditationChanged(String centerId, String region, int version,
                                       AccreditationStatus previousStatus, AccreditationStatus status,
                                       String reasonCode) {

        public static AccreditationChanged of(Accreditation a, AccreditationStatus previousStatus) {
            boolean statusChanged = previousStatus != null && previousStatus != a.status();
            return new AccreditationChanged(a.centerId(), a.region(), a.version(), previousStatus, a.status(),
                    statusChanged ? a.statusReasonCode() : null);
        }
    }

    /** {@value #RECOGNITION_RULE_PROPOSED}, {@value #RECOGNITION_RULE_ACCEPTED}, {@value #RECOGNITION_RULE_DECLINED}, {@value #RECOGNITION_RULE_WITHDRAWN}. */
    public record RecognitionRuleChanged(String ruleId, String occupation, int minimumLevel, String fromRegion,
                                         String toRegion, RecognitionRule.Status status, String proposedByRegion,
                                         String kind) {

        public static RecognitionRuleChanged of(RecognitionRule rule) {
            return new RecognitionRuleChanged(rule.id(), rule.occupation(), rule.minimumLevel(), rule.fromRegion(),
                    rule.toRegion(), rule.status(), rule.proposedByRegion(), rule.kind());
        }
    }

    /** {@value #RECOGNITION_CASE_SUBMITTED}, {@value #RECOGNITION_DECISION_MADE}, {@value #RECOGNITION_CASE_WITHDRAWN}. */
    public record RecognitionCaseChanged(String caseId, String certificateNumber, String fromRegion,
                                         String targetRegion, RecognitionDecision.Status status, String reasonCode) {

        public static RecognitionCaseChanged of(RecognitionDecision decision) {
            return new RecognitionCaseChanged(decision.caseId(), decision.certificateNumber(), decision.fromRegion(),
                    decision.targetRegion(), decision.status(), decision.reasonCode());
        }
    }

    /** {@value #SUBSIDY_CLAIMED}. */
    public record SubsidyClaimed(String claimId, String region, String occupation, int level) {
    }

    /** {@value #SUBSIDY_CLAIM_REFUSED}: the earlier claim by id and region only. */
    public record SubsidyClaimRefused(String refusalId, String region, String earlierClaimId, String earlierRegion) {
    }
}
