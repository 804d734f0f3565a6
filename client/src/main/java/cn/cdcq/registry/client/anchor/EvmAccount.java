package cn.cdcq.registry.client.anchor;

import cn.cdcq.registry.client.identity.KeyVault;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The service's EVM account, which pays for and sends the anchors: a secp256k1 key made on
 * first use and kept in {@code keyFile} encrypted with the service's master secret (AES-GCM, as
 * the Fabric keys are); its address is written beside it ({@code keyFile + ".address"}) so an
 * operator can fund it.
 */
final class EvmAccount {

    private static final String VAULT_ACCOUNT = "evm-anchor";
    private static final BigInteger N = new BigInteger(
            "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

    private EvmAccount() {
    }

    static Credentials loadOrCreate(Path keyFile, KeyVault vault) {
        try {
            if (!Files.exists(keyFile)) {
                Files.createDirectories(keyFile.toAbsolutePath().getParent());
                SecureRandom random = new SecureRandom();
                BigInteger key;
                do {
                    byte[] b = new byte[32];
                    random.nextBytes(b);
                    key = new BigInteger(1, b);
                } while (key.signum() == 0 || key.compareTo(N) >= 0);
                String sealed = vault.encrypt(key.toByteArray(), VAULT_ACCOUNT);
                Path tmp = keyFile.resolveSibling(keyFile.getFileName() + ".tmp");
                Files.deleteIfExists(tmp);
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(tmp, sealed);
                Files.move(tmp, keyFile);
            }
            byte[] key = vault.decrypt(Files.readString(keyFile, StandardCharsets.UTF_8).strip(), VAULT_ACCOUNT);
            Credentials credentials = Credentials.create(ECKeyPair.create(new BigInteger(1, key)));
            Files.writeString(keyFile.resolveSibling(keyFile.getFileName() + ".address"), credentials.getAddress() + "\n");
            return credentials;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the EVM account key " + keyFile, e);
        }
    }
}
