package cn.cdcq.registry.client.cases;

import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.common.cases.CreditRepair;
import cn.cdcq.registry.common.cases.Objection;
import cn.cdcq.registry.common.cases.ObjectionTransactions;
import cn.cdcq.registry.common.json.Json;

import java.util.List;

/**
 * Objections to credit records and credit repair (contracts {@code objection} and
 * {@code repair}, docs/objections.md) as typed calls for one user through one peer.
 */
public final class ObjectionClient {

    private final RegistryGateway gateway;

    public ObjectionClient(RegistryGateway gateway) {
        this.gateway = gateway;
    }

    public Objection file(Objection.Input input) {
        return Json.read(gateway.submit(ObjectionTransactions.CONTRACT, ObjectionTransactions.FILE, Json.write(input)),
                Objection.class);
    }

    public Objection decide(String objectionId, Objection.DecisionInput decision) {
        return Json.read(gateway.submit(ObjectionTransactions.CONTRACT, ObjectionTransactions.DECIDE, objectionId,
                Json.write(decision)), Objection.class);
    }

    public Objection objection(String objectionId) {
        return Json.read(gateway.evaluate(ObjectionTransactions.CONTRACT, ObjectionTransactions.GET, objectionId),
                Objection.class);
    }

    /** Each filter null for any: the enterprise, the deciding region, the status. */
    public List<Objection> objections(String uscc, String decidingRegion, Objection.Status status) {
        return Json.readList(gateway.evaluate(ObjectionTransactions.CONTRACT, ObjectionTransactions.LIST, orEmpty(uscc),
                orEmpty(decidingRegion), status == null ? "" : status.name()), Objection.class);
    }

    public CreditRepair applyForRepair(CreditRepair.Input input) {
        return Json.read(gateway.submit(ObjectionTransactions.REPAIR_CONTRACT, ObjectionTransactions.REPAIR_APPLY,
                Json.write(input)), CreditRepair.class);
    }

    public CreditRepair decideRepair(String repairId, CreditRepair.DecisionInput decision) {
        return Json.read(gateway.submit(ObjectionTransactions.REPAIR_CONTRACT, ObjectionTransactions.REPAIR_DECIDE,
                repairId, Json.write(decision)), CreditRepair.class);
    }

    public CreditRepair repair(String repairId) {
        return Json.read(gateway.evaluate(ObjectionTransactions.REPAIR_CONTRACT, ObjectionTransactions.REPAIR_GET,
                repairId), CreditRepair.class);
    }

    public List<CreditRepair> repairs(String uscc, String decidingRegion, CreditRepair.Status status) {
        return Json.readList(gateway.evaluate(ObjectionTransactions.REPAIR_CONTRACT, ObjectionTransactions.REPAIR_LIST,
                orEmpty(uscc), orEmpty(decidingRegion), status == null ? "" : status.name()), CreditRepair.class);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
