package cn.cdcq.registry.client.cases;

import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.api.LedgerJson;
import cn.cdcq.registry.common.cases.AssistRequest;
import cn.cdcq.registry.common.cases.AssistRequestInput;
import cn.cdcq.registry.common.cases.CaseSettings;
import cn.cdcq.registry.common.cases.Complaint;
import cn.cdcq.registry.common.cases.ComplaintCategory;
import cn.cdcq.registry.common.cases.ComplaintInput;
import cn.cdcq.registry.common.cases.OverdueReport;
import cn.cdcq.registry.common.cases.WorkingCalendar;
import cn.cdcq.registry.common.settings.SettingProposal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Cross-region cases (contract cases) and the working-day calendar (contract calendar):
 * complaints filed, transferred, accepted, declined and closed; assist requests and answers;
 * overdue lists. Bureau and inspector accounts; the calendar, case settings and the overdue
 * sweep by the bureau.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = "application/json")
@Tag(name = "Cases", description = "Complaints, assist requests, deadlines on the working-day calendar")
@PreAuthorize("hasAnyRole('BUREAU', 'INSPECTOR')")
public class CaseController {

    private final UserGateways gateways;

    public CaseController(UserGateways gateways) {
        this.gateways = gateways;
    }

    public record ComplaintRequest(@Schema(description = "the worker's pseudonym (64 hex digits), never a name or ID number")
                                   String workerPseudonym, String employerUscc,
                                   @Schema(description = "one of ComplaintCategory") String category,
                                   String documentHash,
                                   @Schema(description = "day received at the counter (default today; at most 30 days ago)") String receivedOn) {
    }

    public record DeclineRequest(@Schema(description = "one of Complaint.DeclineReason") String reason, String decisionDocumentHash) {
    }

    public record CloseRequest(@Schema(description = "one of Complaint.Outcome") String outcome, String reportDocumentHash) {
    }

    public record AssistRequestBody(@Schema(description = "EVIDENCE_COLLECTION, DOCUMENT_DELIVERY or INQUIRY") String kind,
                                    String toRegion, String uscc, String complaintId, String requestDocumentHash,
                                    String sentOn) {
    }

    public record AnswerRequest(String answerDocumentHash) {
    }

    public record CalendarRequest(@NotNull Integer year, List<String> holidays, List<String> adjustedWorkingDays) {
    }

    public record SettingsRequest(@NotNull Integer acceptanceWorkingDays, @NotNull Integer assistWorkingDays,
                                  @Schema(description = "working days the region that made a credit record has to decide an "
                                          + "objection (docs/objections.md); absent: the one in force stays")
                                  Integer objectionWorkingDays) {
    }

    // ------------------------------------------------------------------ complaints

    @PostMapping("/complaints")
    @Operation(summary = "File a complaint received in this region; transferred when the employer is registered in the other")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Complaint.class)))
    public ResponseEntity<String> file(@RequestBody ComplaintRequest r, @AuthenticationPrincipal UserDetails user) {
        ComplaintInput input = new ComplaintInput(RequestValues.pseudonym("workerPseudonym", r.workerPseudonym()),
                RequestValues.uscc("employerUscc", r.employerUscc()),
                RequestValues.enumValue(ComplaintCategory.class, "category", r.category()),
                RequestValues.sha256("documentHash", r.documentHash()), RequestValues.optionalDate("receivedOn", r.receivedOn()));
        return LedgerJson.ok(client(user).fileComplaint(input));
    }

    @GetMapping("/complaints")
    @Operation(summary = "Complaints under a region's jurisdiction")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = Complaint.class))))
    public ResponseEntity<String> complaints(@RequestParam String region, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).complaints(RequestValues.region("region", region)));
    }

    @GetMapping("/complaints/{id}")
    @Operation(summary = "One complaint")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Complaint.class)))
    public ResponseEntity<String> complaint(@PathVariable String id, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).complaint(id));
    }

    @PostMapping("/complaints/{id}/accept")
    @Operation(summary = "Accept a complaint under this region's jurisdiction")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Complaint.class)))
    public ResponseEntity<String> accept(@PathVariable String id, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).accept(id));
    }

    @PostMapping("/complaints/{id}/decline")
    @Operation(summary = "Decline a complaint with a reason code and the written decision's hash")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Complaint.class)))
    public ResponseEntity<String> decline(@PathVariable String id, @RequestBody DeclineRequest r, @AuthenticationPrincipal UserDetails user) {
        Complaint.DeclineReason reason = RequestValues.enumValue(Complaint.DeclineReason.class, "reason", r.reason());
        return LedgerJson.ok(client(user).decline(id, reason, RequestValues.sha256("decisionDocumentHash", r.decisionDocumentHash())));
    }

    @PostMapping("/complaints/{id}/close")
    @Operation(summary = "Close an accepted complaint with its outcome and the report's hash")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Complaint.class)))
    public ResponseEntity<String> close(@PathVariable String id, @RequestBody CloseRequest r, @AuthenticationPrincipal UserDetails user) {
        Complaint.Outcome outcome = RequestValues.enumValue(Complaint.Outcome.class, "outcome", r.outcome());
        return LedgerJson.ok(client(user).close(id, outcome, RequestValues.sha256("reportDocumentHash", r.reportDocumentHash())));
    }

    // ------------------------------------------------------------------ assist requests

    @PostMapping("/assist-requests")
    @Operation(summary = "Ask the other region for help with an investigation (due in the agreed working days)")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AssistRequest.class)))
    public ResponseEntity<String> requestAssist(@RequestBody AssistRequestBody r, @AuthenticationPrincipal UserDetails user) {
        AssistRequest.Kind kind = RequestValues.enumValue(AssistRequest.Kind.class, "kind", r.kind());
        String toRegion = RequestValues.region("toRegion", r.toRegion());
        String uscc = RequestValues.uscc("uscc", r.uscc());
        String hash = RequestValues.sha256("requestDocumentHash", r.requestDocumentHash());
        String sentOn = RequestValues.optionalDate("sentOn", r.sentOn());
        AssistRequestInput input = InvalidRequest.build(() -> new AssistRequestInput(kind, toRegion, uscc, r.complaintId(),
                hash, sentOn), "complaintId");
        return LedgerJson.ok(client(user).requestAssist(input));
    }

    @GetMapping("/assist-requests")
    @Operation(summary = "Assist requests to or from a region")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = AssistRequest.class))))
    public ResponseEntity<String> assistRequests(@RequestParam String region, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).assistRequests(RequestValues.region("region", region)));
    }

    @GetMapping("/assist-requests/{id}")
    @Operation(summary = "One assist request")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AssistRequest.class)))
    public ResponseEntity<String> assistRequest(@PathVariable String id, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).assistRequest(id));
    }

    @PostMapping("/assist-requests/{id}/answer")
    @Operation(summary = "Answer an assist request addressed to this region")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AssistRequest.class)))
    public ResponseEntity<String> answer(@PathVariable String id, @RequestBody AnswerRequest r, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).answerAssist(id, RequestValues.sha256("answerDocumentHash", r.answerDocumentHash())));
    }

    // ------------------------------------------------------------------ deadlines

    @GetMapping("/overdue")
    @Operation(summary = "Everything past its deadline today: notices, complaints, assist requests")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OverdueReport.class)))
    public ResponseEntity<String> overdue(@AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).overdue());
    }

    @PostMapping("/overdue/flag")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Flag what became overdue (one OverdueFlagged event tells both regions)")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = OverdueReport.class)))
    public ResponseEntity<String> flagOverdue(@AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).flagOverdue());
    }

    @PutMapping("/calendar")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Propose a year of the working-day calendar (holidays, adjusted working days)",
            description = "In force once the other region's bureau accepts the proposal; until then the old calendar stays.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SettingProposal.class)))
    public ResponseEntity<String> setCalendar(@Valid @RequestBody CalendarRequest r, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).proposeCalendar(validatedCalendar(r.year(), r.holidays(), r.adjustedWorkingDays())));
    }

    /** A year of the calendar as this API checks it: the year, then each day, a refusal naming the field (as {@code holidays[2]}). */
    public static WorkingCalendar validatedCalendar(Integer year, List<String> holidays, List<String> adjustedWorkingDays) {
        if (year == null) {
            throw new InvalidRequest("year", cn.cdcq.registry.common.credit.CreditInputs.INVALID_VALUE, "year is missing");
        }
        int y = RequestValues.year("year", year);
        return InvalidRequest.build(() -> new WorkingCalendar(y, holidays, adjustedWorkingDays, null, null),
                "adjustedWorkingDays", "holidays");
    }

    /** The case deadlines as this API checks them: each with the other at its default, so a refusal names the one at fault. */
    public static void checkCaseSettings(Integer acceptanceWorkingDays, Integer assistWorkingDays) {
        if (acceptanceWorkingDays == null || assistWorkingDays == null) {
            throw new InvalidRequest(acceptanceWorkingDays == null ? "acceptanceWorkingDays" : "assistWorkingDays",
                    cn.cdcq.registry.common.credit.CreditInputs.INVALID_VALUE, "give a whole number of working days");
        }
        InvalidRequest.build(() -> new CaseSettings(acceptanceWorkingDays, CaseSettings.DEFAULTS.assistWorkingDays(),
                null, null), "acceptanceWorkingDays");
        InvalidRequest.build(() -> new CaseSettings(CaseSettings.DEFAULTS.acceptanceWorkingDays(), assistWorkingDays,
                null, null), "assistWorkingDays");
    }

    @GetMapping("/setting-proposals")
    @Operation(summary = "Proposals of the calendar, case deadlines and transaction-time window",
            description = "status: PROPOSED, ACCEPTED, DECLINED or WITHDRAWN; absent for all")
    public ResponseEntity<String> settingProposals(@RequestParam(required = false) String status,
                                                   @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).settingProposals(status));
    }

    @PostMapping("/setting-proposals/{proposalId}/accept")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Accept the other region's proposal, which puts it in force")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SettingProposal.class)))
    public ResponseEntity<String> acceptSetting(@PathVariable String proposalId, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).acceptSetting(proposalId));
    }

    @GetMapping("/calendar/{year}")
    @Operation(summary = "One year of the working-day calendar")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = WorkingCalendar.class)))
    public ResponseEntity<String> calendar(@PathVariable int year, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).calendar(RequestValues.year("year", year)));
    }

    @PutMapping("/case-settings")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Propose the deadlines in working days (acceptance of complaints, answers to assist requests)",
            description = "In force once the other region's bureau accepts the proposal.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SettingProposal.class)))
    public ResponseEntity<String> setSettings(@Valid @RequestBody SettingsRequest r, @AuthenticationPrincipal UserDetails user) {
        checkCaseSettings(r.acceptanceWorkingDays(), r.assistWorkingDays());
        if (r.objectionWorkingDays() == null) {
            return LedgerJson.ok(client(user).proposeCaseSettings(r.acceptanceWorkingDays(), r.assistWorkingDays()));
        }
        InvalidRequest.build(() -> new CaseSettings(CaseSettings.DEFAULTS.acceptanceWorkingDays(),
                CaseSettings.DEFAULTS.assistWorkingDays(), null, null, r.objectionWorkingDays()), "objectionWorkingDays");
        return LedgerJson.ok(client(user).proposeCaseSettings(r.acceptanceWorkingDays(), r.assistWorkingDays(),
                r.objectionWorkingDays()));
    }

    @GetMapping("/case-settings")
    @Operation(summary = "The deadlines in force")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CaseSettings.class)))
    public ResponseEntity<String> settings(@AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).caseSettings());
    }

    private CaseRegistryClient client(UserDetails user) {
        return gateways.client(user.getUsername(), CaseRegistryClient::new);
    }
}
