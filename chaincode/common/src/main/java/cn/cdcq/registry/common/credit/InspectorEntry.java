package cn.cdcq.registry.common.credit;

/**
 * An inspector in the region's inspector register, which spot-check draws pick from and which
 * says which region an inspector acts for.
 *
 * @param inspectorId  the {@code inspectorId} attribute of the inspector's certificate
 * @param regionCode   the region the inspector acts for
 * @param registeredAt ISO-8601 instant
 * @param registeredBy bureau account
 */
public record InspectorEntry(String inspectorId, String regionCode, String registeredAt, String registeredBy) {
}
