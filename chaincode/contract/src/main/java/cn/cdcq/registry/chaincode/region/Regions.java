package cn.cdcq.registry.chaincode.region;

import cn.cdcq.registry.chaincode.support.Caller;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.region.AttestationCertificate;
import cn.cdcq.registry.common.region.DivisionPrefixes;
import cn.cdcq.registry.common.region.DrawKey;
import cn.cdcq.registry.common.region.Region;

import java.util.List;
import java.util.Optional;

/**
 * The region directory as the other contracts use it: which region an MSP acts for, whether a
 * caller is a bureau of a registered region, and a region's attestation certificates.
 */
public final class Regions {

    static final String REGION = "region";
    static final String REGION_BY_MSP = "regionByMsp";
    static final String ATTESTATION = "attestation";
    static final String PROPOSAL = "regionProposal";
    static final String DRAW_KEY = "regionDrawKey";            // region, sequence (6 digits)

    private final Ledger ledger;

    public Regions(Ledger ledger) {
        this.ledger = ledger;
    }

    public Optional<Region> find(String code) {
        return ledger.get(ledger.key(REGION, code), Region.class);
    }

    public Region require(String code) {
        return find(code).orElseThrow(() -> RegistryException.notFound(
                "region " + code + " is not registered; registered regions: " + codes()));
    }

    public Optional<Region> ofMsp(String mspId) {
        return ledger.get(ledger.key(REGION_BY_MSP, mspId), String.class).flatMap(this::find);
    }

    public List<Region> all() {
        return ledger.list(Region.class, REGION);
    }

    private List<String> codes() {
        return all().stream().map(Region::code).toList();
    }

    /** The region the caller's organization acts for; refused if it acts for none. */
    public Region regionOf(Caller caller) {
        return ofMsp(caller.mspId()).orElseThrow(() -> RegistryException.forbidden(
                "organization " + caller.mspId() + " acts for no registered region"));
    }

    /** A bureau of a registered region: returns that region's code, refuses any other caller. */
    public String bureauRegion(Caller caller) {
        caller.requireRole(Caller.BUREAU);
        return regionOf(caller).code();
    }

    /** The region whose division prefixes cover the USCC's division code (characters 3-8), if any. */
    public Optional<Region> jurisdictionOf(String uscc) {
        String division = DivisionPrefixes.divisionOf(uscc);
        return all().stream().filter(r -> DivisionPrefixes.covers(r.divisionPrefixes(), division)).findFirst();
    }

    /**
     * Refuses when the USCC's division belongs to another region than {@code acting}: only the
     * region of the code registers, accredits, suspends or revokes it. A code from elsewhere in
     * China (no region covers it) is left to the region where the organization operates.
     */
    public void requireJurisdiction(Region acting, String uscc, String action) {
        jurisdictionOf(uscc).filter(owner -> !owner.code().equals(acting.code())).ifPresent(owner -> {
            throw RegistryException.forbidden("USCC " + uscc + " carries division code "
                    + DivisionPrefixes.divisionOf(uscc) + ", which belongs to region " + owner.code() + " (divisions "
                    + owner.divisionPrefixes() + "); only " + owner.code() + " may " + action + " it, not "
                    + acting.code());
        });
    }

    /**
     * Refuses a certificate number whose 2-digit province code is not the issuing region's: another
     * region's, or (once the issuing region has divisions) none of its own. {@code regions} is
     * {@link #all()}, read once per transaction: a batch checks thousands of numbers.
     */
    public static void requireNumberSpace(List<Region> regions, Region issuing, String number, String provinceCode) {
        for (Region other : regions) {
            if (!other.code().equals(issuing.code()) && DivisionPrefixes.covers(other.divisionPrefixes(), provinceCode)) {
                throw RegistryException.forbidden("certificate number " + number + " carries province code "
                        + provinceCode + ", which is region " + other.code() + "'s number space; region "
                        + issuing.code() + " numbers its certificates with its own province codes "
                        + issuing.divisionPrefixes());
            }
        }
        if (!issuing.divisionPrefixes().isEmpty() && !DivisionPrefixes.covers(issuing.divisionPrefixes(), provinceCode)) {
            throw RegistryException.forbidden("certificate number " + number + " carries province code " + provinceCode
                    + ", which is not among region " + issuing.code() + "'s divisions " + issuing.divisionPrefixes());
        }
    }

    public List<AttestationCertificate> attestations(String code) {
        return ledger.list(AttestationCertificate.class, ATTESTATION, code);
    }

    public AttestationCertificate currentAttestation(String code) {
        return currentAttestation(require(code));
    }

    /** The region's attestation certificate of that sequence, read by its key (no range query). */
    public Optional<AttestationCertificate> attestation(String code, int sequence) {
        return ledger.get(ledger.key(ATTESTATION, code, sequenceKey(sequence)), AttestationCertificate.class);
    }

    /** As {@link #currentAttestation(String)}, for a region the caller has already read (one read fewer). */
    public AttestationCertificate currentAttestation(Region region) {
        String code = region.code();
        return ledger.get(ledger.key(ATTESTATION, code, sequenceKey(region.attestationSequence())),
                AttestationCertificate.class).orElseThrow(() -> new IllegalStateException(
                "region " + code + " names attestation certificate " + region.attestationSequence() + " which is missing"));
    }

    /** Every draw key the region has set, oldest first. */
    public List<DrawKey> drawKeys(String code) {
        return ledger.list(DrawKey.class, DRAW_KEY, code);
    }

    /** The region's draw key in force (its latest), if it has set one. */
    public Optional<DrawKey> currentDrawKey(String code) {
        List<DrawKey> keys = drawKeys(code);
        return keys.isEmpty() ? Optional.empty() : Optional.of(keys.get(keys.size() - 1));
    }

    void putDrawKey(DrawKey key) {
        ledger.put(ledger.key(DRAW_KEY, key.regionCode(), sequenceKey(key.sequence())), key);
    }

    static String sequenceKey(int sequence) {
        return String.format("%06d", sequence);
    }
}
