package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.client.api.ApiFormats;
import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.api.LedgerJson;
import cn.cdcq.registry.common.certificate.SubsidyClaim;
import cn.cdcq.registry.common.certificate.SubsidyClaimOutcome;
import cn.cdcq.registry.common.certificate.SubsidyClaimRequest;
import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.json.Json;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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

/**
 * Training subsidy claims (contract "subsidy"), bureaus only: one subsidy per holder, occupation
 * and level across both regions. A second claim anywhere is recorded as a refusal that names only
 * the earlier claim's id, region and date.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = "application/json")
@PreAuthorize("hasRole('BUREAU')")
@Tag(name = "Subsidies", description = "Training subsidy claims, once per holder, occupation and level")
public class SubsidyController {

    /** As the ledger's {@link SubsidyClaimRequest} allows. */
    private static final int MAX_REFERENCE_LENGTH = ApiFormats.REFERENCE_MAX;

    private final UserGateways gateways;

    public SubsidyController(UserGateways gateways) {
        this.gateways = gateways;
    }

    @PostMapping("/subsidy-claims")
    @Operation(summary = "Record a subsidy paid for a certificate", description = "201 with outcome ACCEPTED; a second "
            + "claim for the same holder, occupation and level (in either region) is recorded as a refusal: 200 with "
            + "outcome REFUSED and the earlier claim's id, region and paid date.")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = SubsidyClaimOutcome.class)))
    public ResponseEntity<String> claim(@RequestBody SubsidyClaimRequest request, @AuthenticationPrincipal UserDetails user) {
        InvalidRequest.Collector problems = new InvalidRequest.Collector();
        String number = problems.check("certificateNumber", () -> RequestValues.certificateNumber("certificateNumber",
                request.certificateNumber()));
        if (request.amountFen() <= 0 || request.amountFen() > SubsidyClaimRequest.MAX_AMOUNT_FEN) {
            problems.add("amountFen", SubsidyClaimRequest.INVALID_AMOUNT, "amountFen " + request.amountFen()
                    + " is out of range; give the amount paid in fen (1 yuan = 100 fen), from 1 to "
                    + SubsidyClaimRequest.MAX_AMOUNT_FEN);
        }
        String paid = problems.check("paidDate", () -> IsoDate.parse("paidDate", request.paidDate()).toString());
        if (request.reference() != null && !request.reference().isBlank()) {
            String reference = problems.check("reference", () -> RequestValues.text("reference", request.reference()));
            if (reference != null && reference.length() > MAX_REFERENCE_LENGTH) {
                problems.add("reference", "INVALID_TEXT", "reference has " + reference.length() + " characters; at most "
                        + MAX_REFERENCE_LENGTH + " are allowed");
            }
        }
        problems.throwIfAny();
        SubsidyClaimRequest valid = InvalidRequest.check("claim", () ->
                new SubsidyClaimRequest(number, request.amountFen(), paid, request.reference()).validate());
        SubsidyClaimOutcome outcome = gateways.client(user.getUsername(), SubsidyClient::new).claim(valid);
        return ResponseEntity.status(outcome.accepted() ? HttpStatus.CREATED : HttpStatus.OK)
                .contentType(MediaType.APPLICATION_JSON).body(Json.write(outcome));
    }

    @GetMapping("/certificates/{number}/subsidy-claim")
    @Operation(summary = "The claim that covers a certificate's holder, occupation and level, wherever it was paid")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SubsidyClaim.class)))
    public ResponseEntity<String> claimFor(@PathVariable String number, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(gateways.client(user.getUsername(), SubsidyClient::new)
                .claimForCertificate(RequestValues.certificateNumber("number", number)));
    }

    @GetMapping("/subsidy-refusals/{refusalId}")
    @Operation(summary = "A recorded refusal of a second claim")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SubsidyClaimOutcome.Refusal.class)))
    public ResponseEntity<String> refusal(@PathVariable String refusalId, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(gateways.client(user.getUsername(), SubsidyClient::new).refusal(refusalId));
    }
}
