package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.certificate.IssueResults.BatchIssue;
import cn.cdcq.registry.client.certificate.IssueResults.SingleIssue;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.api.LedgerJson;
import cn.cdcq.registry.common.certificate.CertificateBatch;
import cn.cdcq.registry.common.certificate.CertificateHistoryEntry;
import cn.cdcq.registry.common.certificate.ReasonCodes;
import cn.cdcq.registry.common.certificate.SkillCertificate;
import cn.cdcq.registry.common.json.Json;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
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

import java.net.URI;
import java.util.List;

/**
 * Skill certificates (contract "certificate"): a training center issues, one at a time or in a
 * batch; the bureau of the issuing region suspends, reinstates or revokes; every account reads a
 * certificate, its history and its batch. Each ledger call is signed with the caller's identity.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = "application/json")
@Tag(name = "Certificates", description = "Issue, status and history of skill certificates")
public class CertificateController {

    private final UserGateways gateways;
    private final CertificateIssuance issuance;

    public CertificateController(UserGateways gateways, CertificateIssuance issuance) {
        this.gateways = gateways;
        this.issuance = issuance;
    }

    /** A batch to issue. */
    public record NewCertificateBatch(@ArraySchema(maxItems = 2000) List<NewCertificate> certificates) {
        @Override
        public String toString() {
            return "NewCertificateBatch[" + (certificates == null ? 0 : certificates.size()) + " certificates, holders withheld]";
        }
    }

    @PostMapping("/certificates")
    @PreAuthorize("hasRole('TRAINING_CENTER')")
    @Operation(summary = "Issue one certificate", description = "The holder's name and ID number are validated, turned "
            + "into pseudonym and commitment, and forgotten. The region's attestation key signs. 201 with the holder's salt; "
            + "the same request again: 200 ALREADY_ISSUED with the same salt, nothing issued. Training centers only.")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = SingleIssue.class)))
    public ResponseEntity<String> issue(@RequestBody NewCertificate request, @AuthenticationPrincipal UserDetails user) {
        SingleIssue result = issuance.issue(user.getUsername(), request);
        return answer(result.outcome(), "/api/v1/certificates/" + result.certificate().number(), result);
    }

    @PostMapping("/certificate-batches")
    @PreAuthorize("hasRole('TRAINING_CENTER')")
    @Operation(summary = "Issue a batch of up to 2,000 certificates in one transaction",
            description = "Every entry is validated first; one wrong entry refuses the batch (400, each wrong field in "
                    + "'errors'). One region signature over the Merkle root, which is the batch's id. Sending the same "
                    + "batch again answers 200 ALREADY_ISSUED with the same salts and issues nothing. Training centers only.")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = BatchIssue.class)))
    public ResponseEntity<String> issueBatch(@RequestBody NewCertificateBatch batch, @AuthenticationPrincipal UserDetails user) {
        BatchIssue result = issuance.issueBatch(user.getUsername(), batch == null ? null : batch.certificates());
        return answer(result.outcome(), "/api/v1/certificate-batches/" + result.batchId(), result);
    }

    @GetMapping("/certificate-batches/{batchId}")
    @Operation(summary = "A batch: region, center, count, signature and when it was issued")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CertificateBatch.class)))
    public ResponseEntity<String> batch(@PathVariable String batchId, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).batch(RequestValues.batchId("batchId", batchId)));
    }

    @GetMapping("/certificates/{number}")
    @Operation(summary = "A certificate as stored (holder only as pseudonym and commitment)")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SkillCertificate.class)))
    public ResponseEntity<String> certificate(@PathVariable String number, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).certificate(RequestValues.certificateNumber("number", number)));
    }

    @GetMapping("/certificates/{number}/history")
    @Operation(summary = "Every version of a certificate, oldest first, with transaction and time")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = CertificateHistoryEntry.class))))
    public ResponseEntity<String> history(@PathVariable String number, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).history(RequestValues.certificateNumber("number", number)));
    }

    @PostMapping("/certificates/{number}/suspend")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Suspend a valid certificate (bureau of the issuing region)",
            description = "Reason codes: UNDER_INVESTIGATION, DISPUTED_ASSESSMENT, HOLDER_REQUEST, OTHER.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SkillCertificate.class)))
    public ResponseEntity<String> suspend(@PathVariable String number, @RequestBody StatusChange change,
                                          @AuthenticationPrincipal UserDetails user) {
        String valid = RequestValues.certificateNumber("number", number);
        String code = RequestValues.reasonCode("reasonCode", "suspend a certificate", change.reasonCode(), ReasonCodes.CERTIFICATE_SUSPEND);
        return LedgerJson.ok(client(user).suspend(valid, code, RequestValues.text("reason", change.reason())));
    }

    @PostMapping("/certificates/{number}/reinstate")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Reinstate a suspended certificate (bureau of the issuing region)",
            description = "Reason codes: INVESTIGATION_CLEARED, ERROR_CORRECTED, OTHER.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SkillCertificate.class)))
    public ResponseEntity<String> reinstate(@PathVariable String number, @RequestBody StatusChange change,
                                            @AuthenticationPrincipal UserDetails user) {
        String valid = RequestValues.certificateNumber("number", number);
        String code = RequestValues.reasonCode("reasonCode", "reinstate a certificate", change.reasonCode(), ReasonCodes.CERTIFICATE_REINSTATE);
        return LedgerJson.ok(client(user).reinstate(valid, code, RequestValues.text("reason", change.reason())));
    }

    @PostMapping("/certificates/{number}/revoke")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Revoke a certificate for good (bureau of the issuing region)",
            description = "Reason codes: FRAUDULENT_ASSESSMENT, ISSUED_IN_ERROR, HOLDER_MISCONDUCT, SUPERSEDED, OTHER.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SkillCertificate.class)))
    public ResponseEntity<String> revoke(@PathVariable String number, @RequestBody StatusChange change,
                                         @AuthenticationPrincipal UserDetails user) {
        String valid = RequestValues.certificateNumber("number", number);
        String code = RequestValues.reasonCode("reasonCode", "revoke a certificate", change.reasonCode(), ReasonCodes.CERTIFICATE_REVOKE);
        return LedgerJson.ok(client(user).revoke(valid, code, RequestValues.text("reason", change.reason())));
    }

    /** 201 for what was issued now, 200 for a retry of what was issued before; salts are never cached. */
    private static ResponseEntity<String> answer(String outcome, String location, Object body) {
        return ResponseEntity.status(IssueResults.ISSUED.equals(outcome) ? HttpStatus.CREATED : HttpStatus.OK)
                .contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
                .location(URI.create(location)).body(Json.write(body));
    }

    private CertificateClient client(UserDetails user) {
        return gateways.client(user.getUsername(), CertificateClient::new);
    }
}
