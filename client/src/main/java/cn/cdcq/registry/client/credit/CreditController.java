package cn.cdcq.registry.client.credit;

import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.region.RegionAttestation;
import cn.cdcq.registry.client.api.LedgerJson;
import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.CreditRating;
import cn.cdcq.registry.common.credit.CreditRatingStatement;
import cn.cdcq.registry.common.credit.CrossRegionNotice;
import cn.cdcq.registry.common.credit.EarlyRemovalInput;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.credit.EnterpriseKind;
import cn.cdcq.registry.common.credit.ListingInput;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.credit.ViolationInput;
import cn.cdcq.registry.common.credit.ViolationStatus;
import cn.cdcq.registry.common.credit.ViolationType;
import cn.cdcq.registry.common.credit.WageArrearsListing;
import cn.cdcq.registry.common.crypto.Hashes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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

import java.math.BigDecimal;
import java.util.List;

/**
 * Enterprise labor credit (contracts enterprise, violation, rating, blacklist): reads by bureau
 * and inspector accounts, writes by the role the chaincode expects, each signed on the ledger with
 * the caller's own identity. Ratings are signed here with the region's attestation key.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = "application/json")
@Tag(name = "Credit", description = "Enterprise register, violations and notices, ratings, blacklist")
@PreAuthorize("hasAnyRole('BUREAU', 'INSPECTOR')")
public class CreditController {

    private final UserGateways gateways;
    private final RegionAttestation attestation;

    public CreditController(UserGateways gateways, RegionAttestation attestation) {
        this.gateways = gateways;
        this.attestation = attestation;
    }

    public record EnterpriseRequest(@NotBlank String uscc, @NotBlank @Size(max = 200) String name, Boolean platform,
                                    @Schema(description = "PLATFORM, HR_SERVICE_AGENCY or OTHER; absent: PLATFORM when platform is true, else OTHER",
                                            example = "HR_SERVICE_AGENCY") String kind) {
    }

    public record KindRequest(@Schema(description = "PLATFORM, HR_SERVICE_AGENCY or OTHER", example = "HR_SERVICE_AGENCY") String kind,
                              @Schema(description = "why the kind changes, 1 to 500 characters; no personal data") String reason) {
    }

    public record ViolationRequest(
            @Schema(example = "91500000MA5U7Q1K3J") String uscc,
            @Schema(description = "one of ViolationType", example = "WAGE_ARREARS") String type,
            @Schema(description = "whole fen (1 yuan = 100 fen)", example = "12500000", type = "integer") BigDecimal amountFen,
            @NotNull @Schema(example = "12") Integer workersAffected,
            @Schema(example = "2026-03-15") String decisionDate,
            @Schema(description = "SHA-256 of the decision document, 64 hex digits") String decisionDocumentHash,
            Boolean major, Boolean massIncident,
            @Schema(description = "OPEN (default) or PENALIZED") String status) {
    }

    public record StatusRequest(@Schema(description = "RECTIFIED, PENALIZED or CLOSED") String status) {
    }

    public record RatingRequest(@NotNull Integer year,
                                @Schema(description = "A, B or C; absent for the rules' level") String level,
                                @Size(max = 500) @Schema(description = "required when level differs from the rules' level; no personal data") String overrideReason) {
    }

    public record ListingRequest(@NotBlank String violationId, Boolean orderIgnored,
                                 @Schema(description = "pseudonyms (64 hex digits) of the responsible persons, never names")
                                 List<String> responsiblePersonPseudonyms) {
    }

    public record EarlyRemovalRequest(Boolean wagesPaid, String rectificationDate, String pledgeDocumentHash) {
    }

    // ------------------------------------------------------------------ enterprises

    @PostMapping("/enterprises")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Register an enterprise of this region")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Enterprise.class)))
    public ResponseEntity<String> registerEnterprise(@Valid @RequestBody EnterpriseRequest request,
                                                     @AuthenticationPrincipal UserDetails user) {
        String uscc = RequestValues.uscc("uscc", request.uscc());
        EnterpriseKind kind = RequestValues.optionalEnumValue(EnterpriseKind.class, "kind", request.kind());
        return LedgerJson.ok(client(user).registerEnterprise(uscc, request.name().strip(), Boolean.TRUE.equals(request.platform()), kind));
    }

    @PutMapping("/enterprises/{uscc}/kind")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Change the kind of an enterprise this region registered; the record keeps every kind it had")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Enterprise.class)))
    public ResponseEntity<String> setEnterpriseKind(@PathVariable String uscc, @RequestBody KindRequest request,
                                                    @AuthenticationPrincipal UserDetails user) {
        InvalidRequest.Collector problems = new InvalidRequest.Collector();
        String code = problems.check("uscc", () -> RequestValues.uscc("uscc", uscc));
        EnterpriseKind kind = problems.check("kind", () -> RequestValues.enumValue(EnterpriseKind.class, "kind", request.kind()));
        String reason = problems.check("reason", () -> RequestValues.text("reason", request.reason()));
        problems.throwIfAny();
        return LedgerJson.ok(client(user).setEnterpriseKind(code, kind, reason));
    }

    @GetMapping("/enterprises")
    @Operation(summary = "A region's enterprise register")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = Enterprise.class))))
    public ResponseEntity<String> enterprises(@RequestParam String region, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).enterprises(RequestValues.region("region", region)));
    }

    @GetMapping("/enterprises/{uscc}")
    @Operation(summary = "One enterprise")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Enterprise.class)))
    public ResponseEntity<String> enterprise(@PathVariable String uscc, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).enterprise(RequestValues.uscc("uscc", uscc)));
    }

    @GetMapping("/enterprises/{uscc}/violations")
    @Operation(summary = "Every violation recorded against an enterprise, by either region")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = Violation.class))))
    public ResponseEntity<String> violationsOf(@PathVariable String uscc, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).violations(RequestValues.uscc("uscc", uscc)));
    }

    @GetMapping("/enterprises/{uscc}/credit-profile")
    @Operation(summary = "The whole credit profile as the ledger computes it (officials only; the public part is under /public)")
    public ResponseEntity<String> fullProfile(@PathVariable String uscc, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.raw(client(user).profileJson(RequestValues.uscc("uscc", uscc)));
    }

    // ------------------------------------------------------------------ violations and notices

    @PostMapping("/violations")
    @PreAuthorize("hasRole('INSPECTOR')")
    @Operation(summary = "Record a violation (a registered inspector of either region)",
            description = "Against an enterprise of the other region it raises a notice that region must acknowledge.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Violation.class)))
    public ResponseEntity<String> recordViolation(@Valid @RequestBody ViolationRequest request,
                                                  @AuthenticationPrincipal UserDetails user) {
        String uscc = RequestValues.uscc("uscc", request.uscc());
        ViolationType type = RequestValues.enumValue(ViolationType.class, "type", request.type());
        long amount = RequestValues.fen("amountFen", request.amountFen());
        String date = RequestValues.date("decisionDate", request.decisionDate());
        ViolationStatus status = request.status() == null ? null
                : RequestValues.enumValue(ViolationStatus.class, "status", request.status());
        ViolationInput input = InvalidRequest.build(() -> new ViolationInput(uscc, type, amount, request.workersAffected(),
                date, request.decisionDocumentHash(), Boolean.TRUE.equals(request.major()),
                Boolean.TRUE.equals(request.massIncident()), status), "status", "workersAffected", "decisionDocumentHash");
        return LedgerJson.ok(client(user).recordViolation(input));
    }

    @GetMapping("/violations/{id}")
    @Operation(summary = "One violation")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Violation.class)))
    public ResponseEntity<String> violation(@PathVariable String id, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).violation(id));
    }

    @PostMapping("/violations/{id}/status")
    @PreAuthorize("hasRole('INSPECTOR')")
    @Operation(summary = "Move a violation of this region on (RECTIFIED, PENALIZED, CLOSED)")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Violation.class)))
    public ResponseEntity<String> updateStatus(@PathVariable String id, @RequestBody StatusRequest request,
                                               @AuthenticationPrincipal UserDetails user) {
        ViolationStatus status = RequestValues.enumValue(ViolationStatus.class, "status", request.status());
        return LedgerJson.ok(client(user).updateStatus(id, status));
    }

    @GetMapping("/notices")
    @Operation(summary = "Cross-region notices addressed to a region")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = CrossRegionNotice.class))))
    public ResponseEntity<String> notices(@RequestParam String toRegion, @RequestParam(defaultValue = "false") boolean pendingOnly,
                                          @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).notices(RequestValues.region("toRegion", toRegion), pendingOnly));
    }

    @GetMapping("/notices/overdue")
    @Operation(summary = "Notices not acknowledged after their due date (both regions)")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = CrossRegionNotice.class))))
    public ResponseEntity<String> overdueNotices(@AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).overdueNotices());
    }

    @GetMapping("/notices/{violationId}")
    @Operation(summary = "The notice of one violation")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CrossRegionNotice.class)))
    public ResponseEntity<String> notice(@PathVariable String violationId, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).notice(violationId));
    }

    @PostMapping("/notices/{violationId}/acknowledge")
    @Operation(summary = "Acknowledge a notice addressed to this region")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CrossRegionNotice.class)))
    public ResponseEntity<String> acknowledge(@PathVariable String violationId, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).acknowledgeNotice(violationId));
    }

    // ------------------------------------------------------------------ ratings

    @GetMapping("/enterprises/{uscc}/ratings/preview")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "The statement this region would sign: the rules' level for the year, and the level asked for")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CreditRatingStatement.class)))
    public ResponseEntity<String> previewRating(@PathVariable String uscc, @RequestParam int year,
                                                @RequestParam(required = false) String level,
                                                @RequestParam(required = false) String overrideReason,
                                                @AuthenticationPrincipal UserDetails user) {
        String code = RequestValues.uscc("uscc", uscc);
        RequestValues.year("year", year);
        String lvl = level == null || level.isBlank() ? null : RequestValues.enumValue(CreditLevel.class, "level", level).name();
        return LedgerJson.ok(client(user).previewRating(code, year, lvl, overrideReason));
    }

    @PostMapping("/enterprises/{uscc}/ratings")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Rate an enterprise for a year: the service signs the statement with the region's attestation key")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CreditRating.class)))
    public ResponseEntity<String> rate(@PathVariable String uscc, @Valid @RequestBody RatingRequest request,
                                       @AuthenticationPrincipal UserDetails user) {
        String code = RequestValues.uscc("uscc", uscc);
        int year = RequestValues.year("year", request.year());
        String level = request.level() == null || request.level().isBlank() ? null
                : RequestValues.enumValue(CreditLevel.class, "level", request.level()).name();
        return LedgerJson.ok(rate(client(user), attestation, code, year, level, request.overrideReason(), user.getUsername()));
    }

    /**
     * How a bureau rates, for this API and the bureau's page alike: the chaincode's statement for
     * the checked values ({@code level} null for the rules' level), signed over its canonical
     * bytes with the region's attestation key (logged with the acting account), then recorded.
     */
    public static CreditRating rate(CreditRegistryClient client, RegionAttestation attestation, String uscc, int year,
                                    String level, String overrideReason, String account) {
        CreditRatingStatement statement = client.previewRating(uscc, year, level, overrideReason);
        byte[] signature = attestation.sign(CreditRatingStatement.bytesToSign(statement), "CreditRatingStatement",
                statement.uscc() + "/" + statement.regionCode() + "/" + statement.year(), account);
        return client.recordRating(statement, Hashes.hex(signature));
    }

    @GetMapping("/enterprises/{uscc}/ratings")
    @Operation(summary = "Every rating of an enterprise by every region")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = CreditRating.class))))
    public ResponseEntity<String> ratings(@PathVariable String uscc, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).ratings(RequestValues.uscc("uscc", uscc)));
    }

    @GetMapping("/enterprises/{uscc}/effective-level")
    @Operation(summary = "Each region's latest level and the worse of them")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CreditRegistryClient.EffectiveLevel.class)))
    public ResponseEntity<String> effectiveLevel(@PathVariable String uscc, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).effectiveLevel(RequestValues.uscc("uscc", uscc)));
    }

    // ------------------------------------------------------------------ blacklist

    @PostMapping("/blacklist")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "List an enterprise for one of this region's wage-arrears violations",
            description = "Needs orderIgnored and (amount >= this region's threshold on the ledger or a mass incident); term 3 years.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = WageArrearsListing.class)))
    public ResponseEntity<String> list(@Valid @RequestBody ListingRequest request, @AuthenticationPrincipal UserDetails user) {
        ListingInput input = InvalidRequest.build(() -> new ListingInput(request.violationId(),
                Boolean.TRUE.equals(request.orderIgnored()), request.responsiblePersonPseudonyms()),
                "responsiblePersonPseudonyms", "violationId");
        return LedgerJson.ok(client(user).list(input));
    }

    @GetMapping("/blacklist/{listingId}")
    @Operation(summary = "One listing")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = WageArrearsListing.class)))
    public ResponseEntity<String> listing(@PathVariable String listingId, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).listing(listingId));
    }

    @PostMapping("/blacklist/{listingId}/early-removal")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Remove a listing early: wages paid, 6 months after rectification, a pledge")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = WageArrearsListing.class)))
    public ResponseEntity<String> removeEarly(@PathVariable String listingId, @RequestBody EarlyRemovalRequest request,
                                              @AuthenticationPrincipal UserDetails user) {
        EarlyRemovalInput input = InvalidRequest.build(() -> new EarlyRemovalInput(listingId,
                Boolean.TRUE.equals(request.wagesPaid()), request.rectificationDate(), request.pledgeDocumentHash()),
                "rectificationDate", "listingId", "pledgeDocumentHash");
        return LedgerJson.ok(client(user).removeEarly(input));
    }

    @GetMapping("/enterprises/{uscc}/blacklist-status")
    @Operation(summary = "Whether any region lists the enterprise today, with every listing")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CreditRegistryClient.BlacklistStatus.class)))
    public ResponseEntity<String> blacklistStatus(@PathVariable String uscc, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).blacklistStatus(RequestValues.uscc("uscc", uscc)));
    }

    private CreditRegistryClient client(UserDetails user) {
        return gateways.client(user.getUsername(), CreditRegistryClient::new);
    }
}
