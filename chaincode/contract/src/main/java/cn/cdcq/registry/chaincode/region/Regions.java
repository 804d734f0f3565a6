package cn.cdcq.registry.chaincode.region;

import cn.cdcq.registry.chaincode.support.Caller;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.region.AttestationCertificate;
import cn.cdcq.registry.common.region.Region;

import java.util.List;
import java.util.Optional;

/**
 * The region directory as the other contracts use it: which region an MSP acts for, and
 * which attestation certificate of a region was current at a given instant.
 */
public final class Regions {

    static final String REGION = "region";
    static final String REGION_BY_MSP = "regionByMsp";
    static final String ATTESTATION = "attestation";
    static final String PROPOSAL = "regionProposal";

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

    /** The certificate whose term covers the instant, so records signed before a rotation keep verifying. */
    public Optional<AttestationCertificate> attestationAt(String code, String isoInstant) {
        return attestations(code).stream().filter(a -> a.coversInstant(isoInstant)).findFirst();
    }

    static String sequenceKey(int sequence) {
        return String.format("%06d", sequence);
    }
}
