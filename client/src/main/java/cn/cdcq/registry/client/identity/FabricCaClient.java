package cn.cdcq.registry.client.identity;

import cn.cdcq.registry.client.api.CodedException;
import cn.cdcq.registry.client.fabric.MspIdentity;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The region's Fabric CA over its REST API (HTTPS, trusting the CA's own certificate):
 * {@code POST /api/v1/register} authorized by the registrar's token, and
 * {@code POST /api/v1/enroll} with the new identity's secret and a PKCS#10 request for a P-256
 * key made here, so the private key never leaves the service.
 *
 * <p>The registrar's token is Fabric CA's: {@code base64(cert PEM) "." base64(signature)}, the
 * signature an ECDSA P-256 / SHA-256 signature over
 * {@code method "." base64(uri) "." base64(body) "." base64(cert PEM)}, with a low S value
 * (Fabric's verifiers refuse high-S signatures).
 */
public final class FabricCaClient {

    /** What enrollment returns: the certificate and the private key (PKCS#8 PEM) made for it. */
    public record Enrollment(String certificatePem, String privateKeyPem) {
    }

    /** Fabric CA's error code for registering a name that exists. */
    private static final int ALREADY_REGISTERED = 74;
    private static final BigInteger P256_ORDER = ECNamedCurveTable.getByName("secp256r1").getN();

    private final URI base;
    private final String caName;
    private final HttpClient http;

    public FabricCaClient(String url, String caName, Path caCertificate) {
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.caName = caName;
        this.http = HttpClient.newBuilder().sslContext(trusting(caCertificate)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Registers {@code name} as a client with {@code attributes} put into its enrollment
     * certificates (":ecert"), signed by {@code registrar}.
     */
    public void register(MspIdentity registrar, String name, String secret, Map<String, String> attributes) {
        register(registrar, name, secret, "client", attributes);
    }

    /**
     * Registers {@code name} as an identity of {@code type} (client, peer, orderer, admin). The
     * service itself registers only clients; the other types are here so that a test can show
     * the service's registrar is refused them by the CA.
     */
    public void register(MspIdentity registrar, String name, String secret, String type, Map<String, String> attributes) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("id", name).put("type", type).put("secret", secret).put("caname", caName);
        ArrayNode attrs = body.putArray("attrs");
        attributes.forEach((k, v) -> attrs.addObject().put("name", k).put("value", v).put("ecert", true));
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        String path = "/api/v1/register";
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path.substring(1)))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header("Authorization", token(registrar, "POST", path, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        call(request, "register " + name);
    }

    /** Enrolls {@code name}: a fresh P-256 key pair, a CSR with CN={@code name}, the CA signs it. */
    public Enrollment enroll(String name, String secret) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + name), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            String csrPem = pem("CERTIFICATE REQUEST", csr.getEncoded());
            ObjectNode body = Json.mapper().createObjectNode();
            body.put("certificate_request", csrPem).put("caname", caName);
            HttpRequest request = HttpRequest.newBuilder(base.resolve("api/v1/enroll"))
                    .timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (name + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
            JsonNode result = call(request, "enroll " + name);
            String certPem = new String(Base64.getDecoder().decode(result.path("Cert").asText()), StandardCharsets.UTF_8);
            Signatures.parseCertificate(certPem);
            return new Enrollment(certPem, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a key and certificate request for " + name + ": " + e.getMessage(), e);
        }
    }

    static String token(MspIdentity registrar, String method, String uri, byte[] body) {
        String certPem = Signatures.toPem(registrar.certificate());
        Base64.Encoder b64 = Base64.getEncoder();
        String b64cert = b64.encodeToString(certPem.getBytes(StandardCharsets.UTF_8));
        String payload = method + "." + b64.encodeToString(uri.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(body) + "." + b64cert;
        byte[] signature = lowS(Signatures.sign(registrar.privateKey(), payload.getBytes(StandardCharsets.UTF_8)));
        return b64cert + "." + b64.encodeToString(signature);
    }

    /** ECDSA signatures (r, s) and (r, n − s) are both valid; Fabric accepts only the one with s ≤ n/2. */
    static byte[] lowS(byte[] der) {
        ASN1Sequence seq = ASN1Sequence.getInstance(der);
        BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
        BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
        if (s.compareTo(P256_ORDER.shiftRight(1)) <= 0) {
            return der;
        }
        try {
            return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(P256_ORDER.subtract(s))}).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot DER-encode an ECDSA signature", e);
        }
    }

    private JsonNode call(HttpRequest request, String what) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CaUnavailable("the Fabric CA at " + base + " cannot be reached to " + what + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); identities already enrolled keep working, "
                    + "retry this when the CA is back", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaException("interrupted while asking the Fabric CA to " + what, e);
        }
        JsonNode answer;
        try {
            answer = Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new CaException("the Fabric CA answered " + response.statusCode() + " to " + what + " with no JSON", e);
        }
        if (response.statusCode() / 100 != 2 || !answer.path("success").asBoolean(false)) {
            for (JsonNode e : answer.path("errors")) {
                if (e.path("code").asInt() == ALREADY_REGISTERED) {
                    throw new Accounts.AccountExistsException("the region's Fabric CA already has an identity named as this "
                            + "account (" + e.path("message").asText() + "); choose another account name");
                }
            }
            StringBuilder errors = new StringBuilder();
            answer.path("errors").forEach(e -> errors.append(errors.isEmpty() ? "" : "; ")
                    .append(e.path("message").asText()).append(" (code ").append(e.path("code").asText()).append(')'));
            throw new CaException("the Fabric CA refused to " + what + ": " + errors, null);
        }
        return answer.path("result");
    }

    private static SSLContext trusting(Path caCertificate) {
        try (InputStream in = Files.newInputStream(caCertificate)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("fabric-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the Fabric CA's certificate " + caCertificate + ": " + e.getMessage(), e);
        }
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** The CA refused, or answered what is not its API; the message says which and why (502 CA_FAILED). */
    public static class CaException extends CodedException {
        public CaException(String message, Throwable cause) {
            super("CA_FAILED", message, cause);
        }

        CaException(int httpStatus, String code, String message, Throwable cause) {
            super(httpStatus, code, message, cause);
        }
    }

    /**
     * The CA cannot be reached (down, or the network to it): 503 CA_UNAVAILABLE, retry later.
     * Only what needs the CA waits for it (new accounts, the public reader's first enrollment);
     * everything signed with identities already enrolled goes on.
     */
    public static final class CaUnavailable extends CaException {
        CaUnavailable(String message, Throwable cause) {
            super(503, "CA_UNAVAILABLE", message, cause);
        }
    }
}
