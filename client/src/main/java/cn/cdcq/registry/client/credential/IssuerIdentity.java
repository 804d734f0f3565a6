package cn.cdcq.registry.client.credential;

import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.client.identity.PublicReader;
import cn.cdcq.registry.client.region.RegionAttestation;
import cn.cdcq.registry.client.region.RegionRegistryClient;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.common.credential.ControllerDocument;
import cn.cdcq.registry.common.credential.EcdsaJcs2019;
import cn.cdcq.registry.common.region.AttestationCertificate;
import cn.cdcq.registry.common.region.Region;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The region as a credential issuer: {@code did:web:<host>%3A<port>} of this service, its
 * controller document derived from the region registry on the ledger (never configured), and
 * signing of credentials with the region's attestation key inside the service through
 * {@link RegionAttestation}, which logs every use.
 *
 * <p>Before each signature the key is checked against the ledger: it must be the region's
 * current attestation certificate, so a credential is never signed with a key that the
 * controller document would not list as current.
 */
@Component
public class IssuerIdentity {

    private final ServiceProperties properties;
    private final PublicReader reader;
    private final RegionAttestation attestation;
    private final Clock clock;
    private final String host;
    private final int port;

    public IssuerIdentity(ServiceProperties properties, PublicReader reader, RegionAttestation attestation,
                          @Value("${server.address:127.0.0.1}") String host, @Value("${server.port:8080}") int port) {
        this.properties = properties;
        this.reader = reader;
        this.attestation = attestation;
        this.clock = Clock.systemUTC();
        this.host = host;
        this.port = port;
    }

    /** The region's DID: did:web of the host and port this service is reached at. */
    public String did() {
        return ControllerDocument.didWeb(host, port);
    }

    /** The service's own base URL, for the status lists' addresses. */
    public String baseUrl() {
        return "http://" + host + ":" + port;
    }

    public String regionCode() {
        return properties.regionCode();
    }

    /** The bureau's name as the region registry holds it. */
    public String bureauName() {
        return registry().region(properties.regionCode()).name();
    }

    /** The controller document: every attestation key of the region on the ledger, with its term. */
    public ObjectNode controllerDocument() {
        return ControllerDocument.of(did(), registry().attestationCertificates(properties.regionCode()));
    }

    /**
     * {@code unsigned} with an ecdsa-jcs-2019 proof made now by the region's current attestation
     * key, logged as {@code recordType}/{@code recordId} for {@code actingAccount}.
     */
    public ObjectNode sign(ObjectNode unsigned, String recordType, String recordId, String actingAccount) {
        int sequence = currentSequence();
        ObjectNode options = cn.cdcq.registry.common.credential.SkillCredential.proofOptions(
                ControllerDocument.methodId(did(), sequence), Instant.now(clock));
        return EcdsaJcs2019.addProof(unsigned, options, hash -> attestation.sign(hash, recordType, recordId, actingAccount));
    }

    private int currentSequence() {
        Region region = registry().region(properties.regionCode());
        List<AttestationCertificate> certificates = registry().attestationCertificates(properties.regionCode());
        AttestationCertificate current = certificates.stream().filter(c -> c.sequence() == region.attestationSequence())
                .findFirst().orElseThrow(() -> new CredentialRefusal(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE,
                        "NO_ATTESTATION_KEY", "the region registry lists no current attestation certificate for "
                        + properties.regionCode() + "; register the region first"));
        // The key decides, not the certificate: a region that renews its certificate for the same
        // key (a rotation on the ledger like any other) signs on with the key it holds.
        if (!java.util.Arrays.equals(Signatures.parseCertificate(current.certificatePem()).getPublicKey().getEncoded(),
                attestation.certificate().getPublicKey().getEncoded())) {
            throw new CredentialRefusal(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE, "ATTESTATION_KEY_NOT_CURRENT",
                    "this service's attestation key (" + attestation.fingerprint() + ") is not region "
                            + properties.regionCode() + "'s current one on the ledger (#" + current.sequence() + ", "
                            + current.fingerprint() + "): configure the current key, or finish the rotation");
        }
        return current.sequence();
    }

    private RegionRegistryClient registry() {
        return reader.client(RegionRegistryClient::new);
    }
}
