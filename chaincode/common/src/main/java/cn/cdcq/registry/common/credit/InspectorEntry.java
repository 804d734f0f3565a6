package cn.cdcq.registry.common.credit;

/**
 * An inspector in the region's inspector register, which spot-check draws pick from and which
 * says which region an inspector acts for.
 *
 * <p>Registration has two steps (issue 10, item 6): the region's bureau registers the id
 * (pending), and the inspector confirms it with a transaction signed by their own enrollment
 * certificate, which the peer's MSP has validated against the region's CA, with the
 * {@code inspectorId} attribute equal to the id ({@code spotcheck:confirmInspector}). Only a
 * confirmed, active inspector is drawn or may act. An entry written before this rule has no
 * {@code confirmedAt} and counts as pending until the inspector confirms it.
 *
 * @param inspectorId  the {@code inspectorId} attribute of the inspector's certificate
 * @param regionCode   the region the inspector acts for
 * @param registeredAt ISO-8601 instant
 * @param registeredBy bureau account
 * @param withdrawnAt  ISO-8601 instant the region withdrew the inspector, null while active; a
 *                     withdrawn inspector is never drawn and cannot act, and the id is not reused
 * @param withdrawnBy  bureau account that withdrew the inspector
 * @param confirmedAt  ISO-8601 instant the inspector confirmed the entry with their own identity,
 *                     null while pending
 * @param confirmedBy  the confirming identity (the inspector's account)
 */
public record InspectorEntry(String inspectorId, String regionCode, String registeredAt, String registeredBy,
                             String withdrawnAt, String withdrawnBy, String confirmedAt, String confirmedBy) {

    public boolean active() {
        return withdrawnAt == null;
    }

    /** Confirmed by the inspector's own identity (entries written before the rule: no). */
    public boolean confirmed() {
        return confirmedAt != null;
    }

    public InspectorEntry withdrawn(String at, String by) {
        return new InspectorEntry(inspectorId, regionCode, registeredAt, registeredBy, at, by, confirmedAt, confirmedBy);
    }

    public InspectorEntry confirmedBy(String at, String by) {
        return new InspectorEntry(inspectorId, regionCode, registeredAt, registeredBy, withdrawnAt, withdrawnBy, at, by);
    }
}
