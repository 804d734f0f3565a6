package cn.cdcq.registry.common.crypto;

import cn.cdcq.registry.common.InvalidInputException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * ECDSA P-256 with SHA-256: the attestation signature every certificate batch and credit rating
 * carries, and the one verifier both the chaincode and the regional service use.
 *
 * <p>Signing and verifying go through Bouncy Castle, which verifies roughly ten times faster than
 * the JDK's provider on the machines measured; the provider is held privately and never
 * registered with {@code Security.addProvider}, so nothing else in the JVM changes behaviour. PEM
 * reading, certificate parsing and fingerprints stay on the JDK. Every key and certificate is held
 * to P-256 because that is what the attestation certificates, Fabric's default identities and the
 * {@code ecdsa-jcs-2019} credential proofs all use; a key on another curve is refused with an error
 * naming the curve found rather than producing signatures no one else can check.
 */
public final class Signatures {

    private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final ECParameterSpec P256 = p256Parameters();
    private static final String CERTIFICATE_LABEL = "CERTIFICATE";
    private static final String PKCS8_LABEL = "PRIVATE KEY";
    private static final String SEC1_LABEL = "EC PRIVATE KEY";

    private Signatures() {
    }

    /** Reads one PEM certificate ("-----BEGIN CERTIFICATE-----"); the first one if there are several. */
    public static X509Certificate parseCertificate(String pem) {
        PemBlock block = PemBlock.find(pem, "certificate", Set.of(CERTIFICATE_LABEL));
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der()));
        } catch (CertificateException | RuntimeException e) {
            throw new InvalidInputException(InvalidInputException.INVALID_X509_CERTIFICATE,
                    "the PEM block is not a readable X.509 certificate (" + e.getMessage()
                            + "); export the certificate again in PEM form");
        }
    }

    /** PEM text of {@code certificate}, 64 base64 characters a line, ending in a newline. */
    public static String toPem(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate is null");
        try {
            String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new InvalidInputException(InvalidInputException.INVALID_X509_CERTIFICATE,
                    "certificate " + certificate.getSubjectX500Principal() + " cannot be DER-encoded: "
                            + e.getMessage());
        }
    }

    /**
     * Reads an unencrypted P-256 private key in PKCS#8 ("BEGIN PRIVATE KEY", what Fabric CA writes)
     * or SEC1 ("BEGIN EC PRIVATE KEY", what {@code openssl ecparam -genkey} writes) form.
     */
    public static PrivateKey parsePrivateKey(String pem) {
        PemBlock block = PemBlock.find(pem, "private key", Set.of(PKCS8_LABEL, SEC1_LABEL));
        byte[] pkcs8 = block.label().equals(SEC1_LABEL) ? sec1ToPkcs8(block.der()) : block.der();
        PrivateKey key;
        try {
            key = KeyFactory.getInstance("EC", BOUNCY_CASTLE).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (InvalidKeySpecException | RuntimeException e) {
            throw new InvalidInputException(InvalidInputException.INVALID_KEY,
                    "the PEM private key is not an EC key this registry can use (" + e.getMessage()
                            + "); attestation keys must be ECDSA P-256 (prime256v1)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle has no EC key factory", e);
        }
        requireP256(key, "private key");
        return key;
    }

    /** {@code cert} if its public key is ECDSA on P-256; refused otherwise, naming what it holds instead. */
    public static X509Certificate requireP256(X509Certificate cert) {
        Objects.requireNonNull(cert, "certificate is null");
        requireP256(cert.getPublicKey(), "certificate " + cert.getSubjectX500Principal().getName());
        return cert;
    }

    /** A DER-encoded ECDSA signature over SHA-256 of {@code data}. */
    public static byte[] sign(PrivateKey key, byte[] data) {
        Objects.requireNonNull(data, "data to sign is null");
        requireP256(key, "signing key");
        try {
            Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM, BOUNCY_CASTLE);
            signer.initSign(key);
            signer.update(data);
            return signer.sign();
        } catch (InvalidKeyException e) {
            throw new InvalidInputException(InvalidInputException.INVALID_KEY,
                    "cannot sign with this private key: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle could not produce an ECDSA signature", e);
        }
    }

    /**
     * Whether {@code derSignature} is a valid ECDSA P-256 / SHA-256 signature of {@code data}.
     * A missing, truncated or otherwise malformed signature is simply not valid ({@code false});
     * only a key that is not P-256 is an error, because that is a configuration mistake.
     */
    public static boolean verify(PublicKey key, byte[] data, byte[] derSignature) {
        Objects.requireNonNull(data, "signed data is null");
        requireP256(key, "verification key");
        if (derSignature == null || derSignature.length == 0) {
            return false;
        }
        Signature verifier;
        try {
            verifier = Signature.getInstance(SIGNATURE_ALGORITHM, BOUNCY_CASTLE);
            verifier.initVerify(key);
            verifier.update(data);
        } catch (InvalidKeyException e) {
            throw new InvalidInputException(InvalidInputException.INVALID_KEY,
                    "cannot verify with this public key: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle could not start ECDSA verification", e);
        }
        try {
            return verifier.verify(derSignature);
        } catch (SignatureException | RuntimeException e) {
            // Garbage signature bytes (bad DER, wrong lengths) come from the outside: they are a
            // failed verification, not a crash.
            return false;
        }
    }

    /** Lowercase hex SHA-256 of the certificate's DER encoding, as {@code openssl x509 -fingerprint -sha256} shows it. */
    public static String fingerprint(X509Certificate cert) {
        Objects.requireNonNull(cert, "certificate is null");
        try {
            return Hashes.sha256Hex(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new InvalidInputException(InvalidInputException.INVALID_X509_CERTIFICATE,
                    "certificate " + cert.getSubjectX500Principal() + " cannot be DER-encoded: " + e.getMessage());
        }
    }

    private static void requireP256(Key key, String what) {
        if (key == null) {
            throw new InvalidInputException(InvalidInputException.INVALID_KEY, what + " is missing");
        }
        String code = InvalidInputException.INVALID_KEY;
        if (!(key instanceof ECKey ecKey)) {
            throw new InvalidInputException(code, what + " holds a " + key.getAlgorithm()
                    + " key; attestation keys must be ECDSA on curve P-256 (prime256v1/secp256r1)");
        }
        if (!isP256(ecKey.getParams())) {
            throw new InvalidInputException(code, what + " holds an EC key on " + curveName(key, ecKey)
                    + "; attestation keys must be ECDSA on curve P-256 (prime256v1/secp256r1)");
        }
    }

    private static boolean isP256(ECParameterSpec params) {
        return params != null
                && params.getCurve().equals(P256.getCurve())
                && params.getGenerator().equals(P256.getGenerator())
                && params.getOrder().equals(P256.getOrder())
                && params.getCofactor() == P256.getCofactor();
    }

    private static String curveName(Key key, ECKey ecKey) {
        String bits = ecKey.getParams() == null ? "unknown-size"
                : ecKey.getParams().getCurve().getField().getFieldSize() + "-bit";
        try {
            ASN1Encodable parameters = key instanceof PublicKey
                    ? SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getParameters()
                    : PrivateKeyInfo.getInstance(key.getEncoded()).getPrivateKeyAlgorithm().getParameters();
            if (parameters instanceof ASN1ObjectIdentifier oid) {
                String name = ECNamedCurveTable.getName(oid);
                return "curve " + (name != null ? name : oid.getId()) + " (" + bits + ")";
            }
        } catch (RuntimeException e) {
            // Unusual encodings: fall back to describing the curve by size.
        }
        return "a " + bits + " curve with explicit parameters";
    }

    private static byte[] sec1ToPkcs8(byte[] sec1) {
        try {
            org.bouncycastle.asn1.sec.ECPrivateKey ecKey = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(sec1);
            ASN1Encodable curve = ecKey.getParametersObject();
            if (curve == null) {
                throw new InvalidInputException(InvalidInputException.INVALID_KEY,
                        "the EC PRIVATE KEY does not name its curve; convert it with "
                                + "'openssl pkcs8 -topk8 -nocrypt' or export it again with its parameters");
            }
            AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve);
            return new PrivateKeyInfo(algorithm, ecKey).getEncoded();
        } catch (InvalidInputException e) {
            throw e;
        } catch (java.io.IOException | RuntimeException e) {
            throw new InvalidInputException(InvalidInputException.INVALID_KEY,
                    "the EC PRIVATE KEY block is not a readable SEC1 key (" + e.getMessage()
                            + "); export the key again as PKCS#8 ('BEGIN PRIVATE KEY')");
        }
    }

    private static ECParameterSpec p256Parameters() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM does not know curve secp256r1 (P-256)", e);
        }
    }

    /** One "-----BEGIN label-----" ... "-----END label-----" block of a PEM text, decoded. */
    private record PemBlock(String label, byte[] der) {

        private static final String BEGIN = "-----BEGIN ";
        private static final String END = "-----END ";
        private static final String DASHES = "-----";

        static PemBlock find(String pem, String what, Set<String> labels) {
            String code = what.equals("certificate") ? InvalidInputException.INVALID_X509_CERTIFICATE
                    : InvalidInputException.INVALID_KEY;
            if (pem == null || pem.isBlank()) {
                throw new InvalidInputException(code, "the " + what + " PEM is empty; paste the text including "
                        + "its -----BEGIN ...----- and -----END ...----- lines");
            }
            List<String> seen = new ArrayList<>();
            int from = 0;
            while (true) {
                int begin = pem.indexOf(BEGIN, from);
                if (begin < 0) {
                    break;
                }
                int labelEnd = pem.indexOf(DASHES, begin + BEGIN.length());
                if (labelEnd < 0) {
                    break;
                }
                String label = pem.substring(begin + BEGIN.length(), labelEnd);
                String endLine = END + label + DASHES;
                int end = pem.indexOf(endLine, labelEnd);
                if (end < 0) {
                    throw new InvalidInputException(code, "the PEM block '" + label + "' has no '" + endLine
                            + "' line; the text was cut short, copy it again in full");
                }
                if (labels.contains(label)) {
                    return new PemBlock(label, decode(pem.substring(labelEnd + DASHES.length(), end), label, code));
                }
                seen.add(label);
                from = end + endLine.length();
            }
            String expected = String.join("' or '", labels.stream().sorted().toList());
            if (seen.isEmpty()) {
                throw new InvalidInputException(code, "no PEM block found in the " + what
                        + " text; expected a '-----BEGIN " + expected + "-----' block");
            }
            String hint = seen.contains("ENCRYPTED PRIVATE KEY")
                    ? "; encrypted keys are not supported, decrypt it with 'openssl pkcs8 -nocrypt'" : "";
            throw new InvalidInputException(code, "the " + what + " PEM holds '" + String.join("', '", seen)
                    + "' but a '" + expected + "' block was expected" + hint);
        }

        private static byte[] decode(String body, String label, String code) {
            if (body.indexOf(':') >= 0) {
                throw new InvalidInputException(code, "the PEM block '" + label + "' has headers (legacy "
                        + "encryption); decrypt it and export it again as PKCS#8 ('BEGIN PRIVATE KEY')");
            }
            String base64 = body.replaceAll("\\s+", "");
            try {
                byte[] der = Base64.getDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
                if (der.length == 0) {
                    throw new IllegalArgumentException("the block is empty");
                }
                return der;
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(code, "the PEM block '" + label + "' is not valid base64 ("
                        + e.getMessage() + "); copy the text again without changes");
            }
        }
    }
}
