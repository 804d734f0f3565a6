package cn.cdcq.registry.common.credit;

/**
 * A declared conflict of interest: the inspector is never drawn to check the enterprise.
 *
 * @param inspectorId the inspector
 * @param uscc        the enterprise
 * @param declaredAt  ISO-8601 instant
 * @param declaredBy  bureau account
 */
public record ConflictOfInterest(String inspectorId, String uscc, String declaredAt, String declaredBy) {
}
