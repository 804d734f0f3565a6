package cn.cdcq.registry.common.cases;

/**
 * The chaincode events of objections and credit repair (docs/objections.md): each name and the
 * record its payload is. Enterprises are named by USCC, records by id, people never.
 */
public final class ObjectionEvents {

    public static final String OBJECTION_FILED = "ObjectionFiled";
    public static final String OBJECTION_DECIDED = "ObjectionDecided";
    public static final String REPAIR_APPLIED = "CreditRepairApplied";
    public static final String REPAIR_DECIDED = "CreditRepairDecided";

    private ObjectionEvents() {
    }

    /**
     * {@value #OBJECTION_FILED} (status PENDING, the deciding region to decide by {@code dueOn}) and
     * {@value #OBJECTION_DECIDED} (its outcome, no {@code dueOn}; {@code late} when decided after the deadline).
     */
    public record ObjectionChanged(String objectionId, Objection.Target target, String recordId, String uscc,
                                   String filingRegion, String decidingRegion, Objection.Status status, String dueOn,
                                   Boolean late) {
    }

    /** {@value #REPAIR_APPLIED} (status PENDING) and {@value #REPAIR_DECIDED} (GRANTED or REFUSED). */
    public record RepairChanged(String repairId, String listingId, String uscc, String applyingRegion,
                                String decidingRegion, CreditRepair.Status status) {
    }
}
