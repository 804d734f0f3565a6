package cn.cdcq.registry.client.credit;

import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.config.ServiceProperties;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The region's secret for each spot-check draw, kept in the service's data folder
 * ({@code DATA_DIR/spotcheck-secrets/<drawId>.secret}, mode 0600) from the commit until the reveal.
 * Only its SHA-256 reaches the ledger before the reveal. A secret is written and forced to disk
 * before the commit is sent, and never replaced: a retried commit commits to the same secret.
 */
@Component
public class SpotCheckSecrets {

    private final Path folder;

    public SpotCheckSecrets(ServiceProperties properties) {
        this.folder = properties.dataDir().resolve("spotcheck-secrets");
    }

    /** The draw's secret, made and stored on first use. */
    public synchronized String secretFor(String drawId) {
        Optional<String> existing = find(drawId);
        if (existing.isPresent()) {
            return existing.get();
        }
        String secret = SpotCheckClient.newSecretHex();
        Path file = file(drawId);
        try {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path tmp = folder.resolve(drawId + ".tmp");
            try (FileChannel out = FileChannel.open(tmp, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                out.write(StandardCharsets.US_ASCII.encode(secret));
                out.force(true);
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the spot-check secret of draw " + drawId + " in " + folder, e);
        }
        return secret;
    }

    /** The stored secret of a draw this region committed to, if any. */
    public synchronized Optional<String> find(String drawId) {
        Path file = file(drawId);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spot-check secret " + file, e);
        }
    }

    private Path file(String drawId) {
        return folder.resolve(RequestValues.ledgerId("drawId", drawId) + ".secret");
    }
}
