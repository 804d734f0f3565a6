package cn.cdcq.registry.chaincode.certificate;

import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.chaincode.support.Timestamps;
import cn.cdcq.registry.common.certificate.CertificateBatch;
import cn.cdcq.registry.common.certificate.CertificateHistoryEntry;
import cn.cdcq.registry.common.certificate.SkillCertificate;
import cn.cdcq.registry.common.json.Json;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Certificates and batches on the ledger. Numbers are one key space for both regions
 * ({@code certificate/<number>}), which is what makes a number impossible to issue twice anywhere.
 */
final class Certificates {

    static final String CERTIFICATE = cn.cdcq.registry.common.anchor.AnchorLeaf.CERTIFICATE; // "certificate": proofs name it
    static final String BATCH = "certificateBatch";

    private final Ledger ledger;

    Certificates(Ledger ledger) {
        this.ledger = ledger;
    }

    String key(String number) {
        return ledger.key(CERTIFICATE, number);
    }

    Optional<SkillCertificate> find(String number) {
        return ledger.get(key(number), SkillCertificate.class);
    }

    SkillCertificate require(String number) {
        return find(number).orElseThrow(() -> RegistryException.notFound("no certificate with number " + number
                + " has been issued in any region"));
    }

    boolean exists(String number) {
        return ledger.exists(key(number));
    }

    void put(SkillCertificate certificate) {
        ledger.put(key(certificate.number()), certificate);
    }

    Optional<CertificateBatch> batch(String merkleRoot) {
        return ledger.get(ledger.key(BATCH, merkleRoot), CertificateBatch.class);
    }

    void putBatch(CertificateBatch batch) {
        ledger.put(ledger.key(BATCH, batch.merkleRoot()), batch);
    }

    /** Every committed version of the certificate, oldest first, from the key history. */
    List<CertificateHistoryEntry> history(String number) {
        List<CertificateHistoryEntry> entries = new ArrayList<>();
        try (QueryResultsIterator<KeyModification> history = ledger.stub().getHistoryForKey(key(number))) {
            for (KeyModification change : history) {
                SkillCertificate version = change.isDeleted() ? null : Json.read(change.getValue(), SkillCertificate.class);
                entries.add(new CertificateHistoryEntry(change.getTxId(), Timestamps.iso(change.getTimestamp()), version));
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not read the history of certificate " + number, e);
        }
        // Fabric 2.x returns the newest change first; a person reads a history oldest first.
        Collections.reverse(entries);
        return entries;
    }
}
