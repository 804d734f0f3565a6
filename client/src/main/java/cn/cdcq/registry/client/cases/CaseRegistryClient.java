package cn.cdcq.registry.client.cases;

import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.common.cases.AssistRequest;
import cn.cdcq.registry.common.cases.AssistRequestInput;
import cn.cdcq.registry.common.cases.CaseSettings;
import cn.cdcq.registry.common.cases.Complaint;
import cn.cdcq.registry.common.cases.ComplaintInput;
import cn.cdcq.registry.common.cases.OverdueReport;
import cn.cdcq.registry.common.cases.WorkingCalendar;
import cn.cdcq.registry.common.json.Json;

import java.util.List;

/** Cross-region cases ({@code cases}) and the working-day calendar ({@code calendar}) as typed calls. */
public final class CaseRegistryClient {

    private final RegistryGateway gateway;

    public CaseRegistryClient(RegistryGateway gateway) {
        this.gateway = gateway;
    }

    public WorkingCalendar setCalendar(WorkingCalendar calendar) {
        return Json.read(gateway.submit("calendar", "setCalendar", Json.write(calendar)), WorkingCalendar.class);
    }

    public WorkingCalendar calendar(int year) {
        return Json.read(gateway.evaluate("calendar", "getCalendar", Integer.toString(year)), WorkingCalendar.class);
    }

    public CaseSettings setCaseSettings(int acceptanceWorkingDays, int assistWorkingDays) {
        return Json.read(gateway.submit("calendar", "setCaseSettings",
                Json.write(new CaseSettings(acceptanceWorkingDays, assistWorkingDays, null, null))), CaseSettings.class);
    }

    public CaseSettings caseSettings() {
        return Json.read(gateway.evaluate("calendar", "getCaseSettings"), CaseSettings.class);
    }

    public Complaint fileComplaint(ComplaintInput complaint) {
        return Json.read(gateway.submit("cases", "fileComplaint", Json.write(complaint)), Complaint.class);
    }

    public Complaint accept(String complaintId) {
        return Json.read(gateway.submit("cases", "acceptComplaint", complaintId), Complaint.class);
    }

    public Complaint decline(String complaintId, Complaint.DeclineReason reason, String decisionDocumentHash) {
        return Json.read(gateway.submit("cases", "declineComplaint", complaintId, reason.name(), decisionDocumentHash),
                Complaint.class);
    }

    public Complaint close(String complaintId, Complaint.Outcome outcome, String reportDocumentHash) {
        return Json.read(gateway.submit("cases", "closeComplaint", complaintId, outcome.name(), reportDocumentHash),
                Complaint.class);
    }

    public Complaint complaint(String complaintId) {
        return Json.read(gateway.evaluate("cases", "getComplaint", complaintId), Complaint.class);
    }

    public List<Complaint> complaints(String regionCode) {
        return Json.readList(gateway.evaluate("cases", "listComplaints", regionCode), Complaint.class);
    }

    public AssistRequest requestAssist(AssistRequestInput request) {
        return Json.read(gateway.submit("cases", "requestAssist", Json.write(request)), AssistRequest.class);
    }

    public AssistRequest answerAssist(String requestId, String answerDocumentHash) {
        return Json.read(gateway.submit("cases", "answerAssist", requestId, answerDocumentHash), AssistRequest.class);
    }

    public AssistRequest assistRequest(String requestId) {
        return Json.read(gateway.evaluate("cases", "getAssistRequest", requestId), AssistRequest.class);
    }

    public List<AssistRequest> assistRequests(String regionCode) {
        return Json.readList(gateway.evaluate("cases", "listAssistRequests", regionCode), AssistRequest.class);
    }

    public OverdueReport overdue() {
        return Json.read(gateway.evaluate("cases", "listOverdue"), OverdueReport.class);
    }

    /** A bureau's sweep: flags what became overdue and returns it. */
    public OverdueReport flagOverdue() {
        return Json.read(gateway.submit("cases", "flagOverdue"), OverdueReport.class);
    }
}
