package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.identity.PublicReader;
import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.certificate.VerificationReport;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import cn.cdcq.registry.common.json.Json;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.regex.Pattern;

/**
 * Verification for anyone, without an account (an employer, a worker, another bureau's clerk):
 * the certificate checked step by step by the chaincode (record, canonical hash, Merkle path,
 * region signature, accreditation at issue, status, holder) and whether each region recognizes
 * it, and why. The service reads as its {@link PublicReader}. A worker can prove the certificate
 * is theirs by posting their name, ID number and the salt from their credential: only the
 * commitment computed from them leaves this process, and none of it is logged or kept.
 */
@RestController
@RequestMapping(value = "/api/v1/public", produces = "application/json")
@Tag(name = "Public verification", description = "Open to anyone, no account needed")
@SecurityRequirements
public class PublicVerificationController {

    private static final Pattern SALT = Pattern.compile("([0-9a-f]{2}){16,64}");

    private final PublicReader reader;
    private final VerificationCache cache;

    public PublicVerificationController(PublicReader reader, VerificationCache cache) {
        this.reader = reader;
        this.cache = cache;
    }

    /**
     * What the holder presents: the details on their ID card and the salt from their credential.
     *
     * @param holderName     as on the ID card
     * @param holderIdNumber resident ID number (GB 11643-1999)
     * @param holderSalt     hex salt from the worker's credential (given to them when the certificate was issued)
     */
    public record HolderCheck(String holderName, String holderIdNumber,
                              @Schema(description = "hex, from the worker's credential") String holderSalt) {
        @Override
        public String toString() {
            return "HolderCheck[details withheld]";
        }
    }

    @GetMapping("/certificates/{number}/verification")
    @Operation(summary = "Verify a certificate", description = "Each check with PASS, FAIL or NOT_APPLICABLE and why; "
            + "the verdict is VALID when none failed; recognition in each region with its basis (HOME_REGION, RULE, "
            + "CASE_DECISION or NONE) and why. The HOLDER check is NOT_APPLICABLE here: POST the holder's details for it.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = VerificationReport.class)))
    public ResponseEntity<String> verify(@PathVariable String number) {
        String valid = RequestValues.certificateNumber("number", number);
        // The chaincode's report is already the API's JSON (Json.write): passed on as is, and reused
        // until the event stream says the certificate, an accreditation, a rule or a region changed.
        return answer(cache.report(valid, () -> reader.client(CertificateClient::new).verifyJson(valid)));
    }

    @PostMapping(value = "/certificates/{number}/verification", consumes = "application/json")
    @Operation(summary = "Verify a certificate and that it belongs to the person presenting it",
            description = "The body carries the holder's name and resident ID number and the salt from their credential; "
                    + "the HOLDER check passes when they match the certificate's commitment. Nothing of it is stored or logged.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = VerificationReport.class)))
    public ResponseEntity<String> verifyHolder(@PathVariable String number, @RequestBody HolderCheck holder) {
        return answer(Json.write(verify(reader, number, holder)));
    }

    /**
     * The one way to verify for someone without an account, shared by this API and the public
     * verification page: the number checked, the holder's details (if any) checked and reduced to
     * a presentation, the chaincode asked as the public reader.
     *
     * @param holder {@code null} for verification without the holder check
     */
    public static VerificationReport verify(PublicReader reader, String number, HolderCheck holder) {
        String valid = RequestValues.certificateNumber("number", number);
        if (holder == null) {
            return reader.client(CertificateClient::new).verify(valid);
        }
        InvalidRequest.Collector problems = new InvalidRequest.Collector();
        String name = problems.check("holderName", () -> NewCertificate.holderName(holder.holderName()));
        String id = problems.check("holderIdNumber", () -> ResidentIdNumber.validate(holder.holderIdNumber()));
        String salt = holder.holderSalt() == null ? "" : holder.holderSalt().strip().toLowerCase(java.util.Locale.ROOT);
        if (!SALT.matcher(salt).matches()) {
            problems.add("holderSalt", InvalidInputException.INVALID_HEX, "holderSalt must be the hex salt from the "
                    + "worker's credential (32 to 128 hex digits), as given when the certificate was issued");
        }
        problems.throwIfAny();
        return reader.client(CertificateClient::new).verify(valid, new HolderPresentation(name, id, salt));
    }

    /** A report describes one moment; a proxy must not serve it later, and with holder details never. */
    private static ResponseEntity<String> answer(String reportJson) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
                .body(reportJson);
    }
}
