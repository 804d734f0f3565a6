package cn.cdcq.registry.common.region;

/**
 * The names of the region contract and its transactions: what the chaincode's annotations
 * declare and the regional services call, so the two halves meet on one constant, not a literal.
 */
public final class RegionTransactions {

    public static final String CONTRACT = "region";

    public static final String PROPOSE_REGISTRATION = "proposeRegistration";
    public static final String PROPOSE_ROTATION = "proposeRotation";
    public static final String PROPOSE_DIVISIONS = "proposeDivisions";
    public static final String APPROVE = "approve";
    public static final String WITHDRAW = "withdraw";
    public static final String GET_REGION = "getRegion";
    public static final String LIST_REGIONS = "listRegions";
    public static final String GET_REGION_OF_MSP = "getRegionOfMsp";
    public static final String GET_ATTESTATION_CERTIFICATES = "getAttestationCertificates";
    public static final String GET_PROPOSAL = "getProposal";
    public static final String LIST_PENDING_PROPOSALS = "listPendingProposals";
    public static final String WHO_AM_I = "whoAmI";
    public static final String SET_DRAW_KEY = "setDrawKey";
    public static final String GET_DRAW_KEYS = "getDrawKeys";

    private RegionTransactions() {
    }
}
