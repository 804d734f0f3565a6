package cn.cdcq.registry.client.region;

import cn.cdcq.registry.client.fabric.MspIdentity;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.crypto.Signatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The region's attestation key (docs/design.md §3.2), which signs certificates, certificate batches and
 * credit ratings inside the service; the key never leaves this process. Every use is logged to
 * the logger {@code cn.cdcq.registry.attestation}: the record type and id, the SHA-256 of what
 * was signed and the acting account, never the content (it may describe a person).
 */
@Component
public class RegionAttestation {

    private static final Logger audit = LoggerFactory.getLogger("cn.cdcq.registry.attestation");

    private final MspIdentity key;
    private final String regionCode;
    private final AtomicLong uses = new AtomicLong();

    public RegionAttestation(ServiceProperties properties) {
        this.key = MspIdentity.load(properties.mspId(), properties.attestationMsp());
        this.regionCode = properties.regionCode();
        Signatures.requireP256(key.certificate());
        LoggerFactory.getLogger(RegionAttestation.class).info("attestation key of region {} loaded, certificate {}",
                regionCode, Signatures.fingerprint(key.certificate()));
    }

    /**
     * An ECDSA P-256 / SHA-256 signature (DER) over {@code canonicalBytes}, the canonical JSON of
     * the record, made for {@code actingAccount}.
     */
    public byte[] sign(byte[] canonicalBytes, String recordType, String recordId, String actingAccount) {
        byte[] signature = Signatures.sign(key.privateKey(), canonicalBytes);
        audit.info("attestation signature #{} region={} record={} id={} sha256={} account={}", uses.incrementAndGet(),
                regionCode, recordType, recordId, Hashes.sha256Hex(canonicalBytes), actingAccount);
        return signature;
    }

    /** The certificate the signatures verify under; it must be the region's current one on the ledger. */
    public X509Certificate certificate() {
        return key.certificate();
    }

    public String certificatePem() {
        return Signatures.toPem(key.certificate());
    }

    public String fingerprint() {
        return Signatures.fingerprint(key.certificate());
    }
}
