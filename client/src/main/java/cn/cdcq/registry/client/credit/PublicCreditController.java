package cn.cdcq.registry.client.credit;

import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.identity.PublicReader;
import cn.cdcq.registry.client.api.LedgerJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public part of an enterprise's credit profile, open to anyone ({@link PublicCreditProfile}
 * says what is in it and what is not). The caller has no ledger identity, so the service reads
 * (evaluate only) as the service's {@link PublicReader}, which no contract lets write.
 */
@RestController
@RequestMapping(value = "/api/v1/public", produces = "application/json")
@Tag(name = "Public", description = "Open to anyone, no account")
public class PublicCreditController {

    private final PublicReader reader;

    public PublicCreditController(PublicReader reader) {
        this.reader = reader;
    }

    @GetMapping("/enterprises/{uscc}/credit-profile")
    @Operation(summary = "An enterprise's public credit profile: ratings of both regions, effective level, blacklist "
            + "status, violation counts by type, spot-check outcomes; no personal data")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PublicCreditProfile.class)))
    public ResponseEntity<String> profile(@PathVariable String uscc) {
        String code = RequestValues.uscc("uscc", uscc);
        return LedgerJson.ok(PublicCreditProfile.of(reader.client(CreditRegistryClient::new).profile(code)));
    }
}
