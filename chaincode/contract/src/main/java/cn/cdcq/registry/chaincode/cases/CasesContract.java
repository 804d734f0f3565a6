package cn.cdcq.registry.chaincode.cases;

import cn.cdcq.registry.chaincode.credit.CreditLedger;
import cn.cdcq.registry.chaincode.support.Arguments;
import cn.cdcq.registry.chaincode.support.Caller;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.cases.AssistRequest;
import cn.cdcq.registry.common.cases.AssistRequestInput;
import cn.cdcq.registry.common.cases.CaseEvents;
import cn.cdcq.registry.common.cases.CaseSettings;
import cn.cdcq.registry.common.cases.CasesTransactions;
import cn.cdcq.registry.common.cases.Complaint;
import cn.cdcq.registry.common.cases.ComplaintInput;
import cn.cdcq.registry.common.cases.OverdueReport;
import cn.cdcq.registry.common.credit.CrossRegionNotice;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.json.Json;
import org.hyperledger.fabric.contract.Context;
import cn.cdcq.registry.chaincode.support.RegistryContract;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

import java.time.LocalDate;
import java.util.List;

/**
 * Cross-region cases: "complain here, accepted there" and assisted investigation. A complaint
 * is entered by the bureau (or an inspector) of the region where the worker complained; the
 * region where the employer is registered has jurisdiction and must accept or decline within
 * the agreed working days, then closes it with an outcome. Assist requests are answered within
 * the agreed working days (10). Deadlines count working days on the ledger's calendar from the
 * Asia/Shanghai date; both regions see what is overdue.
 */
@Contract(name = CasesTransactions.CONTRACT, info = @Info(title = "Cross-region cases",
        description = "Complaints transferred to the region with jurisdiction, assisted-investigation requests",
        version = "1", contact = @Contact(name = "Chengdu-Chongqing labor registry")))
public final class CasesContract implements RegistryContract {

    /** Days a complaint or request may have been received on paper before it is entered. */
    static final int MAX_BACKDATING_DAYS = 30;

    /** Enters a complaint ({@link ComplaintInput} JSON), transferring it if the employer is of the other region. */
    @Transaction(name = CasesTransactions.FILE_COMPLAINT, intent = Transaction.TYPE.SUBMIT)
    public String fileComplaint(Context ctx, String complaintJson) {
        Caller caller = Caller.of(ctx);
        Ledger ledger = new Ledger(ctx);
        CreditLedger credit = new CreditLedger(ledger);
        CaseLedger cases = new CaseLedger(ledger);
        String region = credit.requireBureauOrInspector(caller);
        ComplaintInput in = Arguments.json(complaintJson, ComplaintInput.class);
        Enterprise employer = credit.requireEnterprise(in.employerUscc());
        LocalDate received = receivedDate("receivedOn", in.receivedOn(), ledger.today());
        for (Complaint c : cases.complaintsAbout(employer.uscc())) {
            if (c.open() && c.workerPseudonym().equals(in.workerPseudonym()) && c.category() == in.category()) {
                throw RegistryException.exists("the same worker already has open complaint " + c.id() + " about "
                        + employer.uscc() + " (" + c.category() + ", filed in " + c.filedRegion() + ")");
            }
        }
        CaseSettings settings = cases.settings();
        LocalDate due = cases.addWorkingDays(received, settings.acceptanceWorkingDays());
        Complaint complaint = Complaint.filed(ledger.txId(), in.workerPseudonym(), employer.uscc(), in.category(),
                in.documentHash(), region, employer.regionCode(), received, ledger.nowIso(), caller.actor(), due);
        cases.putComplaint(complaint);
        ledger.emit(complaint.transferred() ? CaseEvents.COMPLAINT_TRANSFERRED : CaseEvents.COMPLAINT_FILED,
                new CaseEvents.ComplaintFiled(complaint.id(), complaint.employerUscc(), complaint.category(), region,
                        complaint.jurisdictionRegion(), complaint.acceptanceDueOn()));
        return Json.write(complaint);
    }

    /** The region with jurisdiction accepts the complaint and investigates. */
    @Transaction(name = CasesTransactions.ACCEPT_COMPLAINT, intent = Transaction.TYPE.SUBMIT)
    public String acceptComplaint(Context ctx, String complaintId) {
        Caller caller = Caller.of(ctx);
        Ledger ledger = new Ledger(ctx);
        CreditLedger credit = new CreditLedger(ledger);
        CaseLedger cases = new CaseLedger(ledger);
        String region = credit.requireBureauOrInspector(caller); // who the caller is, before any record
        Complaint c = awaitingDecision(cases.requireComplaint(complaintId), region);
        Complaint accepted = c.decided(Complaint.Status.ACCEPTED, ledger.today(), caller.actor(), null, null);
        cases.putComplaint(accepted);
        ledger.emit(CaseEvents.COMPLAINT_ACCEPTED, decidedEvent(accepted, ledger.today()));
        return Json.write(accepted);
    }

    /** The region with jurisdiction declines the complaint with a reason and the written decision's hash. */
    @Transaction(name = CasesTransactions.DECLINE_COMPLAINT, intent = Transaction.TYPE.SUBMIT)
    public String declineComplaint(Context ctx, String complaintId, String reason, String decisionDocumentHash) {
        Caller caller = Caller.of(ctx);
        Ledger ledger = new Ledger(ctx);
        CreditLedger credit = new CreditLedger(ledger);
        CaseLedger cases = new CaseLedger(ledger);
        String region = credit.requireBureauOrInspector(caller); // who the caller is, before any record
        Complaint c = awaitingDecision(cases.requireComplaint(complaintId), region);
        Complaint.DeclineReason why = Arguments.oneOf(Complaint.DeclineReason.class, "reason", reason);
        String hash = Arguments.documentHash("decisionDocumentHash", decisionDocumentHash);
        Complaint declined = c.decided(Complaint.Status.DECLINED, ledger.today(), caller.actor(), why, hash);
        cases.putComplaint(declined);
        ledger.emit(CaseEvents.COMPLAINT_DECLINED, decidedEvent(declined, ledger.today()));
        return Json.write(declined);
    }

    /** The region with jurisdiction closes an accepted complaint with its outcome and report hash. */
    @Transaction(name = CasesTransactions.CLOSE_COMPLAINT, intent = Transaction.TYPE.SUBMIT)
    public String closeComplaint(Context ctx, String complaintId, String outcome, String reportDocumentHash) {
        Caller caller = Caller.of(ctx);
        Ledger ledger = new Ledger(ctx);
        CreditLedger credit = new CreditLedger(ledger);
        CaseLedger cases = new CaseLedger(ledger);
        String region = credit.requireBureauOrInspector(caller);
        Complaint c = cases.requireComplaint(complaintId);
        requireJurisdiction(c, region);
        if (c.status() != Complaint.Status.ACCEPTED) {
            throw RegistryException.conflict("complaint " + complaintId + " is " + c.status()
                    + "; only an accepted complaint can be closed");
        }
        Complaint.Outcome how = Arguments.oneOf(Complaint.Outcome.class, "outcome", outcome);
        String hash = Arguments.documentHash("reportDocumentHash", reportDocumentHash);
        Complaint closed = c.closed(how, ledger.today(), hash);
        cases.putComplaint(closed);
        ledger.emit(CaseEvents.COMPLAINT_CLOSED, decidedEvent(closed, ledger.today()));
        return Json.write(closed);
    }

    @Transaction(name = CasesTransactions.GET_COMPLAINT, intent = Transaction.TYPE.EVALUATE)
    public String getComplaint(Context ctx, String complaintId) {
        return Json.write(new CaseLedger(new Ledger(ctx)).requireComplaint(complaintId));
    }

    /** Complaints a region filed or has jurisdiction over, oldest first. */
    @Transaction(name = CasesTransactions.LIST_COMPLAINTS, intent = Transaction.TYPE.EVALUATE)
    public String listComplaints(Context ctx, String regionCode) {
        String code = Arguments.region(regionCode);
        return Json.write(new CaseLedger(new Ledger(ctx)).allComplaints().stream()
                .filter(c -> c.filedRegion().equals(code) || c.jurisdictionRegion().equals(code)).toList());
    }

    /** Asks the other region for help ({@link AssistRequestInput} JSON). */
    @Transaction(name = CasesTransactions.REQUEST_ASSIST, intent = Transaction.TYPE.SUBMIT)
    public String requestAssist(Context ctx, String requestJson) {
        Caller caller = Caller.of(ctx);
        Ledger ledger = new Ledger(ctx);
        CreditLedger credit = new CreditLedger(ledger);
        CaseLedger cases = new CaseLedger(ledger);
        String region = credit.requireBureauOrInspector(caller);
        AssistRequestInput in = Arguments.json(requestJson, AssistRequestInput.class);
        credit.regions().require(in.toRegion());
        if (in.toRegion().equals(region)) {
            throw RegistryException.invalid("an assist request goes to the other region, not to " + region + " itself");
        }
        credit.requireEnterprise(in.uscc());
        if (in.complaintId() != null) {
            Complaint c = cases.requireComplaint(in.complaintId());
            if (!c.employerUscc().equals(in.uscc())) {
                throw RegistryException.invalid("complaint " + c.id() + " is about " + c.employerUscc() + ", not " + in.uscc());
            }
        }
        LocalDate sent = receivedDate("sentOn", in.sentOn(), ledger.today());
        LocalDate due = cases.addWorkingDays(sent, cases.settings().assistWorkingDays());
        AssistRequest r = AssistRequest.sent(ledger.txId(), in.kind(), region, in.toRegion(), in.uscc(),
                in.complaintId(), in.requestDocumentHash(), sent, ledger.nowIso(), caller.actor(), due);
        cases.putAssistRequest(r);
        ledger.emit(CaseEvents.ASSIST_REQUESTED, new CaseEvents.AssistRequested(r.id(), r.kind(), r.uscc(), region,
                r.toRegion(), r.dueOn()));
        return Json.write(r);
    }

    /** The region asked answers with the hash of its answer (evidence, proof of delivery, inquiry record). */
    @Transaction(name = CasesTransactions.ANSWER_ASSIST, intent = Transaction.TYPE.SUBMIT)
    public String answerAssist(Context ctx, String requestId, String answerDocumentHash) {
        Caller caller = Caller.of(ctx);
        Ledger ledger = new Ledger(ctx);
        CreditLedger credit = new CreditLedger(ledger);
        CaseLedger cases = new CaseLedger(ledger);
        String region = credit.requireBureauOrInspector(caller);
        AssistRequest r = cases.requireAssistRequest(requestId);
        if (!r.toRegion().equals(region)) {
            throw RegistryException.forbidden("assist request " + requestId + " is addressed to region " + r.toRegion()
                    + "; region " + region + " cannot answer it");
        }
        if (r.status() != AssistRequest.Status.OPEN) {
            throw RegistryException.conflict("assist request " + requestId + " was already answered on " + r.answeredOn());
        }
        String hash = Arguments.documentHash("answerDocumentHash", answerDocumentHash);
        AssistRequest answered = r.answered(ledger.today(), caller.actor(), hash);
        cases.putAssistRequest(answered);
        ledger.emit(CaseEvents.ASSIST_ANSWERED, new CaseEvents.AssistAnswered(r.id(), r.fromRegion(), r.toRegion(),
                answered.answeredLate()));
        return Json.write(answered);
    }

    @Transaction(name = CasesTransactions.GET_ASSIST_REQUEST, intent = Transaction.TYPE.EVALUATE)
    public String getAssistRequest(Context ctx, String requestId) {
        return Json.write(new CaseLedger(new Ledger(ctx)).requireAssistRequest(requestId));
    }

    /** Assist requests a region sent or received, oldest first. */
    @Transaction(name = CasesTransactions.LIST_ASSIST_REQUESTS, intent = Transaction.TYPE.EVALUATE)
    public String listAssistRequests(Context ctx, String regionCode) {
        String code = Arguments.region(regionCode);
        return Json.write(new CaseLedger(new Ledger(ctx)).allAssistRequests().stream()
                .filter(r -> r.fromRegion().equals(code) || r.toRegion().equals(code)).toList());
    }

    /** Everything overdue today, for both regions. */
    @Transaction(name = CasesTransactions.LIST_OVERDUE, intent = Transaction.TYPE.EVALUATE)
    public String listOverdue(Context ctx) {
        Ledger ledger = new Ledger(ctx);
        return Json.write(overdue(new CreditLedger(ledger), new CaseLedger(ledger)));
    }

    /**
     * A bureau's sweep: marks every overdue item not marked before and emits one
     * {@code OverdueFlagged} event naming them (no personal data), so both regions are told.
     */
    @Transaction(name = CasesTransactions.FLAG_OVERDUE, intent = Transaction.TYPE.SUBMIT)
    public String flagOverdue(Context ctx) {
        Caller caller = Caller.of(ctx);
        Ledger ledger = new Ledger(ctx);
        CreditLedger credit = new CreditLedger(ledger);
        CaseLedger cases = new CaseLedger(ledger);
        credit.regions().bureauRegion(caller);
        OverdueReport report = overdue(credit, cases);
        LocalDate today = LocalDate.parse(report.today());
        List<CrossRegionNotice> notices = report.notices().stream().filter(n -> n.overdueFlaggedOn() == null).toList();
        List<Complaint> complaints = report.complaints().stream().filter(c -> c.overdueFlaggedOn() == null).toList();
        List<AssistRequest> assists = report.assistRequests().stream().filter(r -> r.overdueFlaggedOn() == null).toList();
        notices.forEach(n -> credit.putNotice(n.flaggedOverdue(today)));
        complaints.forEach(c -> cases.putComplaint(c.flaggedOverdue(today)));
        assists.forEach(r -> cases.putAssistRequest(r.flaggedOverdue(today)));
        OverdueReport flagged = new OverdueReport(report.today(),
                notices.stream().map(n -> n.flaggedOverdue(today)).toList(),
                complaints.stream().map(c -> c.flaggedOverdue(today)).toList(),
                assists.stream().map(r -> r.flaggedOverdue(today)).toList());
        if (!notices.isEmpty() || !complaints.isEmpty() || !assists.isEmpty()) {
            ledger.emit(CaseEvents.OVERDUE_FLAGGED, new CaseEvents.OverdueFlagged(today.toString(),
                    notices.stream().map(CrossRegionNotice::violationId).toList(),
                    complaints.stream().map(Complaint::id).toList(),
                    assists.stream().map(AssistRequest::id).toList()));
        }
        return Json.write(flagged);
    }

    // ------------------------------------------------------------------ rules

    private static OverdueReport overdue(CreditLedger credit, CaseLedger cases) {
        LocalDate today = credit.ledger().today();
        return new OverdueReport(today.toString(),
                credit.allNotices().stream().filter(n -> n.overdueOn(today)).toList(),
                cases.allComplaints().stream().filter(c -> c.overdueOn(today)).toList(),
                cases.allAssistRequests().stream().filter(r -> r.overdueOn(today)).toList());
    }

    private static Complaint awaitingDecision(Complaint c, String region) {
        requireJurisdiction(c, region);
        if (c.status() != Complaint.Status.AWAITING_ACCEPTANCE) {
            throw RegistryException.conflict("complaint " + c.id() + " is " + c.status()
                    + "; it was already accepted or declined");
        }
        return c;
    }

    private static void requireJurisdiction(Complaint c, String region) {
        if (!c.jurisdictionRegion().equals(region)) {
            throw RegistryException.forbidden("complaint " + c.id() + " is under the jurisdiction of region "
                    + c.jurisdictionRegion() + "; region " + region + " cannot decide or close it");
        }
    }

    private static LocalDate receivedDate(String field, String given, LocalDate t) {
        if (given == null) {
            return t;
        }
        LocalDate d = LocalDate.parse(given);
        if (d.isAfter(t) || d.isBefore(t.minusDays(MAX_BACKDATING_DAYS))) {
            throw RegistryException.invalid(field + " " + d + " must be between " + t.minusDays(MAX_BACKDATING_DAYS)
                    + " and today (" + t + ")");
        }
        return d;
    }

    private static CaseEvents.ComplaintDecided decidedEvent(Complaint c, LocalDate today) {
        return new CaseEvents.ComplaintDecided(c.id(), c.employerUscc(), c.filedRegion(), c.jurisdictionRegion(),
                c.status(), today.isAfter(c.acceptanceDueDate()), c.outcome());
    }
}
