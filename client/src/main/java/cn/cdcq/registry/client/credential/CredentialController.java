package cn.cdcq.registry.client.credential;

import cn.cdcq.registry.client.certificate.CertificateClient;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.credential.CredentialVerification;
import cn.cdcq.registry.common.credential.CredentialVerifier;
import cn.cdcq.registry.common.credential.Vocabulary;
import cn.cdcq.registry.common.format.CertificateNumber;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import cn.cdcq.registry.common.json.Json;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
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
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Portable credentials: the region's controller document (did:web), a certificate exported as a
 * signed W3C Verifiable Credential (for the bureau and centers; and for the holder, who presents
 * their details and salt and may ask for name and ID number to be shown), the region's status
 * list credentials, and verification of a pasted credential with the offline verifier against
 * this region's controller document and status lists (the same step list as online verification).
 */
@RestController
@Tag(name = "Portable credentials", description = "W3C Verifiable Credentials 2.0 with ecdsa-jcs-2019 proofs and Bitstring Status Lists")
public class CredentialController {

    private static final Pattern SALT = Pattern.compile("([0-9a-f]{2}){16,64}");
    private static final MediaType JSON = MediaType.APPLICATION_JSON;

    private final UserGateways gateways;
    private final CredentialExport export;
    private final IssuerIdentity issuer;
    private final CredentialStatusRegister status;

    public CredentialController(UserGateways gateways, CredentialExport export, IssuerIdentity issuer,
                                CredentialStatusRegister status) {
        this.gateways = gateways;
        this.export = export;
        this.issuer = issuer;
        this.status = status;
    }

    /** The holder's details and salt; {@code disclose} asks for name and ID number in the credential. */
    public record HolderExport(String holderName, String holderIdNumber, String holderSalt, Boolean disclose) {
        @Override
        public String toString() {
            return "HolderExport[details withheld]";
        }
    }

    @GetMapping(value = "/.well-known/did.json", produces = "application/json")
    @SecurityRequirements
    @Operation(summary = "The region's DID document (did:web): every attestation key on the ledger as a Multikey with its term")
    public ResponseEntity<String> controllerDocument() {
        return ResponseEntity.ok().contentType(JSON).cacheControl(CacheControl.noCache())
                .body(issuer.controllerDocument().toString());
    }

    @GetMapping(value = "/api/v1/certificates/{number}/credential", produces = "application/json")
    @PreAuthorize("hasAnyRole('BUREAU','TRAINING_CENTER')")
    @Operation(summary = "A certificate of this region as a signed Verifiable Credential (holder commitment, no name or ID number)")
    public ResponseEntity<String> exportCredential(@PathVariable String number, @AuthenticationPrincipal UserDetails user) {
        String valid = InvalidRequest.check("number", () -> CertificateNumber.validate(number));
        CertificateClient client = gateways.client(user.getUsername(), CertificateClient::new);
        return credential(export.export(client, valid, null, user.getUsername()).toString());
    }

    @PostMapping(value = "/api/v1/public/certificates/{number}/credential", consumes = "application/json", produces = "application/json")
    @SecurityRequirements
    @Operation(summary = "The holder exports their own credential", description = "The body carries the holder's name, ID "
            + "number and salt; they must give the certificate's commitment. With \"disclose\": true the credential also shows "
            + "name, ID number and salt, so a verifier can check who holds it. Nothing of the body is stored or logged.")
    public ResponseEntity<String> holderExport(@PathVariable String number, @RequestBody HolderExport body) {
        String valid = InvalidRequest.check("number", () -> CertificateNumber.validate(number));
        InvalidRequest.Collector problems = new InvalidRequest.Collector();
        String name = problems.check("holderName", () -> {
            if (body.holderName() == null || body.holderName().isBlank()) {
                throw new InvalidInputException(InvalidInputException.INVALID_HOLDER, "holderName is missing; give the name as on the ID card");
            }
            return body.holderName();
        });
        String id = problems.check("holderIdNumber", () -> ResidentIdNumber.validate(body.holderIdNumber()));
        String salt = body.holderSalt() == null ? "" : body.holderSalt().strip().toLowerCase(Locale.ROOT);
        if (!SALT.matcher(salt).matches()) {
            problems.add("holderSalt", InvalidInputException.INVALID_HEX, "holderSalt must be the hex salt from the worker's "
                    + "credential (32 to 128 hex digits), as given when the certificate was issued");
        }
        problems.throwIfAny();
        CredentialExport.HolderRequest holder = new CredentialExport.HolderRequest(name, id, salt, Boolean.TRUE.equals(body.disclose()));
        return credential(export.export(export.publicCertificates(), valid, holder, "holder").toString());
    }

    @GetMapping(value = "/api/v1/public/credentials/status/{purpose}", produces = "application/json")
    @SecurityRequirements
    @Operation(summary = "The region's status list credential (revocation or suspension)", description = "GZIP-compressed "
            + "Bitstring Status List of at least 131,072 entries, signed like the credentials, valid for an hour and updated "
            + "from the ledger's events within seconds of a status change.")
    public ResponseEntity<String> statusList(@PathVariable String purpose) {
        return ResponseEntity.ok().contentType(JSON).cacheControl(CacheControl.noCache())
                .body(status.statusListCredential(purpose).toString());
    }

    @PostMapping(value = "/api/v1/public/credentials/verification", produces = "application/json")
    @SecurityRequirements
    @Operation(summary = "Verify a pasted credential", description = "The offline verifier with this region's controller "
            + "document and current status lists: each check PASS, FAIL or NOT_APPLICABLE with its reason, the verdict, and a "
            + "VC 2.0 problem detail per failure. A credential of another issuer fails REGION_SIGNATURE unless it is a did:key.")
    public ResponseEntity<String> verify(@RequestBody(required = false) String credential) {
        return ResponseEntity.ok().contentType(JSON).cacheControl(CacheControl.noStore()).body(Json.write(verification(credential)));
    }

    /**
     * A pasted credential through the offline verifier with this region's controller document and
     * current status lists: the endpoint above and the verification page's holder view.
     */
    public CredentialVerification verification(String credential) {
        Map<String, String> lists = Map.of(
                status.listUrl(Vocabulary.REVOCATION), status.statusListCredential(Vocabulary.REVOCATION).toString(),
                status.listUrl(Vocabulary.SUSPENSION), status.statusListCredential(Vocabulary.SUSPENSION).toString());
        return new CredentialVerifier(List.of(issuer.controllerDocument()), lists)
                .verify(credential == null ? "" : credential, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** A credential may name a person (the disclosing version): never cached by a proxy. */
    private static ResponseEntity<String> credential(String json) {
        return ResponseEntity.status(HttpStatus.OK).contentType(JSON).cacheControl(CacheControl.noStore()).body(json);
    }
}
