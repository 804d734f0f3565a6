package cn.cdcq.registry.client.credit;

import cn.cdcq.registry.common.credit.CreditRatingStatement;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.crypto.Signatures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.stream.Stream;

/**
 * Signs rating statements with a region's attestation key, over exactly the bytes the chaincode
 * verifies ({@link CreditRatingStatement#bytesToSign}). The key never leaves the bureau: it is
 * read from the attestation identity's MSP folder, as Fabric CA wrote it.
 */
public final class RatingSigner {

    private final PrivateKey key;

    public RatingSigner(PrivateKey key) {
        this.key = key;
    }

    /** The key in {@code msp/keystore} (the only file there, as Fabric CA's enroll writes it). */
    public static RatingSigner fromMspDirectory(Path msp) {
        Path keystore = msp.resolve("keystore");
        try (Stream<Path> files = Files.list(keystore)) {
            List<Path> keys = files.filter(Files::isRegularFile).toList();
            if (keys.size() != 1) {
                throw new IllegalStateException("expected one private key in " + keystore + ", found " + keys.size());
            }
            return new RatingSigner(Signatures.parsePrivateKey(Files.readString(keys.get(0))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attestation key in " + keystore, e);
        }
    }

    /** DER ECDSA P-256 signature of the statement, hex, as {@code rating:recordRating} takes it. */
    public String signHex(CreditRatingStatement statement) {
        return Hashes.hex(CreditRatingStatement.sign(statement, key));
    }
}
