package cn.cdcq.registry.chaincode.region;

import cn.cdcq.registry.chaincode.support.Arguments;
import cn.cdcq.registry.chaincode.support.Caller;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.credit.SpotCheckDrawing;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.region.AttestationCertificate;
import cn.cdcq.registry.common.region.DivisionPrefixes;
import cn.cdcq.registry.common.region.DrawKey;
import cn.cdcq.registry.common.region.Region;
import cn.cdcq.registry.common.region.RegionEvents;
import cn.cdcq.registry.common.region.RegionEvents.RegionChange;
import cn.cdcq.registry.common.region.RegionProposal;
import cn.cdcq.registry.common.region.RegionProposal.Approval;
import cn.cdcq.registry.common.region.RegionTransactions;
import org.hyperledger.fabric.contract.Context;
import cn.cdcq.registry.chaincode.support.RegistryContract;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The region registry: which organization acts for which region, and each region's
 * attestation certificate. Nothing here is in force on one region's word: a region proposes
 * (to come in, or to rotate its attestation certificate) and every other region approves.
 * Reading is open to every member of the channel.
 *
 * <p>Bootstrap: while no region is in force, a registration is approved by a bureau of another
 * organization that has itself proposed a registration; after that, by every region in force.
 */
@Contract(name = RegionTransactions.CONTRACT, info = @Info(title = "Region registry",
        description = "Regions, their organizations and attestation certificates, changed only by all regions together",
        version = "1", contact = @Contact(name = "Chengdu-Chongqing labor registry")))
@Default
public final class RegionContract implements RegistryContract {

    @Transaction(name = RegionTransactions.PROPOSE_REGISTRATION, intent = Transaction.TYPE.SUBMIT)
    public String proposeRegistration(Context ctx, String regionCode, String name, String certificatePem) {
        Caller caller = Caller.of(ctx);
        caller.requireRole(Caller.BUREAU);
        Ledger ledger = new Ledger(ctx);
        Regions regions = new Regions(ledger);
        String code = Arguments.region(regionCode);
        if (name == null || name.isBlank() || name.length() > 200) {
            throw RegistryException.invalid("the bureau name must be 1 to 200 characters");
        }
        regions.find(code).ifPresent(r -> {
            throw RegistryException.exists("region " + code + " is already registered for " + r.mspId());
        });
        regions.ofMsp(caller.mspId()).ifPresent(r -> {
            throw RegistryException.exists("organization " + caller.mspId() + " already acts for region " + r.code());
        });
        for (RegionProposal p : pending(ledger)) {
            if (p.kind() == RegionProposal.Kind.REGISTER
                    && (p.regionCode().equals(code) || p.mspId().equals(caller.mspId()))) {
                throw RegistryException.conflict("proposal " + p.id() + " to register region " + p.regionCode()
                        + " for " + p.mspId() + " is pending; approve or withdraw it first");
            }
        }
        X509Certificate cert = validCertificate(certificatePem, ledger);
        RegionProposal proposal = new RegionProposal(ledger.txId(), RegionProposal.Kind.REGISTER, code, caller.mspId(),
                name.strip(), Signatures.toPem(cert), Signatures.fingerprint(cert), ledger.nowIso(), caller.id(),
                RegionProposal.Status.PENDING, List.of(), List.of());
        ledger.put(ledger.key(Regions.PROPOSAL, proposal.id()), proposal);
        ledger.emit(RegionEvents.REGION_CHANGE_PROPOSED, RegionChange.of(proposal));
        return Json.write(proposal);
    }

    /**
     * Proposes the administrative divisions the caller's region covers, as comma-separated
     * prefixes of the 6-digit division code (e.g. "51" for Sichuan, "50" for Chongqing). In force
     * once every other region approves; from then on an enterprise or center whose USCC carries
     * such a division is registered and accredited only by this region, and its certificate numbers
     * carry one of these province codes. A region registered without prefixes (before this rule)
     * owns no division until its first such update.
     */
    @Transaction(name = RegionTransactions.PROPOSE_DIVISIONS, intent = Transaction.TYPE.SUBMIT)
    public String proposeDivisions(Context ctx, String divisionPrefixes) {
        Caller caller = Caller.of(ctx);
        caller.requireRole(Caller.BUREAU);
        Ledger ledger = new Ledger(ctx);
        Regions regions = new Regions(ledger);
        Region region = regions.regionOf(caller);
        List<String> prefixes = Arguments.valid(() -> DivisionPrefixes.validate(divisionPrefixes == null ? List.of()
                : java.util.Arrays.asList(divisionPrefixes.split(",", -1))));
        for (Region other : regions.all()) {
            if (!other.code().equals(region.code())) {
                DivisionPrefixes.overlap(prefixes, other.divisionPrefixes()).ifPresent(o -> {
                    throw RegistryException.conflict("division prefix " + o + " overlaps region " + other.code()
                            + "'s divisions " + other.divisionPrefixes() + "; a division belongs to one region only");
                });
            }
        }
        if (prefixes.equals(region.divisionPrefixes())) {
            throw RegistryException.conflict("region " + region.code() + " already covers " + prefixes);
        }
        for (RegionProposal p : pending(ledger)) {
            if (p.regionCode().equals(region.code())) {
                throw RegistryException.conflict("proposal " + p.id() + " for region " + region.code()
                        + " is pending; approve or withdraw it first");
            }
        }
        RegionProposal proposal = new RegionProposal(ledger.txId(), RegionProposal.Kind.DIVISIONS, region.code(),
                caller.mspId(), null, null, null, ledger.nowIso(), caller.id(), RegionProposal.Status.PENDING,
                List.of(), prefixes);
        ledger.put(ledger.key(Regions.PROPOSAL, proposal.id()), proposal);
        ledger.emit(RegionEvents.REGION_CHANGE_PROPOSED, RegionChange.of(proposal));
        return Json.write(proposal);
    }

    @Transaction(name = RegionTransactions.PROPOSE_ROTATION, intent = Transaction.TYPE.SUBMIT)
    public String proposeRotation(Context ctx, String certificatePem) {
        Caller caller = Caller.of(ctx);
        caller.requireRole(Caller.BUREAU);
        Ledger ledger = new Ledger(ctx);
        Regions regions = new Regions(ledger);
        Region region = regions.regionOf(caller);
        X509Certificate cert = validCertificate(certificatePem, ledger);
        String fingerprint = Signatures.fingerprint(cert);
        for (AttestationCertificate used : regions.attestations(region.code())) {
            if (used.fingerprint().equals(fingerprint)) {
                throw RegistryException.conflict("this certificate was already attestation certificate "
                        + used.sequence() + " of region " + region.code() + "; rotate to a new key");
            }
        }
        for (RegionProposal p : pending(ledger)) {
            if (p.regionCode().equals(region.code())) {
                throw RegistryException.conflict("proposal " + p.id() + " for region " + region.code()
                        + " is pending; approve or withdraw it first");
            }
        }
        RegionProposal proposal = new RegionProposal(ledger.txId(), RegionProposal.Kind.ROTATE, region.code(),
                caller.mspId(), null, Signatures.toPem(cert), fingerprint, ledger.nowIso(), caller.id(),
                RegionProposal.Status.PENDING, List.of(), List.of());
        ledger.put(ledger.key(Regions.PROPOSAL, proposal.id()), proposal);
        ledger.emit(RegionEvents.REGION_CHANGE_PROPOSED, RegionChange.of(proposal));
        return Json.write(proposal);
    }

    @Transaction(name = RegionTransactions.APPROVE, intent = Transaction.TYPE.SUBMIT)
    public String approve(Context ctx, String proposalId) {
        Caller caller = Caller.of(ctx);
        caller.requireRole(Caller.BUREAU);
        Ledger ledger = new Ledger(ctx);
        Regions regions = new Regions(ledger);
        RegionProposal proposal = requirePending(ledger, proposalId);
        if (proposal.mspId().equals(caller.mspId())) {
            throw RegistryException.forbidden("a region cannot approve its own proposal; the other region must");
        }
        Set<String> approvers = requiredApprovers(ledger, regions, proposal);
        if (!approvers.contains(caller.mspId())) {
            throw RegistryException.forbidden("organization " + caller.mspId() + " is not among the approvers of "
                    + proposalId + " (" + String.join(", ", approvers) + ")");
        }
        if (proposal.approvals().stream().anyMatch(a -> a.mspId().equals(caller.mspId()))) {
            throw RegistryException.conflict("organization " + caller.mspId() + " already approved " + proposalId);
        }
        String approverRegion = regions.ofMsp(caller.mspId()).map(Region::code)
                .orElseGet(() -> pendingRegistrationOf(ledger, caller.mspId()));
        List<Approval> approvals = new ArrayList<>(proposal.approvals());
        approvals.add(new Approval(caller.mspId(), approverRegion, caller.id(), ledger.nowIso()));
        Set<String> approvedBy = approvals.stream().map(Approval::mspId).collect(Collectors.toSet());
        boolean complete = approvedBy.containsAll(approvers);
        RegionProposal updated = proposal.withApprovals(approvals,
                complete ? RegionProposal.Status.APPROVED : RegionProposal.Status.PENDING);
        ledger.put(ledger.key(Regions.PROPOSAL, proposal.id()), updated);
        if (complete) {
            apply(ledger, regions, updated);
            ledger.emit(switch (proposal.kind()) {
                case REGISTER -> RegionEvents.REGION_REGISTERED;
                case DIVISIONS -> RegionEvents.REGION_DIVISIONS_CHANGED;
                case ROTATE -> RegionEvents.ATTESTATION_ROTATED;
            }, RegionChange.of(updated));
        } else {
            ledger.emit(RegionEvents.REGION_CHANGE_APPROVED, RegionChange.of(updated));
        }
        return Json.write(updated);
    }

    @Transaction(name = RegionTransactions.WITHDRAW, intent = Transaction.TYPE.SUBMIT)
    public String withdraw(Context ctx, String proposalId) {
        Caller caller = Caller.of(ctx);
        caller.requireRole(Caller.BUREAU);
        Ledger ledger = new Ledger(ctx);
        RegionProposal proposal = requirePending(ledger, proposalId);
        if (!proposal.mspId().equals(caller.mspId())) {
            throw RegistryException.forbidden("only the proposing organization " + proposal.mspId()
                    + " may withdraw " + proposalId);
        }
        RegionProposal updated = proposal.withApprovals(proposal.approvals(), RegionProposal.Status.WITHDRAWN);
        ledger.put(ledger.key(Regions.PROPOSAL, proposal.id()), updated);
        ledger.emit(RegionEvents.REGION_CHANGE_WITHDRAWN, RegionChange.of(updated));
        return Json.write(updated);
    }

    @Transaction(name = RegionTransactions.GET_REGION, intent = Transaction.TYPE.EVALUATE)
    public String getRegion(Context ctx, String regionCode) {
        return Json.write(new Regions(new Ledger(ctx)).require(Arguments.region(regionCode)));
    }

    @Transaction(name = RegionTransactions.LIST_REGIONS, intent = Transaction.TYPE.EVALUATE)
    public String listRegions(Context ctx) {
        return Json.write(new Regions(new Ledger(ctx)).all());
    }

    @Transaction(name = RegionTransactions.GET_REGION_OF_MSP, intent = Transaction.TYPE.EVALUATE)
    public String getRegionOfMsp(Context ctx, String mspId) {
        return Json.write(new Regions(new Ledger(ctx)).ofMsp(mspId).orElseThrow(() ->
                RegistryException.notFound("organization " + mspId + " acts for no registered region")));
    }

    /** The region's attestation certificates, oldest first; the current one has no validTo. */
    @Transaction(name = RegionTransactions.GET_ATTESTATION_CERTIFICATES, intent = Transaction.TYPE.EVALUATE)
    public String getAttestationCertificates(Context ctx, String regionCode) {
        Regions regions = new Regions(new Ledger(ctx));
        String code = Arguments.region(regionCode);
        regions.require(code);
        return Json.write(regions.attestations(code));
    }

    /**
     * The caller's bureau sets its region's key for spot-check draws (an RSA public key, PEM):
     * its signature over a draw id is the region's contribution to that draw's seed. A region's
     * own matter; a draw uses the keys in force when it opens, so a later key cannot change it.
     */
    @Transaction(name = RegionTransactions.SET_DRAW_KEY, intent = Transaction.TYPE.SUBMIT)
    public String setDrawKey(Context ctx, String publicKeyPem) {
        Caller caller = Caller.of(ctx);
        Ledger ledger = new Ledger(ctx);
        Regions regions = new Regions(ledger);
        String code = regions.bureauRegion(caller);
        String spki = Arguments.valid(() -> SpotCheckDrawing.drawKey(publicKeyPem));
        String fingerprint = Hashes.sha256Hex(Base64.getDecoder().decode(spki));
        List<DrawKey> keys = regions.drawKeys(code);
        if (!keys.isEmpty() && keys.get(keys.size() - 1).fingerprint().equals(fingerprint)) {
            throw RegistryException.conflict("this key is already draw key " + keys.size() + " of region " + code
                    + ", in force");
        }
        DrawKey key = new DrawKey(code, keys.size() + 1, spki, fingerprint, ledger.nowIso(), caller.id());
        regions.putDrawKey(key);
        ledger.emit(RegionEvents.DRAW_KEY_SET, new RegionEvents.DrawKeySet(code, key.sequence(), fingerprint));
        return Json.write(key);
    }

    /** A region's draw keys, oldest first; the last is in force. */
    @Transaction(name = RegionTransactions.GET_DRAW_KEYS, intent = Transaction.TYPE.EVALUATE)
    public String getDrawKeys(Context ctx, String regionCode) {
        Regions regions = new Regions(new Ledger(ctx));
        String code = Arguments.region(regionCode);
        regions.require(code);
        return Json.write(regions.drawKeys(code));
    }

    @Transaction(name = RegionTransactions.GET_PROPOSAL, intent = Transaction.TYPE.EVALUATE)
    public String getProposal(Context ctx, String proposalId) {
        Ledger ledger = new Ledger(ctx);
        return Json.write(ledger.get(ledger.key(Regions.PROPOSAL, proposalId), RegionProposal.class)
                .orElseThrow(() -> RegistryException.notFound("no region proposal " + proposalId)));
    }

    @Transaction(name = RegionTransactions.LIST_PENDING_PROPOSALS, intent = Transaction.TYPE.EVALUATE)
    public String listPendingProposals(Context ctx) {
        return Json.write(pending(new Ledger(ctx)));
    }

    /** The caller as the registry sees them: organization, region (if any), role and attributes. */
    @Transaction(name = RegionTransactions.WHO_AM_I, intent = Transaction.TYPE.EVALUATE)
    public String whoAmI(Context ctx) {
        Caller caller = Caller.of(ctx);
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("mspId", caller.mspId());
        new Regions(new Ledger(ctx)).ofMsp(caller.mspId()).ifPresent(r -> me.put("region", r.code()));
        me.put("role", caller.role());
        caller.attribute("centerId").ifPresent(v -> me.put("centerId", v));
        caller.attribute("inspectorId").ifPresent(v -> me.put("inspectorId", v));
        return Json.write(me);
    }

    // ------------------------------------------------------------------ rules

    private static void apply(Ledger ledger, Regions regions, RegionProposal p) {
        String now = ledger.nowIso();
        if (p.kind() == RegionProposal.Kind.REGISTER) {
            ledger.put(ledger.key(Regions.REGION, p.regionCode()), new Region(p.regionCode(), p.mspId(), p.name(), now, 1,
                    p.divisionPrefixes()));
            ledger.put(ledger.key(Regions.REGION_BY_MSP, p.mspId()), p.regionCode());
            ledger.put(ledger.key(Regions.ATTESTATION, p.regionCode(), Regions.sequenceKey(1)),
                    new AttestationCertificate(p.regionCode(), 1, p.certificatePem(), p.fingerprint(), now, null, p.id()));
            return;
        }
        Region region = regions.require(p.regionCode());
        if (p.kind() == RegionProposal.Kind.DIVISIONS) {
            ledger.put(ledger.key(Regions.REGION, p.regionCode()), region.withDivisionPrefixes(p.divisionPrefixes()));
            return;
        }
        AttestationCertificate current = regions.currentAttestation(p.regionCode());
        int next = current.sequence() + 1;
        ledger.put(ledger.key(Regions.ATTESTATION, p.regionCode(), Regions.sequenceKey(current.sequence())),
                new AttestationCertificate(current.regionCode(), current.sequence(), current.certificatePem(),
                        current.fingerprint(), current.validFrom(), now, current.proposalId()));
        ledger.put(ledger.key(Regions.ATTESTATION, p.regionCode(), Regions.sequenceKey(next)),
                new AttestationCertificate(p.regionCode(), next, p.certificatePem(), p.fingerprint(), now, null, p.id()));
        ledger.put(ledger.key(Regions.REGION, p.regionCode()),
                new Region(region.code(), region.mspId(), region.name(), region.registeredAt(), next,
                        region.divisionPrefixes()));
    }

    /**
     * Every region in force other than the proposer's; while none is in force (bootstrap), one
     * approval by another organization that has itself proposed to come in.
     */
    private static Set<String> requiredApprovers(Ledger ledger, Regions regions, RegionProposal p) {
        Set<String> active = regions.all().stream().map(Region::mspId)
                .filter(m -> !m.equals(p.mspId())).collect(Collectors.toCollection(java.util.TreeSet::new));
        if (!active.isEmpty()) {
            return active;
        }
        if (p.kind() != RegionProposal.Kind.REGISTER) {
            throw new IllegalStateException("a " + p.kind() + " proposal exists while no region is in force");
        }
        return pending(ledger).stream()
                .filter(o -> o.kind() == RegionProposal.Kind.REGISTER && !o.mspId().equals(p.mspId()))
                .map(RegionProposal::mspId).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static String pendingRegistrationOf(Ledger ledger, String mspId) {
        return pending(ledger).stream().filter(p -> p.mspId().equals(mspId)).map(RegionProposal::regionCode)
                .findFirst().orElse(null);
    }

    private static List<RegionProposal> pending(Ledger ledger) {
        return ledger.list(RegionProposal.class, Regions.PROPOSAL).stream()
                .filter(p -> p.status() == RegionProposal.Status.PENDING).toList();
    }

    private static RegionProposal requirePending(Ledger ledger, String proposalId) {
        RegionProposal p = ledger.get(ledger.key(Regions.PROPOSAL, proposalId), RegionProposal.class)
                .orElseThrow(() -> RegistryException.notFound("no region proposal " + proposalId));
        if (p.status() != RegionProposal.Status.PENDING) {
            throw RegistryException.conflict("proposal " + proposalId + " is " + p.status() + ", not PENDING");
        }
        return p;
    }

    private static X509Certificate validCertificate(String pem, Ledger ledger) {
        X509Certificate cert = Arguments.valid(() -> Signatures.requireP256(Signatures.parseCertificate(pem)));
        try {
            cert.checkValidity(Date.from(ledger.now()));
            return cert;
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw RegistryException.invalid("the attestation certificate is not valid now (valid "
                    + "from the certificate's notBefore to notAfter): " + e.getMessage());
        }
    }
}
