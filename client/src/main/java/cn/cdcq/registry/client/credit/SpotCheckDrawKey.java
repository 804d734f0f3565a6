package cn.cdcq.registry.client.credit;

import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.common.credit.SpotCheckDrawing;
import cn.cdcq.registry.common.crypto.Hashes;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * The region's RSA key for spot-check draws, kept in the service's data folder
 * ({@code DATA_DIR/spotcheck-draw-key.pem}, PKCS#8, mode 0600), made on first use and never
 * replaced by this class. Its public half is registered on the ledger ({@code region:setDrawKey});
 * its PKCS#1 v1.5 signature over a draw id is the region's contribution to that draw, the same
 * bytes however often it is computed, so a retried reveal reveals the same value.
 */
@Component
public class SpotCheckDrawKey {

    private final Path file;
    private KeyPair key;

    public SpotCheckDrawKey(ServiceProperties properties) {
        this.file = properties.dataDir().resolve("spotcheck-draw-key.pem");
    }

    /** The public key as PEM ({@code BEGIN PUBLIC KEY}), for {@code region:setDrawKey}. */
    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    /** The public key as the ledger stores it (base64 SubjectPublicKeyInfo). */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(key().getPublic().getEncoded());
    }

    /** This region's contribution to a draw, hex: its signature over the draw id. */
    public String contributionHex(String drawId) {
        return Hashes.hex(SpotCheckDrawing.contribution(key().getPrivate(), RequestValues.ledgerId("drawId", drawId)));
    }

    private synchronized KeyPair key() {
        if (key == null) {
            key = Files.exists(file) ? read() : create();
        }
        return key;
    }

    private KeyPair read() {
        try {
            String body = Files.readString(file, StandardCharsets.US_ASCII).replace("-----BEGIN PRIVATE KEY-----", "")
                    .replace("-----END PRIVATE KEY-----", "").replaceAll("\\s", "");
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey priv = rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) priv;
            PublicKey pub = rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return new KeyPair(pub, priv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spot-check draw key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException("the spot-check draw key " + file + " is not an RSA PKCS#8 key: "
                    + e.getMessage(), e);
        }
    }

    private KeyPair create() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(SpotCheckDrawing.MIN_KEY_BITS);
            KeyPair made = g.generateKeyPair();
            String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(made.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
            Path folder = file.getParent();
            Files.createDirectories(folder);
            Path tmp = folder.resolve(file.getFileName() + ".tmp");
            try (FileChannel out = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")))) {
                out.write(StandardCharsets.US_ASCII.encode(pem));
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the spot-check draw key in " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make an RSA key: " + e.getMessage(), e);
        }
    }
}
