package cn.cdcq.registry.client.fabric;

import cn.cdcq.registry.common.crypto.Signatures;
import org.hyperledger.fabric.client.identity.Identity;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;

/**
 * A user's Fabric identity read from an MSP folder as fabric-ca-client enrolls it:
 * {@code signcerts/cert.pem} and the one private key in {@code keystore/}.
 */
public record MspIdentity(String mspId, X509Certificate certificate, PrivateKey privateKey) {

    public static MspIdentity load(String mspId, Path mspDir) {
        try {
            Path certFile = mspDir.resolve("signcerts").resolve("cert.pem");
            List<Path> keys;
            try (Stream<Path> s = Files.list(mspDir.resolve("keystore"))) {
                keys = s.filter(Files::isRegularFile).toList();
            }
            if (keys.size() != 1) {
                throw new IllegalArgumentException(mspDir.resolve("keystore") + " should hold exactly one private key, found " + keys.size());
            }
            return new MspIdentity(mspId, Signatures.parseCertificate(Files.readString(certFile)),
                    Signatures.parsePrivateKey(Files.readString(keys.get(0))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the identity in " + mspDir + ": " + e.getMessage(), e);
        }
    }

    public Identity identity() {
        return new X509Identity(mspId, certificate);
    }

    public Signer signer() {
        return Signers.newPrivateKeySigner(privateKey);
    }
}
