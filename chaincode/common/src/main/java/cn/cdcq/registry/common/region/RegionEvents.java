package cn.cdcq.registry.common.region;

/** The chaincode events of the region registry: each name, and the record its payload is. */
public final class RegionEvents {

    public static final String REGION_CHANGE_PROPOSED = "RegionChangeProposed";
    public static final String REGION_CHANGE_APPROVED = "RegionChangeApproved";
    public static final String REGION_CHANGE_WITHDRAWN = "RegionChangeWithdrawn";
    public static final String REGION_REGISTERED = "RegionRegistered";
    public static final String ATTESTATION_ROTATED = "AttestationRotated";
    public static final String REGION_DIVISIONS_CHANGED = "RegionDivisionsChanged";
    public static final String DRAW_KEY_SET = "DrawKeySet";

    /** {@value #DRAW_KEY_SET}: a region set its key for spot-check draws. */
    public record DrawKeySet(String regionCode, int sequence, String fingerprint) {
    }

    private RegionEvents() {
    }

    /** Every region event: the proposal as it stands after the transaction. */
    public record RegionChange(String proposalId, RegionProposal.Kind kind, String regionCode, String mspId,
                               String fingerprint, RegionProposal.Status status) {

        public static RegionChange of(RegionProposal p) {
            return new RegionChange(p.id(), p.kind(), p.regionCode(), p.mspId(), p.fingerprint(), p.status());
        }
    }
}
