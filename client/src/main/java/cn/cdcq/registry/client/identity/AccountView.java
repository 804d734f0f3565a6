package cn.cdcq.registry.client.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/** An account as the API shows it: never the password hash or the key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountView(String name, AccountRole role, String mspId, String centerId, String inspectorId,
                          @Schema(description = "The enterprise's USCC (role ENTERPRISE only)") String uscc,
                          String certificateFingerprint, String createdAt, String createdBy,
                          @Schema(description = "Only in the answer that created the account, and only if the service made the password")
                          String initialPassword) {

    static AccountView of(Account a, String mspId, String initialPassword) {
        return new AccountView(a.name(), a.role(), mspId, a.centerId(), a.inspectorId(), a.uscc(),
                cn.cdcq.registry.common.crypto.Signatures.fingerprint(
                        cn.cdcq.registry.common.crypto.Signatures.parseCertificate(a.certificatePem())),
                a.createdAt(), a.createdBy(), initialPassword);
    }
}
