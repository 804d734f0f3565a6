package cn.cdcq.registry.client.cases;

import cn.cdcq.registry.common.cases.CalendarTransactions;
import cn.cdcq.registry.common.cases.CasesTransactions;
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

    /** The proposing region's bureau withdraws its own open proposal, with a reason. */
    public SettingProposal withdrawSetting(String proposalId, String reason) {
        return Json.read(gateway.submit(SettingsTransactions.CONTRACT, SettingsTransactions.WITHDRAW_PROPOSAL, proposalId, reason), SettingProposal.class);
    }

    /** Setting proposals, oldest first; {@code status} null for all. */
    public List<SettingProposal> settingProposals(String status) {
        return Json.readList(gateway.evaluate(SettingsTransactions.CONTRACT, SettingsTransactions.LIST_PROPOSALS, status == null ? "" : status),
                SettingProposal.class);
    }

    public WorkingCalendar calendar(int year) {
        return Json.read(gateway.evaluate(CalendarTransactions.CONTRACT, CalendarTransactions.GET_CALENDAR, Integer.toString(year)), WorkingCalendar.class);
    }

    /**
     * Proposes the case deadlines; in force once the other region accepts. The objection deadline
     * in force is proposed again as it is (a proposal replaces all the deadlines at once).
     */
    public SettingProposal proposeCaseSettings(int acceptanceWorkingDays, int assistWorkingDays) {
        return proposeCaseSettings(acceptanceWorkingDays, assistWorkingDays, caseSettings().objectionWorkingDays());
    }

    /** Proposes the case deadlines with the objection deadline ({@code null}: the default, docs/objections.md). */
    public SettingProposal proposeCaseSettings(int acceptanceWorkingDays, int assistWorkingDays,
                                               Integer objectionWorkingDays) {
        return Json.read(gateway.submit(SettingsTransactions.CONTRACT, SettingsTransactions.PROPOSE_CASE_SETTINGS,
                Json.write(new CaseSettings(acceptanceWorkingDays, assistWorkingDays, null, null, objectionWorkingDays))),
                SettingProposal.class);
    }

    public CaseSettings caseSettings() {
        return Json.read(gateway.evaluate(CalendarTransactions.CONTRACT, CalendarTransactions.GET_CASE_SETTINGS), CaseSettings.class);
    }

    public Complaint fileComplaint(ComplaintInput complaint) {
        return Json.read(gateway.submit(CasesTransactions.CONTRACT, CasesTransactions.FILE_COMPLAINT, Json.write(complaint)), Complaint.class);
    }

    public Complaint accept(String complaintId) {
        return Json.read(gateway.submit(CasesTransactions.CONTRACT, CasesTransactions.ACCEPT_COMPLAINT, complaintId), Complaint.class);
    }

    public Complaint decline(String complaintId, Complaint.DeclineReason reason, String decisionDocumentHash) {
        return Json.read(gateway.submit(CasesTransactions.CONTRACT, CasesTransactions.DECLINE_COMPLAINT, complaintId, reason.name(), decisionDocumentHash),
                Complaint.class);
    }

    public Complaint close(String complaintId, Complaint.Outcome outcome, String reportDocumentHash) {
        return Json.read(gateway.submit(CasesTransactions.CONTRACT, CasesTransactions.CLOSE_COMPLAINT, complaintId, outcome.name(), reportDocumentHash),
                Complaint.class);
    }

    public Complaint complaint(String complaintId) {
        return Json.read(gateway.evaluate(CasesTransactions.CONTRACT, CasesTransactions.GET_COMPLAINT, complaintId), Complaint.class);
    }

    public List<Complaint> complaints(String regionCode) {
        return Json.readList(gateway.evaluate(CasesTransactions.CONTRACT, CasesTransactions.LIST_COMPLAINTS, regionCode), Complaint.class);
    }

    public AssistRequest requestAssist(AssistRequestInput request) {
        return Json.read(gateway.submit(CasesTransactions.CONTRACT, CasesTransactions.REQUEST_ASSIST, Json.write(request)), AssistRequest.class);
    }

    public AssistRequest answerAssist(String requestId, String answerDocumentHash) {
        return Json.read(gateway.submit(CasesTransactions.CONTRACT, CasesTransactions.ANSWER_ASSIST, requestId, answerDocumentHash), AssistRequest.class);
    }

    public AssistRequest assistRequest(String requestId) {
        return Json.read(gateway.evaluate(CasesTransactions.CONTRACT, CasesTransactions.GET_ASSIST_REQUEST, requestId), AssistRequest.class);
    }

    public List<AssistRequest> assistRequests(String regionCode) {
        return Json.readList(gateway.evaluate(CasesTransactions.CONTRACT, CasesTransactions.LIST_ASSIST_REQUESTS, regionCode), AssistRequest.class);
    }

    public OverdueReport overdue() {
        return Json.read(gateway.evaluate(CasesTransactions.CONTRACT, CasesTransactions.LIST_OVERDUE), OverdueReport.class);
    }

    /** A bureau's sweep: flags what became overdue and returns it. */
    public OverdueReport flagOverdue() {
        return Json.read(gateway.submit(CasesTransactions.CONTRACT, CasesTransactions.FLAG_OVERDUE), OverdueReport.class);
    }
}
