package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.api.LedgerJson;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.certificate.Accreditation;
import cn.cdcq.registry.common.certificate.AccreditationRequest;
import cn.cdcq.registry.common.certificate.AccreditationScope;
import cn.cdcq.registry.common.certificate.ReasonCodes;
import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.format.OccupationCode;
import cn.cdcq.registry.common.format.CredentialKind;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Accreditation of training and evaluation centers (contract "accreditation"): the bureau of the
 * center's own region registers, amends, suspends, reinstates and revokes; every account reads.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = "application/json")
@Tag(name = "Accreditations", description = "Which center may certify which occupations up to which level")
public class AccreditationController {

    private final UserGateways gateways;

    public AccreditationController(UserGateways gateways) {
        this.gateways = gateways;
    }

    @PostMapping("/accreditations")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Accredit a center of this region", description = "centerId is the center's USCC; each scope "
            + "names an occupation code, the kind of credential (absent or SKILL_LEVEL, SPECIAL_ABILITY, "
            + "PROFESSIONAL_TITLE) and the most advanced level it may certify (1 高级技师 .. 5 初级工 for a skill level, "
            + "1 正高级 .. 5 员级 for a title, 0 for a special vocational ability). Bureau only.")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = Accreditation.class)))
    public ResponseEntity<String> accredit(@RequestBody AccreditationRequest request, @AuthenticationPrincipal UserDetails user) {
        Accreditation accreditation = client(user).accredit(validated(request, null));
        return ResponseEntity.created(URI.create("/api/v1/accreditations/" + accreditation.centerId()))
                .contentType(MediaType.APPLICATION_JSON).body(Json.write(accreditation));
    }

    @PutMapping("/accreditations/{centerId}")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Amend an accreditation: name, scopes and validity window (bureau of its region)",
            description = "centerId in the body may be left out; if given it must be the one in the path.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Accreditation.class)))
    public ResponseEntity<String> amend(@PathVariable String centerId, @RequestBody AccreditationRequest request,
                                        @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).amend(validated(request, RequestValues.uscc("centerId", centerId))));
    }

    @PostMapping("/accreditations/{centerId}/suspend")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Suspend an active accreditation", description = "Reason codes: INSPECTION_FINDINGS, QUALITY_CONCERN, OVERDUE_REVIEW, OTHER.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Accreditation.class)))
    public ResponseEntity<String> suspend(@PathVariable String centerId, @RequestBody StatusChange change,
                                          @AuthenticationPrincipal UserDetails user) {
        String center = RequestValues.uscc("centerId", centerId);
        String code = RequestValues.reasonCode("reasonCode", "suspend an accreditation", change.reasonCode(), ReasonCodes.ACCREDITATION_SUSPEND);
        return LedgerJson.ok(client(user).suspend(center, code, RequestValues.text("reason", change.reason())));
    }

    @PostMapping("/accreditations/{centerId}/reinstate")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Reinstate a suspended accreditation", description = "Reason codes: ISSUES_RESOLVED, OTHER.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Accreditation.class)))
    public ResponseEntity<String> reinstate(@PathVariable String centerId, @RequestBody StatusChange change,
                                            @AuthenticationPrincipal UserDetails user) {
        String center = RequestValues.uscc("centerId", centerId);
        String code = RequestValues.reasonCode("reasonCode", "reinstate an accreditation", change.reasonCode(), ReasonCodes.ACCREDITATION_REINSTATE);
        return LedgerJson.ok(client(user).reinstate(center, code, RequestValues.text("reason", change.reason())));
    }

    @PostMapping("/accreditations/{centerId}/revoke")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Revoke an accreditation for good", description = "Certificates issued under it stay valid "
            + "unless revoked themselves. Reason codes: FRAUD, SERIOUS_VIOLATION, CEASED_OPERATION, OTHER.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Accreditation.class)))
    public ResponseEntity<String> revoke(@PathVariable String centerId, @RequestBody StatusChange change,
                                         @AuthenticationPrincipal UserDetails user) {
        String center = RequestValues.uscc("centerId", centerId);
        String code = RequestValues.reasonCode("reasonCode", "revoke an accreditation", change.reasonCode(), ReasonCodes.ACCREDITATION_REVOKE);
        return LedgerJson.ok(client(user).revoke(center, code, RequestValues.text("reason", change.reason())));
    }

    @GetMapping("/accreditations/{centerId}")
    @Operation(summary = "One center's accreditation")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Accreditation.class)))
    public ResponseEntity<String> accreditation(@PathVariable String centerId, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).accreditation(RequestValues.uscc("centerId", centerId)));
    }

    @GetMapping("/accreditations")
    @Operation(summary = "Accreditations of one region (region=CD or CQ), or of all")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = Accreditation.class))))
    public ResponseEntity<String> accreditations(@RequestParam(required = false) String region,
                                                 @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).accreditations(region == null ? null : RequestValues.region("region", region)));
    }

    /**
     * The request in canonical form, each wrong field named; {@code pathCenterId} is the center of
     * an amendment (the body's, if any, must match it).
     */
    public static AccreditationRequest validated(AccreditationRequest request, String pathCenterId) {
        if (request == null) {
            throw new InvalidRequest("accreditation", InvalidInputException.INVALID_JSON, "the request body is missing");
        }
        InvalidRequest.Collector problems = new InvalidRequest.Collector();
        String centerId = pathCenterId;
        if (pathCenterId == null || request.centerId() != null) {
            String body = problems.check("centerId", () -> RequestValues.uscc("centerId", request.centerId()));
            if (pathCenterId != null && body != null && !body.equals(pathCenterId)) {
                problems.add("centerId", InvalidInputException.INVALID_USCC, "centerId " + body
                        + " in the body is not the center in the path, " + pathCenterId);
            }
            centerId = pathCenterId != null ? pathCenterId : body;
        }
        String name = problems.check("name", () -> RequestValues.text("name", request.name()));
        if (name != null && name.length() > AccreditationRequest.MAX_NAME_LENGTH) {
            problems.add("name", "INVALID_TEXT", "name has " + name.length() + " characters; at most "
                    + AccreditationRequest.MAX_NAME_LENGTH + " are allowed");
        }
        List<AccreditationScope> scopes = new ArrayList<>();
        if (request.scopes() == null || request.scopes().isEmpty()) {
            problems.add("scopes", InvalidInputException.INVALID_OCCUPATION,
                    "the accreditation lists no occupation; give at least one scope {occupation, highestLevel}");
        } else {
            for (int i = 0; i < request.scopes().size(); i++) {
                AccreditationScope scope = request.scopes().get(i);
                String prefix = "scopes[" + i + "].";
                if (scope == null) {
                    problems.add("scopes[" + i + "]", InvalidInputException.INVALID_OCCUPATION, "the scope is empty");
                    continue;
                }
                String occupation = problems.check(prefix + "occupation", () -> OccupationCode.validate(scope.occupation()));
                CredentialKind kind = problems.check(prefix + "kind", () -> CredentialKind.of(scope.kind()));
                Integer level = kind == null ? null
                        : problems.check(prefix + "highestLevel", () -> kind.validateLevel(scope.highestLevel()));
                if (occupation != null && level != null) {
                    // A skill level scope is stored without a kind (as before kinds existed), so
                    // SKILL_LEVEL sent explicitly is accepted and written as absent.
                    AccreditationScope normalized = new AccreditationScope(occupation, level,
                            kind == CredentialKind.SKILL_LEVEL ? null : kind.name());
                    if (problems.check(prefix + "occupation", normalized::validate) != null) {
                        scopes.add(normalized);
                    }
                }
            }
        }
        LocalDate from = problems.check("validFrom", () -> IsoDate.parse("validFrom", request.validFrom()));
        LocalDate to = problems.check("validTo", () -> IsoDate.parse("validTo", request.validTo()));
        if (from != null && to != null && to.isBefore(from)) {
            problems.add("validTo", InvalidInputException.INVALID_DATE, "validTo " + to + " is before validFrom " + from
                    + "; the validity window must not be empty");
        }
        problems.throwIfAny();
        AccreditationRequest normalized = new AccreditationRequest(centerId, name, scopes, from.toString(), to.toString());
        return InvalidRequest.check("scopes", normalized::validate);
    }

    private AccreditationClient client(UserDetails user) {
        return gateways.client(user.getUsername(), AccreditationClient::new);
    }
}
