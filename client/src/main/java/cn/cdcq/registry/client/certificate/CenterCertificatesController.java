package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.api.LedgerJson;
import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.Account;
import cn.cdcq.registry.client.identity.AccountRole;
import cn.cdcq.registry.client.identity.Accounts;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.certificate.CenterCertificatePage;
import cn.cdcq.registry.common.certificate.CertificateStatus;
import cn.cdcq.registry.common.certificate.CertificateStatusRequest;
import cn.cdcq.registry.common.certificate.ReasonCodes;
import cn.cdcq.registry.common.json.Json;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * A training center's certificates, page by page, and its requests that the bureau suspend or
 * revoke one ({@code certificate:listByCenter}, {@code requestStatusChange},
 * {@code declineStatusRequest}). The bureau carries a request out with its own
 * {@code POST /certificates/{number}/suspend} or {@code /revoke}, which closes it on the ledger.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = "application/json")
@Tag(name = "Certificates", description = "Issue, status and history of skill certificates")
public class CenterCertificatesController {

    private final UserGateways gateways;
    private final Accounts accounts;
    private final String region;

    public CenterCertificatesController(UserGateways gateways, Accounts accounts, ServiceProperties properties) {
        this.gateways = gateways;
        this.accounts = accounts;
        this.region = properties.regionCode();
    }

    /** What a center asks for. */
    public record StatusRequestInput(
            @Schema(description = "SUSPENDED or REVOKED", allowableValues = {"SUSPENDED", "REVOKED"}, example = "SUSPENDED")
            String asked,
            @Schema(description = "a reason code of the asked action (those of POST .../suspend or .../revoke)",
                    example = "UNDER_INVESTIGATION")
            String reasonCode,
            @Schema(description = "1 to 500 characters on one line, no personal data", example = "assessment records under review")
            String reason) {
    }

    /** The bureau's reason to decline. */
    public record DeclineInput(
            @Schema(description = "1 to 500 characters on one line, no personal data", example = "the assessment was correct")
            String reason) {
    }

    @GetMapping("/centers/{centerId}/certificates")
    @PreAuthorize("hasAnyRole('BUREAU', 'INSPECTOR', 'TRAINING_CENTER')")
    @Operation(summary = "A training center's certificates, a page at a time, in number order",
            description = "No holder data. status: VALID, SUSPENDED or REVOKED (empty: all); pageSize 1 to 200 (50); "
                    + "from: the bookmark of the page before. A training center lists only its own.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CenterCertificatePage.class)))
    public ResponseEntity<String> list(@PathVariable String centerId,
                                       @RequestParam(required = false) String status,
                                       @RequestParam(required = false) String pageSize,
                                       @RequestParam(required = false) String from,
                                       @AuthenticationPrincipal UserDetails user) {
        String center = RequestValues.uscc("centerId", centerId);
        ownCenterOnly(user, center);
        return LedgerJson.ok(page(user.getUsername(), center, status, pageSize, from));
    }

    /** The page the API and the center's desk show (arguments checked here, as the chaincode checks them). */
    public CenterCertificatePage page(String username, String center, String status, String pageSize, String from) {
        CertificateStatus wanted = RequestValues.optionalEnumValue(CertificateStatus.class, "status", status);
        if (wanted == CertificateStatus.EXPIRED) {
            throw new InvalidRequest("status", ErrorCode.INVALID_INPUT.name(),
                    "EXPIRED is never stored (verification reports it); choose VALID, SUSPENDED or REVOKED");
        }
        int size = pageSize(pageSize);
        String start = from == null || from.isBlank() ? null : RequestValues.certificateNumber("from", from);
        return client(username).centerCertificates(center, wanted, size, start);
    }

    @PostMapping("/certificates/{number}/status-requests")
    @PreAuthorize("hasRole('TRAINING_CENTER')")
    @Operation(summary = "Ask the bureau to suspend or revoke one of this center's certificates",
            description = "The certificate keeps its status until the bureau acts. One pending request per certificate "
                    + "(409 CONFLICT otherwise). Training centers only, for their own certificates.")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = CertificateStatusRequest.class)))
    public ResponseEntity<String> request(@PathVariable String number, @RequestBody StatusRequestInput input,
                                          @AuthenticationPrincipal UserDetails user) {
        if (input == null) {
            throw new InvalidRequest("asked", ErrorCode.INVALID_INPUT.name(), "the body is missing");
        }
        ValidRequest r = validated(number, input.asked(), input.reasonCode(), input.reason());
        CertificateStatusRequest made = client(user.getUsername()).requestStatusChange(r.number(), r.asked(), r.reasonCode(), r.reason());
        return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body(Json.write(made));
    }

    @GetMapping("/certificates/{number}/status-request")
    @PreAuthorize("hasAnyRole('BUREAU', 'INSPECTOR', 'TRAINING_CENTER')")
    @Operation(summary = "The latest request about a certificate, pending or decided (404 when there was none)")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CertificateStatusRequest.class)))
    public ResponseEntity<String> latest(@PathVariable String number, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user.getUsername()).statusRequest(RequestValues.certificateNumber("number", number)));
    }

    @GetMapping("/certificate-status-requests")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "The centers' requests pending at this region's bureau, in certificate-number order")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = CertificateStatusRequest.class))))
    public ResponseEntity<String> pending(@AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user.getUsername()).pendingStatusRequests(region));
    }

    @PostMapping("/certificates/{number}/status-requests/decline")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Decline a center's pending request, with the bureau's reason (bureau of the issuing region)",
            description = "To carry a request out, suspend or revoke the certificate: that closes the request.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = CertificateStatusRequest.class)))
    public ResponseEntity<String> decline(@PathVariable String number, @RequestBody DeclineInput input,
                                          @AuthenticationPrincipal UserDetails user) {
        String valid = RequestValues.certificateNumber("number", number);
        String text = RequestValues.text("reason", input == null ? null : input.reason());
        return LedgerJson.ok(client(user.getUsername()).declineStatusRequest(valid, text));
    }

    /** A center's request as checked: the number, SUSPENDED or REVOKED, a reason code of that action, the reason. */
    public record ValidRequest(String number, CertificateStatus asked, String reasonCode, String reason) {
    }

    /**
     * The checks of a center's request, the REST API's and the center desk's: each refusal an
     * {@link InvalidRequest} naming its field, as the chaincode would refuse it.
     */
    public static ValidRequest validated(String number, String asked, String reasonCode, String reason) {
        String valid = RequestValues.certificateNumber("number", number);
        CertificateStatus target = RequestValues.enumValue(CertificateStatus.class, "asked", asked);
        if (target != CertificateStatus.SUSPENDED && target != CertificateStatus.REVOKED) {
            throw new InvalidRequest("asked", ErrorCode.INVALID_INPUT.name(), "a center asks for SUSPENDED or REVOKED, not " + target);
        }
        List<String> codes = CertificateStatusRequest.reasonCodesFor(target);
        String code = reasonCode == null ? null : reasonCode.strip();
        if (code != null && !codes.contains(code)
                && (ReasonCodes.CERTIFICATE_SUSPEND.contains(code) || ReasonCodes.CERTIFICATE_REVOKE.contains(code))) {
            throw new InvalidRequest("reasonCode", ReasonCodes.INVALID_REASON, "reason code " + code
                    + " is for the other action; asked " + target + " takes " + String.join(", ", codes));
        }
        return new ValidRequest(valid, target, RequestValues.reasonCode("reasonCode",
                (target == CertificateStatus.SUSPENDED ? "suspend" : "revoke") + " a certificate", reasonCode, codes),
                RequestValues.text("reason", reason));
    }

    private static int pageSize(String value) {
        if (value == null || value.isBlank()) {
            return 50;
        }
        try {
            int size = Integer.parseInt(value.strip());
            if (size >= 1 && size <= CenterCertificatePage.MAX_PAGE_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidRequest("pageSize", ErrorCode.INVALID_INPUT.name(), "must be a whole number from 1 to "
                + CenterCertificatePage.MAX_PAGE_SIZE);
    }

    private void ownCenterOnly(UserDetails user, String center) {
        Account account = accounts.find(user.getUsername()).orElseThrow();
        if (account.role() == AccountRole.TRAINING_CENTER && !center.equals(account.centerId())) {
            throw new LedgerException(ErrorCode.FORBIDDEN.name(), "a training center lists only its own certificates ("
                    + account.centerId() + "), not center " + center + "'s", List.of(), null);
        }
    }

    private CertificateClient client(String username) {
        return gateways.client(username, CertificateClient::new);
    }
}
