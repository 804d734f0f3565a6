package cn.cdcq.registry.common.certificate;

/**
 * The answer to a subsidy claim. An accepted claim is recorded; a refused one is recorded too, as
 * a {@link Refusal} both regions can see, and names the earlier claim by id, region and date only.
 *
 * @param outcome {@link Outcome#ACCEPTED} or {@link Outcome#REFUSED}
 * @param claim   the recorded claim, when accepted
 * @param refusal the refusal, when refused
 */
public record SubsidyClaimOutcome(Outcome outcome, SubsidyClaim claim, Refusal refusal) {

    public enum Outcome { ACCEPTED, REFUSED }

    /**
     * A refused second claim.
     *
     * @param refusalId         the refusing transaction's id
     * @param certificateNumber the certificate of the refused claim
     * @param region            the region that tried to claim
     * @param refusedAt         ISO-8601 instant
     * @param refusedBy         "MSPID/account"
     * @param earlierClaimId    the claim already recorded for the same holder, occupation and level
     * @param earlierRegion     the region that recorded it
     * @param earlierPaidDate   when it was paid
     */
    public record Refusal(String refusalId, String certificateNumber, String region, String refusedAt,
                          String refusedBy, String earlierClaimId, String earlierRegion, String earlierPaidDate) {
    }

    public boolean accepted() {
        return outcome == Outcome.ACCEPTED;
    }
}
