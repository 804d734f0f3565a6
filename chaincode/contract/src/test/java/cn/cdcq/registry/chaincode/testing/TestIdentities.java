package cn.cdcq.registry.chaincode.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * X.509 identities as each organization's Fabric CA issues them: one self-signed EC P-256 root
 * per MSP id, and enrollment certificates it signs with the CA's attribute extension, so that the
 * shim's {@code ClientIdentity} reads MSP id and attributes exactly as on the real network.
 */
public final class TestIdentities {

    /** The extension in which Fabric CA writes a certificate's attributes, as JSON. */
    public static final String FABRIC_ATTRIBUTES_OID = "1.2.3.4.5.6.7.8.1";

    private static final Instant NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant NOT_AFTER = Instant.parse("2050-01-01T00:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, CertificateAuthority> AUTHORITIES = new ConcurrentHashMap<>();

    private TestIdentities() {
    }

    /**
     * Enrolls {@code name} with {@code mspId}'s CA. The certificate's subject is
     * {@code CN=name, OU=client, O=mspId}; its attribute extension holds {@code attrs} next to the
     * three Fabric CA adds to every enrollment certificate ({@code hf.Affiliation},
     * {@code hf.EnrollmentID}, {@code hf.Type}).
     */
    public static TestIdentity user(String mspId, String name, Map<String, String> attrs) {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(attrs, "attrs");
        CertificateAuthority ca = AUTHORITIES.computeIfAbsent(mspId, TestIdentities::newCertificateAuthority);
        KeyPair keys = newKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, mspId)
                .addRDN(BCStyle.OU, "client")
                .addRDN(BCStyle.CN, name)
                .build();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), serialNumber(),
                    Date.from(NOT_BEFORE), Date.from(NOT_AFTER), subject, keys.getPublic())
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(ca.certificate()))
                    .addExtension(new ASN1ObjectIdentifier(FABRIC_ATTRIBUTES_OID), false,
                            attributesJson(name, attrs).getBytes(StandardCharsets.UTF_8));
            X509Certificate certificate = sign(builder, ca.keys());
            return new TestIdentity(mspId, name, certificate, keys.getPrivate(), toPem(certificate));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("could not issue a certificate for " + name + "@" + mspId, e);
        }
    }

    /** The root certificate of {@code mspId}'s CA, created on first use and kept for the JVM's life. */
    public static X509Certificate caCertificate(String mspId) {
        return AUTHORITIES.computeIfAbsent(mspId, TestIdentities::newCertificateAuthority).certificate();
    }

    /**
     * The attribute JSON as Fabric CA writes it: Go's encoding of {@code {"attrs":{...}}}, keys
     * sorted, HTML characters escaped.
     */
    static String attributesJson(String enrollmentId, Map<String, String> attrs) {
        SortedMap<String, String> all = new TreeMap<>();
        all.put("hf.Affiliation", "");
        all.put("hf.EnrollmentID", enrollmentId);
        all.put("hf.Type", "client");
        all.putAll(attrs);
        StringBuilder json = new StringBuilder("{\"attrs\":{");
        all.forEach((key, value) -> {
            if (json.charAt(json.length() - 1) != '{') {
                json.append(',');
            }
            appendJsonString(json, key);
            json.append(':');
            appendJsonString(json, Objects.requireNonNull(value, () -> "attribute " + key + " has no value"));
        });
        return json.append("}}").toString();
    }

    private static void appendJsonString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    private static CertificateAuthority newCertificateAuthority(String mspId) {
        KeyPair keys = newKeyPair();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, mspId)
                .addRDN(BCStyle.CN, "ca." + mspId)
                .build();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serialNumber(),
                    Date.from(NOT_BEFORE), Date.from(NOT_AFTER), name, keys.getPublic())
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(sign(builder, keys), keys);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("could not create the test CA of " + mspId, e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("no SHA256withECDSA signer", e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's EC provider cannot generate a P-256 key", e);
        }
    }

    private static BigInteger serialNumber() {
        return new BigInteger(128, RANDOM);
    }

    private static String toPem(X509Certificate certificate) {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(certificate);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a certificate as PEM", e);
        }
        return pem.toString();
    }

    private record CertificateAuthority(X509Certificate certificate, KeyPair keys) {
    }
}
