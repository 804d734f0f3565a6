package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.common.format.Sha256Hex;
import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.api.LedgerJson;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.certificate.ReasonCodes;
import cn.cdcq.registry.common.certificate.RecognitionDecision;
import cn.cdcq.registry.common.certificate.RecognitionRule;
import cn.cdcq.registry.common.certificate.RecognitionRuleProposal;
import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.format.OccupationCode;
import cn.cdcq.registry.common.format.RegionCode;
import cn.cdcq.registry.common.format.CredentialKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

/**
 * Mutual recognition (contract "recognition"): the catalogue of rules one region's bureau
 * proposes and the other accepts or declines, either withdraws; and case decisions on single
 * certificates, submitted by either bureau and decided by the target region's. Every account reads.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = "application/json")
@Tag(name = "Recognition", description = "Recognition rules between regions and case-by-case decisions")
public class RecognitionController {

    /** Rule ids and case ids are the proposing transaction's id. */

    private final UserGateways gateways;

    public RecognitionController(UserGateways gateways) {
        this.gateways = gateways;
    }

    /** Why a rule is declined or withdrawn, or a case withdrawn: free text on the ledger, no personal data. */
    public record Reason(@Schema(description = "1 to 500 characters on one line, no personal data") String reason) {
    }

    /** A certificate submitted for recognition in another region. */
    public record CaseSubmission(@Schema(example = "CD") String targetRegion,
                                 @Schema(description = "what supports recognition; no personal data") String note) {
    }

    // ------------------------------------------------------------------ the catalogue

    @GetMapping("/recognition-rules")
    @Operation(summary = "The whole catalogue, every status")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = RecognitionRule.class))))
    public ResponseEntity<String> rules(@AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).rules());
    }

    @GetMapping("/recognition-rules/{ruleId}")
    @Operation(summary = "One rule")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RecognitionRule.class)))
    public ResponseEntity<String> rule(@PathVariable String ruleId, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).rule(id("ruleId", ruleId)));
    }

    @PostMapping("/recognition-rules")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Propose a rule between this region and another", description = "Certificates of the occupation, "
            + "at minimumLevel or more advanced (a smaller number), issued in fromRegion, are recognized in toRegion once "
            + "the other region accepts. kind is the credential kind (absent or SKILL_LEVEL, SPECIAL_ABILITY, "
            + "PROFESSIONAL_TITLE; minimumLevel is then a title grade, or 0 for a special vocational ability). "
            + "effectiveTo may be left out (open-ended).")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RecognitionRule.class)))
    public ResponseEntity<String> propose(@RequestBody RecognitionRuleProposal proposal, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).proposeRule(validated(proposal)));
    }

    @PostMapping("/recognition-rules/{ruleId}/accept")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Accept the other region's proposed rule, which brings it in force")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RecognitionRule.class)))
    public ResponseEntity<String> accept(@PathVariable String ruleId, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).acceptRule(id("ruleId", ruleId)));
    }

    @PostMapping("/recognition-rules/{ruleId}/decline")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Decline the other region's proposed rule")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RecognitionRule.class)))
    public ResponseEntity<String> decline(@PathVariable String ruleId, @RequestBody Reason reason,
                                          @AuthenticationPrincipal UserDetails user) {
        String id = id("ruleId", ruleId);
        return LedgerJson.ok(client(user).declineRule(id, RequestValues.text("reason", reason.reason())));
    }

    @PostMapping("/recognition-rules/{ruleId}/withdraw")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Withdraw this region's side of a rule (or its own proposal), which ends it")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RecognitionRule.class)))
    public ResponseEntity<String> withdraw(@PathVariable String ruleId, @RequestBody Reason reason,
                                           @AuthenticationPrincipal UserDetails user) {
        String id = id("ruleId", ruleId);
        return LedgerJson.ok(client(user).withdrawRule(id, RequestValues.text("reason", reason.reason())));
    }

    // ------------------------------------------------------------------ case decisions

    @GetMapping("/certificates/{number}/recognition-cases")
    @Operation(summary = "A certificate's recognition cases, one per target region")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = RecognitionDecision.class))))
    public ResponseEntity<String> cases(@PathVariable String number, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).cases(RequestValues.certificateNumber("number", number)));
    }

    @GetMapping("/certificates/{number}/recognition-cases/{targetRegion}")
    @Operation(summary = "A certificate's recognition case in one region")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RecognitionDecision.class)))
    public ResponseEntity<String> recognitionCase(@PathVariable String number, @PathVariable String targetRegion,
                                                  @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).caseOf(RequestValues.certificateNumber("number", number),
                RequestValues.region("targetRegion", targetRegion)));
    }

    @PostMapping("/certificates/{number}/recognition-cases")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Submit a certificate no rule recognizes for recognition in another region (either bureau)")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RecognitionDecision.class)))
    public ResponseEntity<String> submitCase(@PathVariable String number, @RequestBody CaseSubmission submission,
                                             @AuthenticationPrincipal UserDetails user) {
        String valid = RequestValues.certificateNumber("number", number);
        String target = RequestValues.region("targetRegion", submission.targetRegion());
        return LedgerJson.ok(client(user).submitCase(valid, target, RequestValues.text("note", submission.note())));
    }

    @PostMapping("/certificates/{number}/recognition-cases/{targetRegion}/accept")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Accept a submitted case (bureau of the target region)", description = "Reason codes: EQUIVALENT_STANDARD, OTHER.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RecognitionDecision.class)))
    public ResponseEntity<String> acceptCase(@PathVariable String number, @PathVariable String targetRegion,
                                             @RequestBody StatusChange decision, @AuthenticationPrincipal UserDetails user) {
        return decide(number, targetRegion, RecognitionDecision.Status.ACCEPTED.name(), ReasonCodes.RECOGNITION_ACCEPT, decision, user);
    }

    @PostMapping("/certificates/{number}/recognition-cases/{targetRegion}/refuse")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Refuse a submitted case (bureau of the target region)", description = "Reason codes: "
            + "NO_EQUIVALENT_OCCUPATION, LEVEL_NOT_EQUIVALENT, ASSESSMENT_NOT_COMPARABLE, INSUFFICIENT_EVIDENCE, OTHER.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RecognitionDecision.class)))
    public ResponseEntity<String> refuseCase(@PathVariable String number, @PathVariable String targetRegion,
                                             @RequestBody StatusChange decision, @AuthenticationPrincipal UserDetails user) {
        return decide(number, targetRegion, RecognitionDecision.Status.REFUSED.name(), ReasonCodes.RECOGNITION_REFUSE, decision, user);
    }

    @PostMapping("/certificates/{number}/recognition-cases/{targetRegion}/withdraw")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Withdraw a case before it is decided (the submitting region)")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RecognitionDecision.class)))
    public ResponseEntity<String> withdrawCase(@PathVariable String number, @PathVariable String targetRegion,
                                               @RequestBody Reason reason, @AuthenticationPrincipal UserDetails user) {
        String valid = RequestValues.certificateNumber("number", number);
        String target = RequestValues.region("targetRegion", targetRegion);
        return LedgerJson.ok(client(user).withdrawCase(valid, target, RequestValues.text("reason", reason.reason())));
    }

    private ResponseEntity<String> decide(String number, String targetRegion, String outcome,
                                          java.util.List<String> codes, StatusChange decision, UserDetails user) {
        String valid = RequestValues.certificateNumber("number", number);
        String target = RequestValues.region("targetRegion", targetRegion);
        String code = RequestValues.reasonCode("reasonCode", "a recognition " + outcome.toLowerCase(), decision.reasonCode(), codes);
        return LedgerJson.ok(client(user).decideCase(valid, target, outcome, code,
                RequestValues.text("reason", decision.reason())));
    }

    /** The proposal in canonical form, each wrong field named: the checks of a proposal before the ledger; the bureau desk's page uses them too. */
    public static RecognitionRuleProposal validated(RecognitionRuleProposal p) {
        InvalidRequest.Collector problems = new InvalidRequest.Collector();
        String occupation = problems.check("occupation", () -> OccupationCode.validate(p.occupation()));
        CredentialKind kind = problems.check("kind", () -> CredentialKind.of(p.kind()));
        if (kind != null) {
            problems.check("minimumLevel", () -> kind.validateLevel(p.minimumLevel()));
        }
        String from = problems.check("fromRegion", () -> RegionCode.validate(p.fromRegion()));
        String to = problems.check("toRegion", () -> RegionCode.validate(p.toRegion()));
        if (from != null && from.equals(to)) {
            problems.add("toRegion", InvalidInputException.INVALID_REGION, "fromRegion and toRegion are both " + from
                    + "; a rule recognizes one region's certificates in another");
        }
        LocalDate start = problems.check("effectiveFrom", () -> IsoDate.parse("effectiveFrom", p.effectiveFrom()));
        if (p.effectiveTo() != null && !p.effectiveTo().isBlank()) {
            LocalDate end = problems.check("effectiveTo", () -> IsoDate.parse("effectiveTo", p.effectiveTo()));
            if (start != null && end != null && end.isBefore(start)) {
                problems.add("effectiveTo", InvalidInputException.INVALID_DATE, "effectiveTo " + end + " is before "
                        + "effectiveFrom " + start + "; leave effectiveTo out for an open-ended rule");
            }
        }
        problems.throwIfAny();
        return InvalidRequest.check("proposal", () -> new RecognitionRuleProposal(occupation, p.minimumLevel(), from, to,
                p.effectiveFrom(), p.effectiveTo(), kind.name()).validate());
    }

    private static String id(String field, String value) {
        if (!Sha256Hex.isCanonical(value)) {
            throw new InvalidRequest(field, "INVALID_ID", field + " is the id the ledger gave (the proposing "
                    + "transaction's id, 64 lowercase hex digits)");
        }
        return value;
    }

    private RecognitionClient client(UserDetails user) {
        return gateways.client(user.getUsername(), RecognitionClient::new);
    }
}
