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
import cn.cdcq.registry.common.settings.SettingsTransactions;
import cn.cdcq.registry.common.settings.SettingProposal;

import java.util.List;

/**
 * Cross-region cases ({@code cases}), the working-day calendar ({@code calendar}) and the joint
 * proposals that change it ({@code settings}) as typed calls.
 */
public final class CaseRegistryClient {

    private final RegistryGateway gateway;

    public CaseRegistryClient(RegistryGateway gateway) {
        this.gateway = gateway;
    }

    /** Proposes a year's calendar; it is in force once the other region accepts ({@link #acceptSetting}). */
    public SettingProposal proposeCalendar(WorkingCalendar calendar) {
        return Json.read(gateway.submit(SettingsTransactions.CONTRACT, SettingsTransactions.PROPOSE_CALENDAR, Json.write(calendar)), SettingProposal.class);
    }

    /** The other region's bureau accepts a proposed calendar, case deadlines or transaction-time window. */
    public SettingProposal acceptSetting(String proposalId) {
        return Json.read(gateway.submit(SettingsTransactions.CONTRACT, SettingsTransactions.ACCEPT_PROPOSAL, proposalId), SettingProposal.class);
    }

    public SettingProposal declineSetting(String proposalId, String reason) {
        return Json.read(gateway.submit(SettingsTransactions.CONTRACT, SettingsTransactions.DECLINE_PROPOSAL, proposalId, reason), SettingProposal.class);
    }

    /** Setting proposals, oldest first; {@code status} null for all. */
    public List<SettingProposal> settingProposals(String status) {
        return Json.readList(gateway.evaluate(SettingsTransactions.CONTRACT, SettingsTransactions.LIST_PROPOSALS, status == null ? "" : status),
                SettingProposal.class);
    }

    public WorkingCalendar calendar(int year) {
        return Json.read(gateway.evaluate("calendar", "getCalendar", Integer.toString(year)), WorkingCalendar.class);
    }

    /** Proposes the case deadlines; in force once the other region accepts. */
    public SettingProposal proposeCaseSettings(int acceptanceWorkingDays, int assistWorkingDays) {
        return Json.read(gateway.submit(SettingsTransactions.CONTRACT, SettingsTransactions.PROPOSE_CASE_SETTINGS,
                Json.write(new CaseSettings(acceptanceWorkingDays, assistWorkingDays, null, null))), SettingProposal.class);
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
