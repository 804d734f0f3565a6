package cn.cdcq.registry.client.privacy;

import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.privacy.Holder.HolderDetails;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * The salts of holder commitments (docs/design.md §4), one per certificate: HMAC-SHA256 under a secret of
 * this region's service ({@code DATA_DIR/holder-salt.secret}, 32 random bytes, 0600, made on first
 * start) over the canonical JSON of the region, the certificate number and the holder's
 * normalized details.
 *
 * <p>Why derived rather than drawn at random: the salt is a leaf input of the batch's Merkle
 * root, which is the batch's id on the ledger. With a derived salt, a batch sent again (a retry
 * after a lost answer, a resumed import) has the same root, so the service recognizes it, issues
 * nothing and can answer with the same salts, which would otherwise be lost with the first answer.
 * Each salt is still fresh for its certificate (a number is issued once in either region) and
 * unpredictable to anyone without this region's secret; the other region cannot derive it. Whoever
 * holds the secret and guesses a holder's name and ID number could confirm the guess against a
 * commitment, so the secret is as sensitive as the consortium pepper: keep it with the master
 * secret, out of backups that leave the bureau.
 */
@Component
public class HolderSalts {

    private static final String TYPE = "cdcq:HolderSalt:1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public HolderSalts(ServiceProperties properties) {
        this.key = new SecretKeySpec(secret(properties.dataDir().resolve("holder-salt.secret")), "HmacSHA256");
    }

    private record SaltInput(String type, String region, String number, HolderDetails holder) {
    }

    /** The 32-byte salt of the commitment of certificate {@code number} of {@code region} to {@code holder}. */
    public byte[] saltFor(String region, String number, HolderDetails holder) {
        byte[] input = Json.canonicalBytes(new SaltInput(TYPE, region, number, holder));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static byte[] secret(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                byte[] secret = new byte[32];
                RANDOM.nextBytes(secret);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.write(file, secret);
                } catch (FileAlreadyExistsException raced) {
                    // another start made it first; use theirs
                }
            }
            byte[] secret = Files.readAllBytes(file);
            if (secret.length < 32) {
                throw new IllegalStateException("the holder-salt secret " + file + " is shorter than 32 bytes; restore "
                        + "it from backup (without it, a retried batch cannot be recognized by its salts)");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the holder-salt secret " + file, e);
        }
    }
}
