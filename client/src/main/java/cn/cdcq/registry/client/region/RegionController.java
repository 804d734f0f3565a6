package cn.cdcq.registry.client.region;

import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.api.LedgerJson;
import cn.cdcq.registry.common.region.AttestationCertificate;
import cn.cdcq.registry.common.region.Region;
import cn.cdcq.registry.common.region.RegionProposal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
 * The region registry (contract "region"): read by every account; proposals, approvals and
 * withdrawals by bureau accounts, each signed on the ledger with the caller's own identity.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = "application/json")
@Tag(name = "Regions", description = "Regions, their organizations and attestation certificates")
public class RegionController {

    private final UserGateways gateways;
    private final RegionAttestation attestation;

    public RegionController(UserGateways gateways, RegionAttestation attestation) {
        this.gateways = gateways;
        this.attestation = attestation;
    }

    /** Registration of this service's region; the certificate defaults to the service's attestation certificate. */
    public record RegistrationRequest(
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter region code such as CD or CQ") String regionCode,
            @NotBlank @Size(max = 200) String bureauName,
            @Schema(description = "PEM attestation certificate; default: this service's own") String certificatePem) {
    }

    /** A new attestation certificate for this region. */
    public record DivisionsRequest(@NotBlank @Schema(description = "the division prefixes the region covers, comma-separated, e.g. 51")
                                   String divisionPrefixes) {
    }

    public record RotationRequest(@NotBlank @Schema(description = "PEM of the new P-256 attestation certificate") String certificatePem) {
    }

    @GetMapping("/regions")
    @Operation(summary = "Regions in force")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = Region.class))))
    public ResponseEntity<String> regions(@AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).regions());
    }

    @GetMapping("/regions/{code}")
    @Operation(summary = "One region")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Region.class)))
    public ResponseEntity<String> region(@PathVariable String code, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).region(code));
    }

    @GetMapping("/regions/{code}/attestation-certificates")
    @Operation(summary = "A region's attestation certificates, oldest first (the current one has no validTo)")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = AttestationCertificate.class))))
    public ResponseEntity<String> attestationCertificates(@PathVariable String code, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).attestationCertificates(code));
    }

    @GetMapping("/region-proposals")
    @Operation(summary = "Pending region proposals")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = RegionProposal.class))))
    public ResponseEntity<String> pending(@AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).pendingProposals());
    }

    @GetMapping("/region-proposals/{id}")
    @Operation(summary = "One region proposal")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RegionProposal.class)))
    public ResponseEntity<String> proposal(@PathVariable String id, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).proposal(id));
    }

    @PostMapping("/region-proposals/registration")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Propose this region's registration", description = "In force once the other region approves.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RegionProposal.class)))
    public ResponseEntity<String> proposeRegistration(@Valid @RequestBody RegistrationRequest request,
                                                      @AuthenticationPrincipal UserDetails user) {
        String pem = request.certificatePem() != null ? request.certificatePem() : attestation.certificatePem();
        return LedgerJson.ok(client(user).proposeRegistration(request.regionCode(), request.bureauName(), pem));
    }

    @PostMapping("/region-proposals/rotation")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Propose a new attestation certificate for this region")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RegionProposal.class)))
    public ResponseEntity<String> proposeRotation(@Valid @RequestBody RotationRequest request,
                                                  @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).proposeRotation(request.certificatePem()));
    }

    @PostMapping("/region-proposals/divisions")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Propose the administrative divisions this region covers", description = "In force once the other region approves.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RegionProposal.class)))
    public ResponseEntity<String> proposeDivisions(@Valid @RequestBody DivisionsRequest request,
                                                   @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).proposeDivisions(request.divisionPrefixes()));
    }

    @PostMapping("/region-proposals/{id}/approve")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Approve the other region's proposal")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RegionProposal.class)))
    public ResponseEntity<String> approve(@PathVariable String id, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).approve(id));
    }

    @PostMapping("/region-proposals/{id}/withdraw")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Withdraw this region's pending proposal")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = RegionProposal.class)))
    public ResponseEntity<String> withdraw(@PathVariable String id, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).withdraw(id));
    }

    @GetMapping("/attestation")
    @Operation(summary = "This service's attestation certificate (PEM and SHA-256 fingerprint)")
    public java.util.Map<String, String> attestation() {
        return java.util.Map.of("certificatePem", attestation.certificatePem(), "fingerprint", attestation.fingerprint());
    }

    private RegionRegistryClient client(UserDetails user) {
        return gateways.client(user.getUsername(), RegionRegistryClient::new);
    }
}
