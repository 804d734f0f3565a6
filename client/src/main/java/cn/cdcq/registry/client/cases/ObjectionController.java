package cn.cdcq.registry.client.cases;

import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.api.LedgerJson;
import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.common.cases.CreditRepair;
import cn.cdcq.registry.common.cases.Objection;
import cn.cdcq.registry.common.credit.CreditInputs;
import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.ViolationType;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Objections to credit records and credit repair (docs/objections.md): a bureau files for an
 * enterprise of its region and decides on its own region's records; the chaincode checks both
 * again. Reads for bureaus and inspectors.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = "application/json")
@Tag(name = "Objections", description = "Objections to violations, ratings and listings; credit repair of listings")
@PreAuthorize("hasAnyRole('BUREAU', 'INSPECTOR')")
public class ObjectionController {

    private final UserGateways gateways;

    public ObjectionController(UserGateways gateways) {
        this.gateways = gateways;
    }

    public record ObjectionRequest(
            @Schema(description = "VIOLATION, RATING or LISTING", example = "VIOLATION") String target,
            @Schema(description = "the violation's or listing's id (64 hex digits); for a RATING: USCC/REGION/YEAR")
            String recordId,
            @Schema(description = "one of " + "FACTS_INCORRECT, WRONG_ENTERPRISE, PROCEDURE_VIOLATED, LEGAL_BASIS_INCORRECT, "
                    + "SEVERITY_OVERSTATED, OTHER") String reasonCode,
            @Schema(description = "1 to 500 characters; no personal data") String reason,
            @Schema(description = "SHA-256 of the evidence documents, 64 hex digits each, at most 10")
            List<String> evidenceHashes) {
    }

    public record CorrectionBody(@Schema(description = "a violation's corrected type") String type,
                                 @Schema(description = "a violation's corrected major flag") Boolean major,
                                 @Schema(description = "a violation's corrected mass-incident flag") Boolean massIncident,
                                 @Schema(description = "a rating's corrected level: A, B or C") String level) {
    }

    public record ObjectionDecisionRequest(
            @Schema(description = "REJECTED, CORRECTED or ANNULLED", example = "ANNULLED") String outcome,
            @Schema(description = "why, 1 to 500 characters; no personal data") String reason,
            @Schema(description = "with CORRECTED only: what is corrected") CorrectionBody correction) {
    }

    public record RepairRequest(@Schema(description = "the wage-arrears listing") String listingId,
                                @Schema(description = "the arrears are paid in full (required true)") Boolean wagesPaid,
                                String rectificationDate,
                                @Schema(description = "SHA-256 of the enterprise's written credit pledge") String pledgeDocumentHash,
                                @Schema(description = "SHA-256 of the proof of payment and other documents, at most 10")
                                List<String> evidenceHashes) {
    }

    public record RepairDecisionRequest(@Schema(description = "GRANTED or REFUSED", example = "GRANTED") String outcome,
                                        @Schema(description = "why, 1 to 500 characters; no personal data") String reason) {
    }

    // ------------------------------------------------------------------ objections

    @PostMapping("/objections")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Object, for an enterprise of this region, to a violation, a rating or a listing",
            description = "Decided by the region that made the record, by dueOn (working days on the shared calendar).")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Objection.class)))
    public ResponseEntity<String> file(@RequestBody ObjectionRequest request, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).file(objectionInput(request)));
    }

    /** The checked input of a filing, for this API and the bureau's page alike. */
    public static Objection.Input objectionInput(ObjectionRequest request) {
        InvalidRequest.Collector problems = new InvalidRequest.Collector();
        Objection.Target target = problems.check("target", () -> RequestValues.enumValue(Objection.Target.class, "target",
                request.target()));
        String recordId = problems.check("recordId", () -> recordId(target, request.recordId()));
        problems.throwIfAny();
        return InvalidRequest.build(() -> new Objection.Input(target, recordId, request.reasonCode(), request.reason(),
                request.evidenceHashes()), "reasonCode", "reason", "evidenceHashes");
    }

    private static String recordId(Objection.Target target, String value) {
        if (target != Objection.Target.RATING) {
            return RequestValues.ledgerId("recordId", value);
        }
        String[] parts = value == null ? new String[0] : value.split("/", -1);
        if (parts.length != 3 || !parts[2].matches("[0-9]{4}")) {
            throw new InvalidRequest("recordId", CreditInputs.INVALID_VALUE, "recordId of a RATING is USCC/REGION/YEAR, "
                    + "e.g. 91510100MA6100001X/CD/2026");
        }
        return RequestValues.uscc("recordId", parts[0]) + "/" + RequestValues.region("recordId", parts[1]) + "/" + parts[2];
    }

    @PostMapping("/objections/{id}/decision")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Decide an objection to a record this region made: reject, correct or annul")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Objection.class)))
    public ResponseEntity<String> decide(@PathVariable String id, @RequestBody ObjectionDecisionRequest request,
                                         @AuthenticationPrincipal UserDetails user) {
        String objectionId = RequestValues.ledgerId("id", id);
        return LedgerJson.ok(client(user).decide(objectionId, decisionInput(request)));
    }

    public static Objection.DecisionInput decisionInput(ObjectionDecisionRequest request) {
        InvalidRequest.Collector problems = new InvalidRequest.Collector();
        Objection.Status outcome = problems.check("outcome", () -> RequestValues.enumValue(Objection.Status.class, "outcome",
                request.outcome()));
        Objection.Correction correction = null;
        CorrectionBody c = request.correction();
        if (c != null) {
            ViolationType type = problems.check("correction.type", () -> RequestValues.optionalEnumValue(
                    ViolationType.class, "correction.type", c.type()));
            CreditLevel level = problems.check("correction.level", () -> RequestValues.optionalEnumValue(
                    CreditLevel.class, "correction.level", c.level()));
            correction = new Objection.Correction(type, c.major(), c.massIncident(), level);
        }
        problems.throwIfAny();
        Objection.Correction corrected = correction;
        return InvalidRequest.build(() -> new Objection.DecisionInput(outcome, request.reason(), corrected),
                "correction", "reason", "outcome");
    }

    @GetMapping("/objections/{id}")
    @Operation(summary = "One objection, with its decision once made")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Objection.class)))
    public ResponseEntity<String> objection(@PathVariable String id, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).objection(RequestValues.ledgerId("id", id)));
    }

    @GetMapping("/objections")
    @Operation(summary = "Objections, oldest first; each filter absent for any")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = Objection.class))))
    public ResponseEntity<String> objections(@RequestParam(required = false) String uscc,
                                             @RequestParam(required = false) String decidingRegion,
                                             @RequestParam(required = false) String status,
                                             @AuthenticationPrincipal UserDetails user) {
        ListFilter<Objection.Status> f = ListFilter.of(uscc, decidingRegion, Objection.Status.class, status);
        return LedgerJson.ok(client(user).objections(f.uscc(), f.decidingRegion(), f.status()));
    }

    // ------------------------------------------------------------------ credit repair

    @PostMapping("/credit-repairs")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Apply, for an enterprise of this region, for early removal of a wage-arrears listing",
            description = "Wages paid, a written pledge, and six months on the list counted from rectification; "
                    + "before that TOO_EARLY names the first possible day. Decided by the listing region.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CreditRepair.class)))
    public ResponseEntity<String> apply(@RequestBody RepairRequest request, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).applyForRepair(repairInput(request)));
    }

    public static CreditRepair.Input repairInput(RepairRequest request) {
        String listingId = RequestValues.ledgerId("listingId", request.listingId());
        return InvalidRequest.build(() -> new CreditRepair.Input(listingId, Boolean.TRUE.equals(request.wagesPaid()),
                request.rectificationDate(), request.pledgeDocumentHash(), request.evidenceHashes()),
                "rectificationDate", "pledgeDocumentHash", "evidenceHashes");
    }

    @PostMapping("/credit-repairs/{id}/decision")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Grant or refuse a repair of a listing this region made; granted, the listing ends today")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CreditRepair.class)))
    public ResponseEntity<String> decideRepair(@PathVariable String id, @RequestBody RepairDecisionRequest request,
                                               @AuthenticationPrincipal UserDetails user) {
        String repairId = RequestValues.ledgerId("id", id);
        CreditRepair.Status outcome = RequestValues.enumValue(CreditRepair.Status.class, "outcome", request.outcome());
        CreditRepair.DecisionInput input = InvalidRequest.build(() -> new CreditRepair.DecisionInput(outcome,
                request.reason()), "reason", "outcome");
        return LedgerJson.ok(client(user).decideRepair(repairId, input));
    }

    @GetMapping("/credit-repairs/{id}")
    @Operation(summary = "One credit-repair application, with its decision once made")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CreditRepair.class)))
    public ResponseEntity<String> repair(@PathVariable String id, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).repair(RequestValues.ledgerId("id", id)));
    }

    @GetMapping("/credit-repairs")
    @Operation(summary = "Credit-repair applications, oldest first; each filter absent for any")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = CreditRepair.class))))
    public ResponseEntity<String> repairs(@RequestParam(required = false) String uscc,
                                          @RequestParam(required = false) String decidingRegion,
                                          @RequestParam(required = false) String status,
                                          @AuthenticationPrincipal UserDetails user) {
        ListFilter<CreditRepair.Status> f = ListFilter.of(uscc, decidingRegion, CreditRepair.Status.class, status);
        return LedgerJson.ok(client(user).repairs(f.uscc(), f.decidingRegion(), f.status()));
    }

    /** The filters of the two lists, each absent for any; every wrong one reported at once. */
    record ListFilter<S extends Enum<S>>(String uscc, String decidingRegion, S status) {
        static <S extends Enum<S>> ListFilter<S> of(String uscc, String decidingRegion, Class<S> type, String status) {
            InvalidRequest.Collector problems = new InvalidRequest.Collector();
            String code = uscc == null ? null : problems.check("uscc", () -> RequestValues.uscc("uscc", uscc));
            String region = decidingRegion == null ? null
                    : problems.check("decidingRegion", () -> RequestValues.region("decidingRegion", decidingRegion));
            S s = problems.check("status", () -> RequestValues.optionalEnumValue(type, "status", status));
            problems.throwIfAny();
            return new ListFilter<>(code, region, s);
        }
    }

    private ObjectionClient client(UserDetails user) {
        return gateways.client(user.getUsername(), ObjectionClient::new);
    }
}
