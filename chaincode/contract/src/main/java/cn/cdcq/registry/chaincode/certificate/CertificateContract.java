package cn.cdcq.registry.chaincode.certificate;

import cn.cdcq.registry.chaincode.region.Regions;
import cn.cdcq.registry.chaincode.support.Arguments;
import cn.cdcq.registry.chaincode.support.Caller;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.certificate.Accreditation;
import cn.cdcq.registry.common.certificate.BatchHeader;
import cn.cdcq.registry.common.certificate.CertificateAttestation;
import cn.cdcq.registry.common.certificate.CenterCertificatePage;
import cn.cdcq.registry.common.certificate.CertificateBatch;
import cn.cdcq.registry.common.certificate.CertificateBatchRequest;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.certificate.CertificateEvents;
import cn.cdcq.registry.common.certificate.CertificateIssueRequest;
import cn.cdcq.registry.common.certificate.CertificateStatus;
import cn.cdcq.registry.common.certificate.CertificateStatusRequest;
import cn.cdcq.registry.common.certificate.CertificateTransactions;
import cn.cdcq.registry.common.certificate.ReasonCodes;
import cn.cdcq.registry.common.certificate.SkillCertificate;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.format.Sha256Hex;
import cn.cdcq.registry.common.format.CertificateNumber;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.merkle.MerkleTree;
import cn.cdcq.registry.common.region.AttestationCertificate;
import cn.cdcq.registry.common.region.Region;
import org.hyperledger.fabric.contract.Context;
import cn.cdcq.registry.chaincode.support.RegistryContract;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Skill certificates: an accredited training center issues them (one at a time or in a batch),
 * each carrying its region's attestation signature; its region's bureau suspends, reinstates or
 * revokes them; anyone on the channel reads, verifies and traces their history.
 *
 * <p>Issuing checks, in order: the caller is a training center of a registered region and issues
 * as its own {@code centerId}; the claims are well formed; the center is accredited by that
 * region, today, for the occupation and level; the number was never issued in either region;
 * the signature verifies under the region's current attestation certificate. A batch is all or
 * nothing and its refusal names every offending entry (index, number, reason).
 */
@Contract(name = CertificateTransactions.CONTRACT, info = @Info(title = "Skill certificates",
        description = "Issue (single and batch), status changes, verification and history of skill certificates",
        version = "1", contact = @Contact(name = "Chengdu-Chongqing labor registry")))
public final class CertificateContract implements RegistryContract {

    /** How many offending entries a refused batch lists before summarizing the rest. */
    static final int MAX_LISTED_PROBLEMS = 20;

    /** The statuses a certificate may be suspended or revoked from: the bureau's rule, and so what a center may ask. */
    private static final List<CertificateStatus> SUSPENDABLE = List.of(CertificateStatus.VALID);
    private static final List<CertificateStatus> REVOCABLE = List.of(CertificateStatus.VALID, CertificateStatus.SUSPENDED);

    /** Issues one certificate; {@code requestJson} is a {@link CertificateIssueRequest}. */
    @Transaction(name = CertificateTransactions.ISSUE, intent = Transaction.TYPE.SUBMIT)
    public String issue(Context ctx, String requestJson) {
        Issuer issuer = Issuer.of(ctx);
        CertificateIssueRequest request = Arguments.json(requestJson, CertificateIssueRequest.class);
        if (request.certificate() == null) {
            throw RegistryException.invalid("the request has no \"certificate\"; send {\"certificate\": {...}, \"signature\": \"...\"}");
        }
        CertificateClaims claims = Arguments.valid(() -> request.certificate().validate());
        String signature = Arguments.valid(() -> CertificateAttestation.requireSignatureFormat(request.signature()));
        Accreditation accreditation = issuer.accreditation();
        Optional<RegistryException> problem = issuer.problemWith(claims, accreditation);
        if (problem.isPresent()) {
            throw problem.get();
        }
        if (issuer.certificates.exists(claims.number())) {
            throw alreadyIssued(issuer.certificates.require(claims.number()));
        }
        AttestationCertificate attestation = issuer.attestation();
        if (!CertificateAttestation.verify(claims, signature, issuer.attestationCertificate(attestation))) {
            throw RegistryException.badSignature("the signature does not verify for certificate " + claims.number()
                    + " under region " + issuer.region.code() + "'s attestation certificate " + attestation.sequence()
                    + " (SHA-256 fingerprint " + attestation.fingerprint() + "); sign the canonical certificate, exactly "
                    + "as sent, with the region's current attestation key");
        }
        Ledger ledger = issuer.ledger;
        SkillCertificate certificate = SkillCertificate.issuedAlone(claims, signature, attestation.sequence(),
                accreditation.version(), ledger.nowIso(), ledger.txId(), issuer.caller.id());
        issuer.certificates.putIssued(certificate);
        ledger.emit(CertificateEvents.CERTIFICATE_ISSUED, new CertificateEvents.CertificateIssued(claims.number(),
                claims.region(), claims.centerId(), claims.occupation(), claims.level(), certificate.issuedAt()));
        return Json.write(certificate);
    }

    /**
     * Issues a batch of up to {@value CertificateAttestation#MAX_BATCH_SIZE} certificates under one
     * signature over the batch header; {@code requestJson} is a {@link CertificateBatchRequest}.
     * Returns the {@link CertificateBatch}; each certificate is stored with its leaf index and path.
     */
    @Transaction(name = CertificateTransactions.ISSUE_BATCH, intent = Transaction.TYPE.SUBMIT)
    public String issueBatch(Context ctx, String requestJson) {
        Issuer issuer = Issuer.of(ctx);
        CertificateBatchRequest request = Arguments.json(requestJson, CertificateBatchRequest.class);
        List<CertificateClaims> entries = request.certificates();
        if (entries == null || entries.isEmpty()) {
            throw RegistryException.invalid("the batch has no certificates; send {\"certificates\": [...], \"signature\": \"...\"}");
        }
        if (entries.size() > CertificateAttestation.MAX_BATCH_SIZE) {
            throw RegistryException.invalid("the batch has " + entries.size() + " certificates, more than the maximum of "
                    + CertificateAttestation.MAX_BATCH_SIZE + " per transaction; split it into batches of at most "
                    + CertificateAttestation.MAX_BATCH_SIZE + ", each signed on its own");
        }
        String signature = Arguments.valid(() -> CertificateAttestation.requireSignatureFormat(request.signature()));
        Accreditation accreditation = issuer.accreditation();

        List<String> listed = new ArrayList<>();
        int wrong = 0;
        ErrorCode firstCode = null;
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            CertificateClaims claims = entries.get(i);
            RegistryException problem = claims == null ? RegistryException.invalid("the entry is empty")
                    : Arguments.problemWith(claims::validate).or(() -> issuer.problemWith(claims, accreditation)).orElse(null);
            if (problem == null) {
                Integer earlier = seen.putIfAbsent(claims.number(), i);
                if (earlier != null) {
                    problem = RegistryException.exists("the number is also entry " + earlier + " of this batch");
                } else if (issuer.certificates.exists(claims.number())) {
                    problem = alreadyIssued(issuer.certificates.require(claims.number()));
                }
            }
            if (problem != null) {
                wrong++;
                firstCode = firstCode == null ? problem.code() : firstCode;
                if (listed.size() < MAX_LISTED_PROBLEMS) {
                    String number = claims == null || claims.number() == null ? "(no number)" : claims.number();
                    listed.add("[" + i + "] " + number + ": " + problem.getMessage());
                }
            }
        }
        if (wrong > 0) {
            throw new RegistryException(firstCode, "batch of " + entries.size() + " certificates refused, nothing was "
                    + "issued: " + wrong + (wrong == 1 ? " entry is" : " entries are") + " wrong; "
                    + String.join("; ", listed) + (wrong > listed.size() ? "; and " + (wrong - listed.size()) + " more" : ""));
        }

        MerkleTree tree = CertificateAttestation.merkleTree(entries);
        BatchHeader header = new BatchHeader(issuer.region.code(), issuer.centerId, entries.size(), Hashes.hex(tree.root()));
        AttestationCertificate attestation = issuer.attestation();
        if (!CertificateAttestation.verify(header, signature, issuer.attestationCertificate(attestation))) {
            throw RegistryException.badSignature("the batch signature does not verify under region "
                    + issuer.region.code() + "'s attestation certificate " + attestation.sequence()
                    + " (SHA-256 fingerprint " + attestation.fingerprint() + ") for the batch header with Merkle root "
                    + header.merkleRoot() + " over " + header.count() + " certificates; sign the header built from "
                    + "exactly these certificates, in this order, with the region's current attestation key");
        }
        if (issuer.certificates.batch(header.merkleRoot()).isPresent()) {
            throw RegistryException.exists("batch " + header.merkleRoot() + " was already issued");
        }
        Ledger ledger = issuer.ledger;
        String now = ledger.nowIso();
        CertificateBatch batch = new CertificateBatch(header.merkleRoot(), header.region(), header.centerId(),
                header.count(), signature, attestation.sequence(), now, ledger.txId(), issuer.caller.id());
        issuer.certificates.putBatch(batch);
        for (int i = 0; i < entries.size(); i++) {
            issuer.certificates.putIssued(SkillCertificate.issuedInBatch(entries.get(i), batch.merkleRoot(), i, tree.proof(i),
                    attestation.sequence(), accreditation.version(), now, ledger.txId(), issuer.caller.id()));
        }
        ledger.emit(CertificateEvents.CERTIFICATE_BATCH_ISSUED, new CertificateEvents.CertificateBatchIssued(
                batch.merkleRoot(), batch.region(), batch.centerId(), batch.count(), now));
        return Json.write(batch);
    }

    @Transaction(name = CertificateTransactions.SUSPEND, intent = Transaction.TYPE.SUBMIT)
    public String suspend(Context ctx, String number, String reasonCode, String reason) {
        return changeStatus(ctx, number, reasonCode, reason, "suspend", SUSPENDABLE,
                CertificateStatus.SUSPENDED, ReasonCodes.CERTIFICATE_SUSPEND);
    }

    @Transaction(name = CertificateTransactions.REINSTATE, intent = Transaction.TYPE.SUBMIT)
    public String reinstate(Context ctx, String number, String reasonCode, String reason) {
        return changeStatus(ctx, number, reasonCode, reason, "reinstate", List.of(CertificateStatus.SUSPENDED),
                CertificateStatus.VALID, ReasonCodes.CERTIFICATE_REINSTATE);
    }

    /** Revokes a certificate for good. */
    @Transaction(name = CertificateTransactions.REVOKE, intent = Transaction.TYPE.SUBMIT)
    public String revoke(Context ctx, String number, String reasonCode, String reason) {
        return changeStatus(ctx, number, reasonCode, reason, "revoke",
                REVOCABLE, CertificateStatus.REVOKED,
                ReasonCodes.CERTIFICATE_REVOKE);
    }

    /** The certificate as stored (its status is the stored one; {@link #verify} also reports expiry). */
    @Transaction(name = CertificateTransactions.GET_CERTIFICATE, intent = Transaction.TYPE.EVALUATE)
    public String getCertificate(Context ctx, String number) {
        return Json.write(new Certificates(new Ledger(ctx)).require(Arguments.certificateNumber(number)));
    }

    @Transaction(name = CertificateTransactions.GET_BATCH, intent = Transaction.TYPE.EVALUATE)
    public String getBatch(Context ctx, String batchId) {
        String id = batchId == null ? "" : batchId.strip();
        return Json.write(new Certificates(new Ledger(ctx)).batch(id).orElseThrow(() ->
                RegistryException.notFound("no certificate batch " + id)));
    }

    /** Every version of the certificate, oldest first, with the transaction, when, and who (in the record). */
    @Transaction(name = CertificateTransactions.GET_CERTIFICATE_HISTORY, intent = Transaction.TYPE.EVALUATE)
    public String getCertificateHistory(Context ctx, String number) {
        Certificates certificates = new Certificates(new Ledger(ctx));
        String valid = Arguments.certificateNumber(number);
        certificates.require(valid);
        return Json.write(certificates.history(valid));
    }

    /**
     * Checks a certificate step by step (see {@link cn.cdcq.registry.common.certificate.VerificationReport}).
     *
     * @param holderCommitment the commitment recomputed from the holder's presented details and salt
     *                         ({@code Holder.commitment}), or empty when no details are presented;
     *                         the details themselves never reach the chaincode
     */
    @Transaction(name = CertificateTransactions.VERIFY, intent = Transaction.TYPE.EVALUATE)
    public String verify(Context ctx, String number, String holderCommitment) {
        Ledger ledger = new Ledger(ctx);
        String commitment = holderCommitment == null || holderCommitment.isBlank() ? null
                : Sha256Hex.normalized(holderCommitment).orElseThrow(() -> RegistryException.invalid("holderCommitment "
                        + "must be 64 lowercase hex digits (Holder.commitment of the presented details and the salt "
                        + "from the worker's credential), or empty"));
        return Json.write(new CertificateVerifier(ledger).verify(Arguments.certificateNumber(number), commitment));
    }

    /**
     * A page of a training center's certificates in number order, with their status (no holder
     * data): what the center's desk lists. Open to every member of the channel, as every
     * certificate is. {@code status} empty for all, else VALID, SUSPENDED or REVOKED;
     * {@code pageSize} 1 to {@value CenterCertificatePage#MAX_PAGE_SIZE}; {@code from} empty for
     * the first page, else the bookmark of the page before (a certificate number).
     */
    @Transaction(name = CertificateTransactions.LIST_BY_CENTER, intent = Transaction.TYPE.EVALUATE)
    public String listByCenter(Context ctx, String centerId, String status, String pageSize, String from) {
        String center = Arguments.uscc(centerId);
        CertificateStatus wanted = status == null || status.isBlank() ? null
                : Arguments.oneOf(CertificateStatus.class, "status", status);
        if (wanted == CertificateStatus.EXPIRED) {
            throw RegistryException.invalid("status EXPIRED is never stored (verification reports it from the expiry "
                    + "date); list VALID, SUSPENDED or REVOKED");
        }
        int size = Arguments.wholeNumber("pageSize", pageSize);
        if (size < 1 || size > CenterCertificatePage.MAX_PAGE_SIZE) {
            throw RegistryException.invalid("pageSize must be 1 to " + CenterCertificatePage.MAX_PAGE_SIZE + ", was " + size);
        }
        String start = from == null || from.isBlank() ? null : Arguments.certificateNumber(from);
        return Json.write(new Certificates(new Ledger(ctx)).byCenter(center, wanted, start, size));
    }

    /**
     * A training center asks its region's bureau to suspend or revoke one of its own certificates
     * (a center cannot change a status itself). {@code asked} is SUSPENDED or REVOKED, with a reason
     * code of that action and the center's reason. One pending request per certificate.
     */
    @Transaction(name = CertificateTransactions.REQUEST_STATUS_CHANGE, intent = Transaction.TYPE.SUBMIT)
    public String requestStatusChange(Context ctx, String number, String asked, String reasonCode, String reason) {
        Issuer issuer = Issuer.of(ctx);
        CertificateStatus target = Arguments.oneOf(CertificateStatus.class, "asked", asked);
        if (target != CertificateStatus.SUSPENDED && target != CertificateStatus.REVOKED) {
            throw RegistryException.invalid("asked must be SUSPENDED or REVOKED (a center asks its bureau to suspend "
                    + "or revoke), not " + target);
        }
        String code = Arguments.valid(() -> ReasonCodes.require((target == CertificateStatus.SUSPENDED ? "suspend"
                : "revoke") + " a certificate", reasonCode, CertificateStatusRequest.reasonCodesFor(target)));
        String text = Arguments.valid(() -> ReasonCodes.requireText(reason));
        SkillCertificate certificate = issuer.certificates.require(Arguments.certificateNumber(number));
        if (!certificate.claims().centerId().equals(issuer.centerId)) {
            throw RegistryException.forbidden("certificate " + certificate.number() + " was issued by center "
                    + certificate.claims().centerId() + ", not by " + issuer.centerId
                    + "; a center asks only about its own certificates");
        }
        if (!certificate.claims().region().equals(issuer.region.code())) {
            throw RegistryException.forbidden("certificate " + certificate.number() + " was issued in region "
                    + certificate.claims().region() + "; the caller's organization acts for region " + issuer.region.code());
        }
        List<CertificateStatus> from = target == CertificateStatus.SUSPENDED ? SUSPENDABLE : REVOCABLE;
        if (!from.contains(certificate.status())) {
            throw RegistryException.conflict("certificate " + certificate.number() + " is " + certificate.status()
                    + "; only a " + Arguments.names(from, " or ") + " certificate can be "
                    + (target == CertificateStatus.SUSPENDED ? "suspended" : "revoked"));
        }
        Optional<CertificateStatusRequest> earlier = issuer.certificates.statusRequest(certificate.number());
        if (earlier.isPresent() && earlier.get().state() == CertificateStatusRequest.State.PENDING) {
            throw RegistryException.conflict("certificate " + certificate.number() + " already has a request pending "
                    + "at the bureau (asked " + earlier.get().asked() + " on " + earlier.get().requestedAt()
                    + "); wait for the bureau's decision");
        }
        Ledger ledger = issuer.ledger;
        CertificateStatusRequest request = new CertificateStatusRequest(certificate.number(),
                certificate.claims().region(), issuer.centerId, target, code, text,
                CertificateStatusRequest.State.PENDING, ledger.nowIso(), issuer.caller.id(), ledger.txId(),
                null, null, null);
        issuer.certificates.putStatusRequest(request);
        ledger.emit(CertificateEvents.CERTIFICATE_STATUS_REQUESTED, changed(request));
        return Json.write(request);
    }

    /** The bureau of the certificate's region declines a center's pending request, with its reason. */
    @Transaction(name = CertificateTransactions.DECLINE_STATUS_REQUEST, intent = Transaction.TYPE.SUBMIT)
    public String declineStatusRequest(Context ctx, String number, String reason) {
        Caller caller = Caller.of(ctx);
        caller.requireRole(Caller.BUREAU);
        Ledger ledger = new Ledger(ctx);
        Region region = new Regions(ledger).regionOf(caller);
        String text = Arguments.valid(() -> ReasonCodes.requireText(reason));
        Certificates certificates = new Certificates(ledger);
        String valid = Arguments.certificateNumber(number);
        CertificateStatusRequest request = certificates.statusRequest(valid).orElseThrow(() ->
                RegistryException.notFound("certificate " + valid + " has no status request"));
        if (!request.region().equals(region.code())) {
            throw RegistryException.forbidden("the request about certificate " + valid + " is for region "
                    + request.region() + "'s bureau, not " + region.code() + "'s");
        }
        if (request.state() != CertificateStatusRequest.State.PENDING) {
            throw RegistryException.conflict("the request about certificate " + valid + " was already decided: "
                    + request.state() + " on " + request.decidedAt());
        }
        CertificateStatusRequest declined = request.decided(CertificateStatusRequest.State.DECLINED, ledger.nowIso(),
                caller.id(), text);
        certificates.putStatusRequest(declined);
        ledger.emit(CertificateEvents.CERTIFICATE_STATUS_REQUEST_DECLINED, changed(declined));
        return Json.write(declined);
    }

    /** The latest status request about a certificate, pending or decided. */
    @Transaction(name = CertificateTransactions.GET_STATUS_REQUEST, intent = Transaction.TYPE.EVALUATE)
    public String getStatusRequest(Context ctx, String number) {
        String valid = Arguments.certificateNumber(number);
        return Json.write(new Certificates(new Ledger(ctx)).statusRequest(valid).orElseThrow(() ->
                RegistryException.notFound("certificate " + valid + " has no status request")));
    }

    /** The requests pending at a region's bureau, in certificate-number order. */
    @Transaction(name = CertificateTransactions.LIST_STATUS_REQUESTS, intent = Transaction.TYPE.EVALUATE)
    public String listStatusRequests(Context ctx, String region) {
        return Json.write(new Certificates(new Ledger(ctx)).pendingRequests(Arguments.region(region)));
    }

    private static CertificateEvents.CertificateStatusRequestChanged changed(CertificateStatusRequest r) {
        return new CertificateEvents.CertificateStatusRequestChanged(r.number(), r.region(), r.centerId(), r.asked(),
                r.reasonCode(), r.state(), r.decidedAt() == null ? r.requestedAt() : r.decidedAt());
    }

    private String changeStatus(Context ctx, String number, String reasonCode, String reason, String action,
                                List<CertificateStatus> from, CertificateStatus to,
                                List<String> allowedReasons) {
        Caller caller = Caller.of(ctx);
        caller.requireRole(Caller.BUREAU);
        Ledger ledger = new Ledger(ctx);
        Region region = new Regions(ledger).regionOf(caller);
        String code = Arguments.valid(() -> ReasonCodes.require(action + " a certificate", reasonCode, allowedReasons));
        String text = Arguments.valid(() -> ReasonCodes.requireText(reason));
        Certificates certificates = new Certificates(ledger);
        SkillCertificate current = certificates.require(Arguments.certificateNumber(number));
        if (!current.claims().region().equals(region.code())) {
            throw RegistryException.forbidden("certificate " + current.number() + " was issued in region "
                    + current.claims().region() + "; only that region's bureau may change its status, not "
                    + region.code() + "'s");
        }
        if (!from.contains(current.status())) {
            throw RegistryException.conflict("cannot " + action + " certificate " + current.number() + ": it is "
                    + current.status() + (current.status() == CertificateStatus.REVOKED
                    ? ", and revocation is final" : "; only a " + Arguments.names(from, " or ") + " certificate can be "
                    + action + "d"));
        }
        SkillCertificate changed = current.withStatus(to, code, text, ledger.nowIso(), caller.id());
        certificates.put(changed);
        // A center's pending request that this change fulfils is closed by it (revoking fulfils a
        // request to suspend too); a reinstatement leaves a pending request to revoke pending.
        certificates.statusRequest(changed.number())
                .filter(r -> r.state() == CertificateStatusRequest.State.PENDING && r.satisfiedBy(to))
                .ifPresent(r -> certificates.putStatusRequest(r.decided(CertificateStatusRequest.State.CARRIED_OUT,
                        changed.statusChangedAt(), caller.id(), to.name())));
        ledger.emit(CertificateEvents.CERTIFICATE_STATUS_CHANGED, new CertificateEvents.CertificateStatusChanged(
                changed.number(), changed.claims().region(), current.status(), to, code, changed.statusChangedAt()));
        return Json.write(changed);
    }

    private static RegistryException alreadyIssued(SkillCertificate existing) {
        return RegistryException.exists("certificate number " + existing.number() + " was already issued, in region "
                + existing.claims().region() + " on " + existing.claims().issueDate()
                + "; a number is issued once in either region, so give this certificate a new serial");
    }

    /** The submitting training center, its region, accreditation and attestation, as issuing needs them. */
    private static final class Issuer {
        final Ledger ledger;
        final Caller caller;
        final Region region;
        final String centerId;
        final Regions regions;
        final Certificates certificates;
        final LocalDate today;

        private Issuer(Ledger ledger, Caller caller, Region region, String centerId, Regions regions) {
            this.ledger = ledger;
            this.caller = caller;
            this.region = region;
            this.centerId = centerId;
            this.regions = regions;
            this.certificates = new Certificates(ledger);
            this.today = ledger.today();
        }

        static Issuer of(Context ctx) {
            Caller caller = Caller.of(ctx);
            caller.requireRole(Caller.TRAINING_CENTER);
            String centerId = caller.attribute("centerId").orElseThrow(() -> RegistryException.forbidden(
                    "the caller's certificate has no centerId attribute; a training center's Fabric CA enrollment "
                            + "must carry centerId=<its USCC>"));
            Ledger ledger = new Ledger(ctx);
            Regions regions = new Regions(ledger);
            return new Issuer(ledger, caller, regions.regionOf(caller), centerId, regions);
        }

        Accreditation accreditation() {
            Accreditation accreditation = new Accreditations(ledger).find(centerId).orElseThrow(() ->
                    RegistryException.forbidden("center " + centerId + " is not accredited; region " + region.code()
                            + "'s bureau must accredit it before it issues certificates"));
            if (!accreditation.region().equals(region.code())) {
                throw RegistryException.forbidden("center " + centerId + " is accredited by region "
                        + accreditation.region() + " but the caller's organization acts for region " + region.code()
                        + "; a center issues through its own region");
            }
            return accreditation;
        }

        /** Why this center may not issue these claims today, if it may not. */
        Optional<RegistryException> problemWith(CertificateClaims claims, Accreditation accreditation) {
            if (!claims.centerId().equals(centerId)) {
                return Optional.of(RegistryException.forbidden("the certificate names center " + claims.centerId()
                        + " but the caller is center " + centerId + "; a center issues only its own certificates"));
            }
            if (!claims.region().equals(region.code())) {
                return Optional.of(RegistryException.forbidden("the certificate names region " + claims.region()
                        + " but the caller's organization acts for region " + region.code()
                        + "; a region issues only its own certificates"));
            }
            try {
                Regions.requireNumberSpace(allRegions(), region, claims.number(),
                        CertificateNumber.parse(claims.number()).provinceCode());
            } catch (RegistryException e) {
                return Optional.of(e);
            }
            Optional<String> refusal = accreditation.refusalFor(claims.kind(), claims.occupation(), claims.level(), today);
            if (refusal.isPresent()) {
                return Optional.of(RegistryException.forbidden(refusal.get()));
            }
            LocalDate issued = claims.issuedOn();
            if (issued.isAfter(today)) {
                return Optional.of(RegistryException.invalid("issueDate " + issued + " is in the future (today is "
                        + today + " in China); a certificate is issued on or after its issue date"));
            }
            if (issued.isBefore(LocalDate.parse(accreditation.validFrom()))) {
                return Optional.of(RegistryException.invalid("issueDate " + issued + " is before the center's "
                        + "accreditation began (" + accreditation.validFrom() + ")"));
            }
            return Optional.empty();
        }

        private List<Region> allRegions;

        /** Every region, read once per transaction (a batch checks each number against them). */
        List<Region> allRegions() {
            if (allRegions == null) {
                allRegions = regions.all();
            }
            return allRegions;
        }

        AttestationCertificate attestation() {
            return regions.currentAttestation(region);
        }

        X509Certificate attestationCertificate(AttestationCertificate attestation) {
            return ParsedCertificates.of(attestation.certificatePem());
        }
    }
}
