package cn.cdcq.registry.common.credit;

/**
 * An inspector in the region's inspector register, which spot-check draws pick from and which
 * says which region an inspector acts for.
 *
 * @param inspectorId  the {@code inspectorId} attribute of the inspector's certificate
 * @param regionCode   the region the inspector acts for
 * @param registeredAt ISO-8601 instant
 * @param registeredBy bureau account
 * @param withdrawnAt  ISO-8601 instant the region withdrew the inspector, null while active; a
 *                     withdrawn inspector is never drawn and cannot act, and the id is not reused
 * @param withdrawnBy  bureau account that withdrew the inspector
 */
public record InspectorEntry(String inspectorId, String regionCode, String registeredAt, String registeredBy,
                             String withdrawnAt, String withdrawnBy) {

    public boolean active() {
        return withdrawnAt == null;
    }

    public InspectorEntry withdrawn(String at, String by) {
        return new InspectorEntry(inspectorId, regionCode, registeredAt, registeredBy, at, by);
    }
}
