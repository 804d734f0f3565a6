package cn.cdcq.registry.chaincode.certificate;

import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.chaincode.support.Timestamps;
import cn.cdcq.registry.common.certificate.CenterCertificate;
import cn.cdcq.registry.common.certificate.CenterCertificatePage;
import cn.cdcq.registry.common.certificate.CertificateBatch;
import cn.cdcq.registry.common.certificate.CertificateStatus;
import cn.cdcq.registry.common.certificate.CertificateStatusRequest;
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
    /** Index of a center's certificates: {@code certificate.byCenter/<centerId>/<number>}, value one zero byte. */
    static final String BY_CENTER = "certificate.byCenter";
    /** The latest status request of a certificate: {@code certificate.statusRequest/<number>}. */
    static final String STATUS_REQUEST = "certificate.statusRequest";
    /** Index of the requests pending at a region's bureau: {@code certificate.statusRequest.pending/<region>/<number>}. */
    static final String PENDING_REQUEST = "certificate.statusRequest.pending";

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

    /** Stores a newly issued certificate and its entry in the center's index. */
    void putIssued(SkillCertificate certificate) {
        put(certificate);
        ledger.putMarker(ledger.key(BY_CENTER, certificate.claims().centerId(), certificate.number()));
    }

    /**
     * A page of the center's certificates from number {@code from} on (all when from is null), in
     * number order, those in {@code status} only when it is given. Reads at most
     * {@link CenterCertificatePage#MAX_SCANNED} index entries for one page, so a rare status
     * cannot make one read walk a whole register; the bookmark then says where to go on.
     */
    CenterCertificatePage byCenter(String centerId, CertificateStatus status, String from, int pageSize) {
        List<CenterCertificate> found = new ArrayList<>();
        String next = from;
        int scanned = 0;
        boolean started = false;
        while (found.size() < pageSize && scanned < CenterCertificatePage.MAX_SCANNED && (next != null || !started)) {
            started = true;
            int want = Math.min(status == null ? pageSize - found.size() : 100,
                    CenterCertificatePage.MAX_SCANNED - scanned);
            Ledger.AttributePage page = ledger.attributes(BY_CENTER, List.of(centerId), next, want);
            next = page.next();
            for (int i = 0; i < page.attributes().size(); i++) {
                String number = page.attributes().get(i);
                scanned++;
                SkillCertificate certificate = require(number);
                if (status == null || certificate.status() == status) {
                    found.add(CenterCertificate.of(certificate));
                    if (found.size() == pageSize) {
                        // stop here: the next page starts right after this certificate
                        next = i + 1 < page.attributes().size() ? page.attributes().get(i + 1) : next;
                        break;
                    }
                }
            }
        }
        return new CenterCertificatePage(centerId, status, found, next, scanned);
    }

    Optional<CertificateStatusRequest> statusRequest(String number) {
        return ledger.get(ledger.key(STATUS_REQUEST, number), CertificateStatusRequest.class);
    }

    /** Stores the request and keeps the region's pending index in step with its state. */
    void putStatusRequest(CertificateStatusRequest request) {
        ledger.put(ledger.key(STATUS_REQUEST, request.number()), request);
        String pending = ledger.key(PENDING_REQUEST, request.region(), request.number());
        if (request.state() == CertificateStatusRequest.State.PENDING) {
            ledger.putMarker(pending);
        } else {
            ledger.delete(pending);
        }
    }

    /** The requests pending at the region's bureau, in certificate-number order. */
    List<CertificateStatusRequest> pendingRequests(String region) {
        List<CertificateStatusRequest> out = new ArrayList<>();
        String from = null;
        do {
            Ledger.AttributePage page = ledger.attributes(PENDING_REQUEST, List.of(region), from, 200);
            for (String number : page.attributes()) {
                statusRequest(number).ifPresent(out::add);
            }
            from = page.next();
        } while (from != null);
        return out;
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
