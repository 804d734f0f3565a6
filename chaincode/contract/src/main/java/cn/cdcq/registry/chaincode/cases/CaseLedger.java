package cn.cdcq.registry.chaincode.cases;

import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.cases.AssistRequest;
import cn.cdcq.registry.common.cases.CaseSettings;
import cn.cdcq.registry.common.cases.Complaint;
import cn.cdcq.registry.common.cases.WorkingCalendar;
import cn.cdcq.registry.common.cases.WorkingDays;
import cn.cdcq.registry.common.cases.Objection;
import cn.cdcq.registry.common.cases.CreditRepair;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Complaints, assist requests, the calendar and the deadlines in world state. */
public final class CaseLedger {

    static final String COMPLAINT = "cases.complaint";              // uscc, id
    static final String COMPLAINT_OWNER = "cases.complaintOwner";   // id -> uscc
    static final String ASSIST = "cases.assist";                    // uscc, id
    static final String ASSIST_OWNER = "cases.assistOwner";         // id -> uscc
    static final String CALENDAR = "cases.calendar";                // year
    static final String SETTINGS = "cases.settings";                // (single)
    static final String OBJECTION = "cases.objection";              // uscc, id
    static final String OBJECTION_OWNER = "cases.objectionOwner";   // id -> uscc
    static final String REPAIR = "cases.repair";                    // uscc, id
    static final String REPAIR_OWNER = "cases.repairOwner";         // id -> uscc

    private final Ledger ledger;

    public CaseLedger(Ledger ledger) {
        this.ledger = ledger;
    }

    public Optional<Complaint> complaint(String id) {
        return ledger.get(ledger.key(COMPLAINT_OWNER, id), String.class)
                .flatMap(uscc -> ledger.get(ledger.key(COMPLAINT, uscc, id), Complaint.class));
    }

    public Complaint requireComplaint(String id) {
        return complaint(id).orElseThrow(() -> RegistryException.notFound("no complaint " + id));
    }

    public void putComplaint(Complaint c) {
        ledger.put(ledger.key(COMPLAINT, c.employerUscc(), c.id()), c);
        ledger.put(ledger.key(COMPLAINT_OWNER, c.id()), c.employerUscc());
    }

    public List<Complaint> complaintsAbout(String uscc) {
        return ledger.list(Complaint.class, COMPLAINT, uscc).stream()
                .sorted(Comparator.comparing(Complaint::filedAt).thenComparing(Complaint::id)).toList();
    }

    public List<Complaint> allComplaints() {
        return ledger.list(Complaint.class, COMPLAINT).stream()
                .sorted(Comparator.comparing(Complaint::filedAt).thenComparing(Complaint::id)).toList();
    }

    public Optional<AssistRequest> assistRequest(String id) {
        return ledger.get(ledger.key(ASSIST_OWNER, id), String.class)
                .flatMap(uscc -> ledger.get(ledger.key(ASSIST, uscc, id), AssistRequest.class));
    }

    public AssistRequest requireAssistRequest(String id) {
        return assistRequest(id).orElseThrow(() -> RegistryException.notFound("no assist request " + id));
    }

    public void putAssistRequest(AssistRequest r) {
        ledger.put(ledger.key(ASSIST, r.uscc(), r.id()), r);
        ledger.put(ledger.key(ASSIST_OWNER, r.id()), r.uscc());
    }

    public List<AssistRequest> assistRequestsAbout(String uscc) {
        return ledger.list(AssistRequest.class, ASSIST, uscc).stream()
                .sorted(Comparator.comparing(AssistRequest::requestedAt).thenComparing(AssistRequest::id)).toList();
    }

    public List<AssistRequest> allAssistRequests() {
        return ledger.list(AssistRequest.class, ASSIST).stream()
                .sorted(Comparator.comparing(AssistRequest::requestedAt).thenComparing(AssistRequest::id)).toList();
    }

    public Optional<WorkingCalendar> calendar(int year) {
        return ledger.get(ledger.key(CALENDAR, Integer.toString(year)), WorkingCalendar.class);
    }

    public void putCalendar(WorkingCalendar c) {
        ledger.put(ledger.key(CALENDAR, Integer.toString(c.year())), c);
    }

    public CaseSettings settings() {
        return ledger.get(ledger.key(SETTINGS), CaseSettings.class).orElse(CaseSettings.DEFAULTS);
    }

    public void putSettings(CaseSettings s) {
        ledger.put(ledger.key(SETTINGS), s);
    }

    /** The {@code n}-th working day after {@code start} by the calendars on the ledger. */
    public LocalDate addWorkingDays(LocalDate start, int n) {
        try {
            return WorkingDays.addWorkingDays(start, n, this::calendar);
        } catch (InvalidInputException e) {
            throw RegistryException.conflict(e.getMessage());
        }
    }

    // ------------------------------------------------------------------ objections and credit repair

    public Optional<Objection> objection(String id) {
        return ledger.get(ledger.key(OBJECTION_OWNER, id), String.class)
                .flatMap(uscc -> ledger.get(ledger.key(OBJECTION, uscc, id), Objection.class));
    }

    public void putObjection(Objection o) {
        ledger.put(ledger.key(OBJECTION, o.uscc(), o.id()), o);
        ledger.put(ledger.key(OBJECTION_OWNER, o.id()), o.uscc());
    }

    /** The enterprise's objections, or every objection when {@code uscc} is null; oldest first. */
    public List<Objection> objections(String uscc) {
        List<Objection> all = uscc == null ? ledger.list(Objection.class, OBJECTION)
                : ledger.list(Objection.class, OBJECTION, uscc);
        return all.stream().sorted(java.util.Comparator.comparing(Objection::filedAt).thenComparing(Objection::id))
                .toList();
    }

    public Optional<CreditRepair> repair(String id) {
        return ledger.get(ledger.key(REPAIR_OWNER, id), String.class)
                .flatMap(uscc -> ledger.get(ledger.key(REPAIR, uscc, id), CreditRepair.class));
    }

    public void putRepair(CreditRepair r) {
        ledger.put(ledger.key(REPAIR, r.uscc(), r.id()), r);
        ledger.put(ledger.key(REPAIR_OWNER, r.id()), r.uscc());
    }

    /** The enterprise's repair applications, or every one when {@code uscc} is null; oldest first. */
    public List<CreditRepair> repairs(String uscc) {
        List<CreditRepair> all = uscc == null ? ledger.list(CreditRepair.class, REPAIR)
                : ledger.list(CreditRepair.class, REPAIR, uscc);
        return all.stream().sorted(java.util.Comparator.comparing(CreditRepair::appliedAt)
                .thenComparing(CreditRepair::id)).toList();
    }
}
