package cn.cdcq.registry.chaincode.credit;

import cn.cdcq.registry.chaincode.support.Arguments;
import cn.cdcq.registry.chaincode.support.Caller;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.credit.CreditEvents;
import cn.cdcq.registry.common.credit.CrossRegionNotice;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.credit.InspectorEntry;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.credit.ViolationInput;
import cn.cdcq.registry.common.credit.ViolationStatus;
import cn.cdcq.registry.common.credit.ViolationTransactions;
import cn.cdcq.registry.common.json.Json;
import org.hyperledger.fabric.contract.Context;
import cn.cdcq.registry.chaincode.support.RegistryContract;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

import java.time.LocalDate;

/**
 * Violations recorded by the inspectors of either region against any registered enterprise
 * ("violate in one place, be restricted in both"). A violation against an enterprise of the
 * other region raises a notice that region must acknowledge: a major case the same day, the
 * rest by the end of the quarter.
 */
@Contract(name = ViolationTransactions.CONTRACT, info = @Info(title = "Labor violations",
        description = "Violations and the cross-region notices they raise", version = "1",
        contact = @Contact(name = "Chengdu-Chongqing labor registry")))
public final class ViolationContract implements RegistryContract {

    /** Records a violation ({@link ViolationInput} JSON); only an inspector of a registered region may. */
    @Transaction(name = ViolationTransactions.RECORD_VIOLATION, intent = Transaction.TYPE.SUBMIT)
    public String recordViolation(Context ctx, String violationJson) {
        Caller caller = Caller.of(ctx);
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        InspectorEntry inspector = credit.requireInspector(caller);
        ViolationInput in = Arguments.json(violationJson, ViolationInput.class);
        Enterprise enterprise = credit.requireEnterprise(in.uscc());
        LocalDate today = credit.ledger().today();
        if (LocalDate.parse(in.decisionDate()).isAfter(today)) {
            throw RegistryException.invalid("decisionDate " + in.decisionDate() + " is after today (" + today + ")");
        }
        Ledger ledger = credit.ledger();
        Violation v = new Violation(ledger.txId(), in.uscc(), enterprise.regionCode(), inspector.regionCode(), in.type(),
                in.amountFen(), in.workersAffected(), in.decisionDate(), in.decisionDocumentHash(), in.major(),
                in.massIncident(), in.status(), in.status() == ViolationStatus.PENALIZED, today.toString(), ledger.nowIso(),
                inspector.inspectorId(), ledger.nowIso());
        credit.putViolation(v);
        if (!enterprise.regionCode().equals(inspector.regionCode())) {
            LocalDate due = CrossRegionNotice.dueDate(today, in.major());
            CrossRegionNotice notice = new CrossRegionNotice(v.id(), v.uscc(), v.recordingRegion(),
                    enterprise.regionCode(), v.major(), today.toString(), due.toString(), null, null, null);
            credit.putNotice(notice);
            ledger.emit(CreditEvents.CROSS_REGION_NOTICE_RAISED, new CreditEvents.ViolationRecorded(v.id(), v.uscc(),
                    v.type(), v.major(), v.recordingRegion(), notice.toRegion(), notice.dueOn()));
        } else {
            ledger.emit(CreditEvents.VIOLATION_RECORDED, new CreditEvents.ViolationRecorded(v.id(), v.uscc(), v.type(),
                    v.major(), v.recordingRegion(), null, null));
        }
        return Json.write(v);
    }

    /** Moves a violation to a new status; only an inspector of the recording region may. */
    @Transaction(name = ViolationTransactions.UPDATE_STATUS, intent = Transaction.TYPE.SUBMIT)
    public String updateStatus(Context ctx, String violationId, String status) {
        Caller caller = Caller.of(ctx);
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        InspectorEntry inspector = credit.requireInspector(caller);
        Violation v = credit.requireViolation(violationId);
        if (!v.recordingRegion().equals(inspector.regionCode())) {
            throw RegistryException.forbidden("violation " + violationId + " was recorded by region "
                    + v.recordingRegion() + "; only its inspectors may change it, not an inspector of "
                    + inspector.regionCode());
        }
        ViolationStatus next = Arguments.oneOf(ViolationStatus.class, "status", status);
        if (!v.status().next().contains(next)) {
            throw RegistryException.conflict("violation " + violationId + " is " + v.status() + " and cannot become "
                    + next + (v.status() == ViolationStatus.CLOSED ? " (closed is final)" : "; allowed: " + v.status().next()));
        }
        Violation updated = v.withStatus(next, credit.ledger().nowIso());
        credit.putViolation(updated);
        credit.ledger().emit(CreditEvents.VIOLATION_STATUS_CHANGED, new CreditEvents.ViolationStatusChanged(v.id(),
                v.uscc(), next));
        return Json.write(updated);
    }

    /** The enterprise's region acknowledges a notice (its bureau or one of its inspectors). */
    @Transaction(name = ViolationTransactions.ACKNOWLEDGE_NOTICE, intent = Transaction.TYPE.SUBMIT)
    public String acknowledgeNotice(Context ctx, String violationId) {
        Caller caller = Caller.of(ctx);
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        String region = credit.requireBureauOrInspector(caller);
        Violation v = credit.requireViolation(violationId);
        CrossRegionNotice notice = credit.notice(v.uscc(), v.id()).orElseThrow(() -> RegistryException.notFound(
                "violation " + violationId + " raised no cross-region notice (the enterprise is registered in the "
                        + "recording region)"));
        if (!notice.toRegion().equals(region)) {
            throw RegistryException.forbidden("the notice of violation " + violationId + " is addressed to region "
                    + notice.toRegion() + "; region " + region + " cannot acknowledge it");
        }
        if (!notice.pending()) {
            throw RegistryException.conflict("the notice of violation " + violationId + " was already acknowledged at "
                    + notice.acknowledgedAt());
        }
        CrossRegionNotice done = notice.acknowledged(credit.ledger().nowIso(), caller.actor());
        credit.putNotice(done);
        credit.ledger().emit(CreditEvents.CROSS_REGION_NOTICE_ACKNOWLEDGED, new CreditEvents.NoticeAcknowledged(v.id(),
                v.uscc(), done.toRegion(), credit.ledger().today().isAfter(done.dueDate())));
        return Json.write(done);
    }

    @Transaction(name = ViolationTransactions.GET_VIOLATION, intent = Transaction.TYPE.EVALUATE)
    public String getViolation(Context ctx, String violationId) {
        return Json.write(new CreditLedger(new Ledger(ctx)).requireViolation(violationId));
    }

    @Transaction(name = ViolationTransactions.LIST_VIOLATIONS, intent = Transaction.TYPE.EVALUATE)
    public String listViolations(Context ctx, String uscc) {
        return Json.write(new CreditLedger(new Ledger(ctx)).violations(Arguments.uscc(uscc)));
    }

    @Transaction(name = ViolationTransactions.GET_NOTICE, intent = Transaction.TYPE.EVALUATE)
    public String getNotice(Context ctx, String violationId) {
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        Violation v = credit.requireViolation(violationId);
        return Json.write(credit.notice(v.uscc(), v.id()).orElseThrow(() ->
                RegistryException.notFound("violation " + violationId + " raised no cross-region notice")));
    }

    /** Notices addressed to a region, oldest first; {@code pendingOnly} "true" leaves out acknowledged ones. */
    @Transaction(name = ViolationTransactions.LIST_NOTICES, intent = Transaction.TYPE.EVALUATE)
    public String listNotices(Context ctx, String toRegion, String pendingOnly) {
        String code = Arguments.region(toRegion);
        boolean pending = "true".equals(pendingOnly);
        return Json.write(new CreditLedger(new Ledger(ctx)).allNotices().stream()
                .filter(n -> n.toRegion().equals(code) && (!pending || n.pending())).toList());
    }

    /** Notices of both regions not acknowledged by their due date, as of the query's timestamp. */
    @Transaction(name = ViolationTransactions.LIST_OVERDUE_NOTICES, intent = Transaction.TYPE.EVALUATE)
    public String listOverdueNotices(Context ctx) {
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        LocalDate today = credit.ledger().today();
        return Json.write(credit.allNotices().stream().filter(n -> n.overdueOn(today)).toList());
    }
}
