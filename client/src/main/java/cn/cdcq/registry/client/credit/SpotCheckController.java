package cn.cdcq.registry.client.credit;

import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.Account;
import cn.cdcq.registry.client.identity.Accounts;
import cn.cdcq.registry.client.api.LedgerJson;
import cn.cdcq.registry.common.credit.ConflictOfInterest;
import cn.cdcq.registry.common.credit.CreditInputs;
import cn.cdcq.registry.common.credit.InspectorEntry;
import cn.cdcq.registry.common.credit.SpotCheckDraw;
import cn.cdcq.registry.common.credit.SpotCheckPeriod;
import cn.cdcq.registry.common.credit.SpotCheckRequest;
import cn.cdcq.registry.common.region.DrawKey;
import cn.cdcq.registry.common.credit.SpotCheckResult;
import cn.cdcq.registry.common.credit.SpotCheckWeights;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Double random, one public" spot checks (contract spotcheck): the bureau keeps the inspector
 * register, conflicts and weights, opens draws on its own register, and reveals the region's
 * contribution, a signature over the draw id under the draw key this service keeps
 * ({@link SpotCheckDrawKey}); results by bureau or drawn inspectors.
 */
@RestController
@RequestMapping(value = "/api/v1/spot-checks", produces = "application/json")
@Tag(name = "Spot checks", description = "Inspector register, conflicts, weights, draws from both regions' signatures, results")
@PreAuthorize("hasAnyRole('BUREAU', 'INSPECTOR')")
public class SpotCheckController {

    private final UserGateways gateways;
    private final SpotCheckDrawKey drawKey;
    private final ServiceProperties properties;
    private final Accounts accounts;

    public SpotCheckController(UserGateways gateways, SpotCheckDrawKey drawKey, ServiceProperties properties,
                               Accounts accounts) {
        this.gateways = gateways;
        this.drawKey = drawKey;
        this.properties = properties;
        this.accounts = accounts;
    }

    public record InspectorRequest(@NotNull @Pattern(regexp = "[A-Z]{2}-INS-[0-9]{4,8}",
            message = "must be an inspector id such as CD-INS-0003") String inspectorId) {
    }

    public record ConflictRequest(@NotNull @Pattern(regexp = "[A-Z]{2}-INS-[0-9]{4,8}",
            message = "must be an inspector id such as CD-INS-0003") String inspectorId, String uscc) {
    }

    public record WeightsRequest(@NotNull Integer a, @NotNull Integer b, @NotNull Integer c, @NotNull Integer unrated) {
    }

    public record DrawRequest(String registerRegion, @NotNull Integer enterpriseCount, @NotNull Integer inspectorsPerEnterprise,
                              @Schema(description = "2026, 2026-H1, 2026-Q3 or 2026-07; default: this year") String period) {
    }

    public record RedrawConsent(String registerRegion, String period) {
    }

    public record ResultRequest(String uscc, @Schema(description = "one of SpotCheckResult.Outcome") String outcome,
                                String findingsDocumentHash) {
    }

    @PostMapping("/inspectors")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Register an inspector id in this region's register and, when this service holds the inspector's account, confirm it with the inspector's own identity (needed before the inspector can record)")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = InspectorEntry.class)))
    public ResponseEntity<String> registerInspector(@Valid @RequestBody InspectorRequest request, @AuthenticationPrincipal UserDetails user) {
        InspectorEntry pending = client(user).registerInspector(request.inspectorId());
        // The entry is pending until the inspector confirms it with their own identity
        // (spotcheck:confirmInspector). This service enrolled its inspectors and holds their
        // keys, so it confirms at once with the inspector account that carries this id.
        Optional<Account> inspector = accounts.all().stream()
                .filter(a -> request.inspectorId().equals(a.inspectorId())).findFirst();
        if (inspector.isEmpty()) {
            return LedgerJson.ok(pending);
        }
        return LedgerJson.ok(gateways.client(inspector.get().name(), SpotCheckClient::new)
                .confirmInspector(request.inspectorId()));
    }

    @PostMapping("/inspectors/{inspectorId}/confirm")
    @PreAuthorize("hasRole('INSPECTOR')")
    @Operation(summary = "The inspector confirms their own pending register entry with their own identity",
            description = "For entries registered before this service held the inspector's account, or before the rule.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = InspectorEntry.class)))
    public ResponseEntity<String> confirmInspector(@PathVariable String inspectorId, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).confirmInspector(new InspectorRequest(inspectorId).inspectorId()));
    }

    @GetMapping("/inspectors")
    @Operation(summary = "A region's inspector register")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = InspectorEntry.class))))
    public ResponseEntity<String> inspectors(@RequestParam String region, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).inspectors(RequestValues.region("region", region)));
    }

    @PostMapping("/conflicts")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Declare an inspector's conflict of interest with an enterprise")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ConflictOfInterest.class)))
    public ResponseEntity<String> declareConflict(@Valid @RequestBody ConflictRequest request, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).declareConflict(request.inspectorId(), RequestValues.uscc("uscc", request.uscc())));
    }

    @GetMapping("/conflicts")
    @Operation(summary = "Every declared conflict")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = ConflictOfInterest.class))))
    public ResponseEntity<String> conflicts(@AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).conflicts());
    }

    @PutMapping("/weights")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Set this region's draw weights per credit level")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SpotCheckWeights.class)))
    public ResponseEntity<String> setWeights(@Valid @RequestBody WeightsRequest w, @AuthenticationPrincipal UserDetails user) {
        // Each weight checked alone, then their order, so a refusal names the weight at fault.
        Map<String, Integer> given = new LinkedHashMap<>();
        given.put("a", w.a());
        given.put("b", w.b());
        given.put("c", w.c());
        given.put("unrated", w.unrated());
        given.forEach((field, weight) -> InvalidRequest.build(() -> new SpotCheckWeights(null, weight, weight, weight,
                weight, null, null), field));
        InvalidRequest.build(() -> new SpotCheckWeights(null, w.a(), w.b(), w.c(), w.unrated(), null, null),
                w.a() > w.b() ? "a" : "b");
        return LedgerJson.ok(client(user).setWeights(w.a(), w.b(), w.c(), w.unrated()));
    }

    @GetMapping("/weights")
    @Operation(summary = "A region's draw weights")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SpotCheckWeights.class)))
    public ResponseEntity<String> weights(@RequestParam String region, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).weights(RequestValues.region("region", region)));
    }

    @PostMapping("/draws")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Open a draw: fixes the register, levels, weights, inspectors and conflicts")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SpotCheckDraw.class)))
    public ResponseEntity<String> openDraw(@Valid @RequestBody DrawRequest r, @AuthenticationPrincipal UserDetails user) {
        String region = RequestValues.region("registerRegion", r.registerRegion());
        return LedgerJson.ok(client(user).openDraw(validated(region, r.enterpriseCount(), r.inspectorsPerEnterprise(), r.period())));
    }

    /** A draw request as this API checks it, each refusal naming its field. */
    public static SpotCheckRequest validated(String registerRegion, Integer enterpriseCount, Integer inspectorsPerEnterprise,
                                             String period) {
        return InvalidRequest.build(() -> new SpotCheckRequest(registerRegion, enterpriseCount, inspectorsPerEnterprise, period),
                "enterpriseCount", "inspectorsPerEnterprise", "period");
    }

    @GetMapping("/draws")
    @Operation(summary = "Every draw")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = SpotCheckDraw.class))))
    public ResponseEntity<String> draws(@AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).draws());
    }

    @GetMapping("/draws/{drawId}")
    @Operation(summary = "One draw (with its assignments once drawn)")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SpotCheckDraw.class)))
    public ResponseEntity<String> draw(@PathVariable String drawId, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).draw(RequestValues.ledgerId("drawId", drawId)));
    }

    @PutMapping("/draw-key")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Register this service's draw key (RSA, kept in its data folder) as the region's, unless it already is")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = DrawKey.class)))
    public ResponseEntity<String> registerDrawKey(@AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(registerDrawKey(client(user), drawKey, properties.regionCode()));
    }

    /**
     * The region's draw key in force when it is this service's key; else this service's key
     * registered as the region's (the API's {@code PUT draw-key} and the bureau's page alike).
     */
    public static DrawKey registerDrawKey(SpotCheckClient client, SpotCheckDrawKey drawKey, String regionCode) {
        List<DrawKey> keys = client.drawKeys(regionCode);
        if (!keys.isEmpty() && keys.get(keys.size() - 1).publicKey().equals(drawKey.publicKeyBase64())) {
            return keys.get(keys.size() - 1);
        }
        return client.setDrawKey(drawKey.publicKeyPem());
    }

    @PostMapping("/draws/{drawId}/reveal")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Reveal this region's contribution (its signature over the draw id) before the deadline; the last reveal draws")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SpotCheckDraw.class)))
    public ResponseEntity<String> reveal(@PathVariable String drawId, @AuthenticationPrincipal UserDetails user) {
        String id = RequestValues.ledgerId("drawId", drawId);
        return LedgerJson.ok(client(user).reveal(id, drawKey.contributionHex(id)));
    }

    @PostMapping("/draws/{drawId}/lapse")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Record that a draw's reveal deadline passed: lapsed against the regions that did not reveal")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SpotCheckDraw.class)))
    public ResponseEntity<String> lapse(@PathVariable String drawId, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).lapseDraw(RequestValues.ledgerId("drawId", drawId)));
    }

    @PostMapping("/redraw-consents")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Allow the other region's register one more draw in a period that already had one")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SpotCheckPeriod.class)))
    public ResponseEntity<String> consentToRedraw(@RequestBody RedrawConsent r, @AuthenticationPrincipal UserDetails user) {
        String region = RequestValues.region("registerRegion", r.registerRegion());
        String period = InvalidRequest.build(() -> new SpotCheckRequest(region, 1, 2, r.period()).period(), "period");
        if (period == null) {
            throw new InvalidRequest("period", CreditInputs.INVALID_VALUE, "period is missing (e.g. 2026)");
        }
        return LedgerJson.ok(client(user).consentToRedraw(region, period));
    }

    @PostMapping("/draws/{drawId}/results")
    @Operation(summary = "Publish the result of checking one drawn enterprise (bureau or a drawn inspector)")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SpotCheckResult.class)))
    public ResponseEntity<String> publishResult(@PathVariable String drawId, @RequestBody ResultRequest r,
                                                @AuthenticationPrincipal UserDetails user) {
        String id = RequestValues.ledgerId("drawId", drawId);
        String uscc = RequestValues.uscc("uscc", r.uscc());
        SpotCheckResult.Outcome outcome = RequestValues.enumValue(SpotCheckResult.Outcome.class, "outcome", r.outcome());
        String hash = RequestValues.sha256("findingsDocumentHash", r.findingsDocumentHash());
        return LedgerJson.ok(client(user).publishResult(id, uscc, outcome, hash));
    }

    @GetMapping("/draws/{drawId}/results")
    @Operation(summary = "Published results of a draw")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = SpotCheckResult.class))))
    public ResponseEntity<String> results(@PathVariable String drawId, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).results(RequestValues.ledgerId("drawId", drawId)));
    }

    private SpotCheckClient client(UserDetails user) {
        return gateways.client(user.getUsername(), SpotCheckClient::new);
    }
}
