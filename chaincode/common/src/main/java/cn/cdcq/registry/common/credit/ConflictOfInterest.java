package cn.cdcq.registry.common.credit;

/**
 * A declared conflict of interest: the inspector is never drawn to check the enterprise.
 *
 * @param inspectorId the inspector
 * @param uscc        the enterprise
 * @param declaredAt  ISO-8601 instant
 * @param declaredBy  bureau account
 * @param withdrawnAt ISO-8601 instant the inspector's region withdrew the declaration, null while in force
 * @param withdrawnBy bureau account that withdrew it
 */
public record ConflictOfInterest(String inspectorId, String uscc, String declaredAt, String declaredBy,
                                 String withdrawnAt, String withdrawnBy) {

    public boolean inForce() {
        return withdrawnAt == null;
    }

    public ConflictOfInterest withdrawn(String at, String by) {
        return new ConflictOfInterest(inspectorId, uscc, declaredAt, declaredBy, at, by);
    }
}
