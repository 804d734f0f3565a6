package cn.cdcq.registry.client.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;

/**
 * One region's service: which region it acts for, its peer, its Fabric CA, where it keeps its
 * data. scripts/start.sh writes these per region to {@code DATA/service-<region>.yml}; a real
 * deployment writes the same keys with its own hosts. Bind address and port are Spring's own
 * {@code server.address} and {@code server.port}.
 */
@Validated
@ConfigurationProperties("registry")
public record ServiceProperties(
        /** Region name as in network.properties, e.g. "chengdu". */
        @NotBlank String region,
        /** Region code on the ledger, e.g. "CD". */
        @NotBlank @Pattern(regexp = "[A-Z]{2}") String regionCode,
        @NotBlank String mspId,
        @NotBlank String channel,
        @NotBlank String chaincode,
        @NotNull @Valid Peer peer,
        @NotNull @Valid Ca ca,
        /** The service's own folder: accounts, encrypted keys, master secret, inbox, event checkpoint. */
        @NotNull Path dataDir,
        /** MSP folder of the region's attestation identity (signcerts/, keystore/). */
        @NotNull Path attestationMsp,
        /** The consortium's pepper for holder pseudonyms (docs/design.md §4), base64. */
        @NotNull Path pepperFile,
        @NotNull @Valid Admin admin,
        /**
         * The master secret that encrypts the account keys ({@code KeyVault}). Keep it apart from
         * the encrypted keys in production (another disk, a secrets mount); unset, it is
         * {@code dataDir/master.secret}, where scripts/start.sh keeps it on one machine.
         */
        Path masterSecretFile) {

    /** Where the master secret is: {@link #masterSecretFile}, or {@code dataDir/master.secret}. */
    public Path masterSecret() {
        return masterSecretFile != null ? masterSecretFile : dataDir.resolve("master.secret");
    }

    /** The region's own peer. */
    public record Peer(@NotBlank String endpoint, @NotBlank String hostAlias, @NotNull Path tlsCaCert) {
    }

    /** The region's Fabric CA and the registrar identity the service registers users with. */
    public record Ca(@NotBlank String url, @NotBlank String name, @NotNull Path certificate,
                     @NotNull Path registrarMsp) {
    }

    /** The bootstrap bureau administrator account, created on first start with the password in the file. */
    public record Admin(@NotBlank @Pattern(regexp = "[a-z0-9-]{3,64}") String account, @NotNull Path passwordFile) {
    }
}
