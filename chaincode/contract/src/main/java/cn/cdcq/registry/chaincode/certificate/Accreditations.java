package cn.cdcq.registry.chaincode.certificate;

import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.certificate.Accreditation;
import cn.cdcq.registry.common.json.Json;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

import java.util.Optional;

/** Accreditations on the ledger, one per center (key {@code accreditation/<USCC>}), for every contract that needs them. */
final class Accreditations {

    static final String ACCREDITATION = "accreditation";
    /** Every version of an accreditation under a key of its own, so verification reads the one in force at issue directly. */
    static final String ACCREDITATION_VERSION = "accreditationVersion";

    private final Ledger ledger;

    Accreditations(Ledger ledger) {
        this.ledger = ledger;
    }

    String key(String centerId) {
        return ledger.key(ACCREDITATION, centerId);
    }

    Optional<Accreditation> find(String centerId) {
        return ledger.get(key(centerId), Accreditation.class);
    }

    Accreditation require(String centerId) {
        return find(centerId).orElseThrow(() -> RegistryException.notFound("center " + centerId
                + " is not accredited in any region; its region's bureau must accredit it first"));
    }

    void put(Accreditation accreditation) {
        ledger.put(key(accreditation.centerId()), accreditation);
        ledger.put(versionKey(accreditation.centerId(), accreditation.version()), accreditation);
    }

    private String versionKey(String centerId, int version) {
        return ledger.key(ACCREDITATION_VERSION, centerId, String.format("%06d", version));
    }

    /**
     * The accreditation as it stood at {@code version}: the current record if it has not changed
     * since, otherwise that version's own key; a version written before those keys existed is
     * found in the key's history (a slower query, so only as the last resort).
     */
    Optional<Accreditation> atVersion(String centerId, int version) {
        return atVersion(centerId, version, find(centerId));
    }

    /** As {@link #atVersion(String, int)}, given the current record (read once by the caller). */
    Optional<Accreditation> atVersion(String centerId, int version, Optional<Accreditation> current) {
        if (current.isPresent() && current.get().version() == version) {
            return current;
        }
        Optional<Accreditation> stored = ledger.get(versionKey(centerId, version), Accreditation.class);
        if (stored.isPresent()) {
            return stored;
        }
        try (QueryResultsIterator<KeyModification> history = ledger.stub().getHistoryForKey(key(centerId))) {
            for (KeyModification change : history) {
                if (!change.isDeleted()) {
                    Accreditation then = Json.read(change.getValue(), Accreditation.class);
                    if (then.version() == version) {
                        return Optional.of(then);
                    }
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("could not read the history of accreditation " + centerId, e);
        }
        return Optional.empty();
    }
}
