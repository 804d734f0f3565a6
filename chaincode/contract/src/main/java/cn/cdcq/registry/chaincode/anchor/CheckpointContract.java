package cn.cdcq.registry.chaincode.anchor;

import cn.cdcq.registry.chaincode.region.Regions;
import cn.cdcq.registry.chaincode.support.Arguments;
import cn.cdcq.registry.chaincode.support.Caller;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryContract;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.anchor.Checkpoint;
import cn.cdcq.registry.common.anchor.Checkpoint.Anchor;
import cn.cdcq.registry.common.anchor.Checkpoint.AnchorStatus;
import cn.cdcq.registry.common.anchor.Checkpoint.Refusal;
import cn.cdcq.registry.common.anchor.Checkpoint.RegionSignature;
import cn.cdcq.registry.common.anchor.Checkpoint.Status;
import cn.cdcq.registry.common.anchor.CheckpointEvents;
import cn.cdcq.registry.common.anchor.CheckpointStatement;
import cn.cdcq.registry.common.anchor.CheckpointTransactions;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.region.AttestationCertificate;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checkpoints of the ledger, each signed by both regions. One region's bureau proposes the
 * statement (the Merkle root over the writes of a block range, chained to the previous
 * checkpoint) with its attestation signature; a bureau of another region recomputes it from its
 * own peer and countersigns, or refuses with its reason. Both signatures are verified here under
 * the regions' current attestation certificates; only a checkpoint with both
 * ({@link Status#SIGNED}) is in force, extends the chain, and may record a public anchor.
 */
@Contract(name = CheckpointTransactions.CONTRACT, info = @Info(title = "Checkpoints",
        description = "Merkle roots of the ledger signed by both regions, and the state of their public anchors",
        version = "1", contact = @Contact(name = "Chengdu-Chongqing labor registry")))
public final class CheckpointContract implements RegistryContract {

    static final String CHECKPOINT = "anchor.checkpoint";   // number (12 digits, zero-padded)
    static final String LATEST = "anchor.latestSigned";     // -> number of the latest SIGNED checkpoint

    private static final Pattern TX_HASH = Pattern.compile("0x[0-9a-f]{64}");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern REASON = Pattern.compile("[A-Z][A-Z_]{2,39}");

    /**
     * Proposes the next checkpoint: {@code statementJson} a {@link CheckpointStatement} of the
     * caller's region, {@code signatureHex} its attestation signature. The number, first block
     * and previous hash must continue the latest checkpoint in force.
     */
    @Transaction(name = CheckpointTransactions.PROPOSE_CHECKPOINT, intent = Transaction.TYPE.SUBMIT)
    public String proposeCheckpoint(Context ctx, String statementJson, String signatureHex) {
        Caller caller = Caller.of(ctx);
        Ledger ledger = new Ledger(ctx);
        Regions regions = new Regions(ledger);
        String region = regions.bureauRegion(caller);
        CheckpointStatement s = Arguments.json(statementJson, CheckpointStatement.class);
        if (!region.equals(s.proposedByRegion())) {
            throw RegistryException.forbidden("a bureau of region " + region + " cannot propose a checkpoint as region "
                    + s.proposedByRegion());
        }
        Optional<Checkpoint> latest = latestSigned(ledger);
        long number = latest.map(c -> c.statement().number() + 1).orElse(1L);
        long fromBlock = latest.map(c -> c.statement().toBlock() + 1).orElse(0L);
        String previous = latest.map(Checkpoint::hash).orElse(CheckpointStatement.GENESIS);
        if (s.number() != number || s.fromBlock() != fromBlock || !s.previousHash().equals(previous)) {
            throw RegistryException.conflict("the next checkpoint is number " + number + " from block " + fromBlock
                    + " after " + previous + "; the statement is number " + s.number() + " from block " + s.fromBlock()
                    + " after " + s.previousHash() + ": rebuild it from the latest checkpoint in force");
        }
        find(ledger, number).ifPresent(open -> {
            if (open.status() != Status.REFUSED) {
                throw RegistryException.conflict("checkpoint " + number + " is already proposed by region "
                        + open.statement().proposedByRegion() + " (" + open.status() + "); it is countersigned or "
                        + "refused before another is proposed");
            }
        });
        RegionSignature signature = verified(ctx, ledger, regions, region, s, signatureHex, caller);
        Checkpoint proposed = new Checkpoint(s, s.hash(), Status.PROPOSED, signature, null, null, null);
        put(ledger, proposed);
        ledger.emit(CheckpointEvents.CHECKPOINT_PROPOSED, CheckpointEvents.CheckpointChanged.of(proposed));
        return Json.write(proposed);
    }

    /**
     * A bureau of another region countersigns checkpoint {@code number} after recomputing it
     * from its own peer: {@code signatureHex} its attestation signature over the same statement.
     */
    @Transaction(name = CheckpointTransactions.COUNTERSIGN_CHECKPOINT, intent = Transaction.TYPE.SUBMIT)
    public String countersignCheckpoint(Context ctx, String number, String signatureHex) {
        Caller caller = Caller.of(ctx);
        Ledger ledger = new Ledger(ctx);
        Regions regions = new Regions(ledger);
        String region = regions.bureauRegion(caller);
        Checkpoint c = requireProposedForCounterpart(ledger, number, region, "countersign");
        RegionSignature signature = verified(ctx, ledger, regions, region, c.statement(), signatureHex, caller);
        Checkpoint signed = new Checkpoint(c.statement(), c.hash(), Status.SIGNED, c.proposerSignature(), signature,
                null, null);
        put(ledger, signed);
        ledger.put(ledger.key(LATEST), signed.statement().number());
        ledger.emit(CheckpointEvents.CHECKPOINT_SIGNED, CheckpointEvents.CheckpointChanged.of(signed));
        return Json.write(signed);
    }

    /**
     * A bureau of another region refuses checkpoint {@code number}: {@code reasonCode} as
     * {@link Refusal#ROOT_MISMATCH}, {@code detail} what its own peer gave. It stays unanchored;
     * the proposer may propose that number again.
     */
    @Transaction(name = CheckpointTransactions.REFUSE_CHECKPOINT, intent = Transaction.TYPE.SUBMIT)
    public String refuseCheckpoint(Context ctx, String number, String reasonCode, String detail) {
        Caller caller = Caller.of(ctx);
        Ledger ledger = new Ledger(ctx);
        String region = new Regions(ledger).bureauRegion(caller);
        if (reasonCode == null || !REASON.matcher(reasonCode).matches()) {
            throw RegistryException.invalid("reasonCode \"" + reasonCode + "\" must be an upper-case code such as "
                    + Refusal.ROOT_MISMATCH);
        }
        String text = detail == null ? "" : detail.strip();
        if (text.isEmpty() || text.length() > 1000) {
            throw RegistryException.invalid("detail must say what the region's own peer gave, in 1 to 1000 characters");
        }
        Checkpoint c = requireProposedForCounterpart(ledger, number, region, "refuse");
        Checkpoint refused = new Checkpoint(c.statement(), c.hash(), Status.REFUSED, c.proposerSignature(), null,
                new Refusal(region, reasonCode, text, ledger.nowIso()), null);
        put(ledger, refused);
        ledger.emit(CheckpointEvents.CHECKPOINT_REFUSED, CheckpointEvents.CheckpointChanged.of(refused));
        return Json.write(refused);
    }

    /**
     * Records the state of checkpoint {@code number}'s public anchor ({@link Anchor} as JSON).
     * Only a checkpoint signed by both regions is anchored; a confirmed anchor is final, and a
     * pending one changes its transaction only after it failed.
     */
    @Transaction(name = CheckpointTransactions.RECORD_ANCHOR, intent = Transaction.TYPE.SUBMIT)
    public String recordAnchor(Context ctx, String number, String anchorJson) {
        Caller caller = Caller.of(ctx);
        Ledger ledger = new Ledger(ctx);
        new Regions(ledger).bureauRegion(caller);
        Checkpoint c = require(ledger, number);
        if (c.status() != Status.SIGNED) {
            throw RegistryException.conflict("checkpoint " + c.statement().number() + " is " + c.status()
                    + (c.status() == Status.PROPOSED ? ", signed by region " + c.statement().proposedByRegion() + " only"
                    : " by region " + c.refusal().regionCode() + " (" + c.refusal().reasonCode() + ")")
                    + "; only a checkpoint signed by both regions is anchored");
        }
        Anchor in = Arguments.json(anchorJson, Anchor.class);
        if (in.status() == null || in.txHash() == null || !TX_HASH.matcher(in.txHash()).matches()
                || in.contractAddress() == null || !ADDRESS.matcher(in.contractAddress()).matches()
                || in.fromAddress() == null || !ADDRESS.matcher(in.fromAddress()).matches() || in.chainId() < 1
                || in.confirmations() < 0 || in.attempts() < 1) {
            throw RegistryException.invalid("an anchor needs a status, a chain id, the contract and sender addresses "
                    + "(0x and 40 hex digits), the transaction hash (0x and 64 lowercase hex digits), confirmations >= 0 "
                    + "and attempts >= 1");
        }
        if (in.status() == AnchorStatus.CONFIRMED && (in.blockNumber() == null || in.confirmations() < 1)) {
            throw RegistryException.invalid("a confirmed anchor needs its block number and at least one confirmation");
        }
        if (in.status() == AnchorStatus.FAILED && (in.detail() == null || in.detail().isBlank())) {
            throw RegistryException.invalid("a failed anchor needs the reason in detail");
        }
        Anchor before = c.anchor();
        if (before != null && before.status() == AnchorStatus.CONFIRMED) {
            throw RegistryException.conflict("checkpoint " + c.statement().number() + " is already anchored and confirmed "
                    + "in transaction " + before.txHash() + "; a confirmed anchor is final");
        }
        if (before != null && before.status() == AnchorStatus.PENDING && !before.txHash().equals(in.txHash())) {
            throw RegistryException.conflict("checkpoint " + c.statement().number() + " has transaction "
                    + before.txHash() + " pending; record it confirmed or failed before another is sent");
        }
        Anchor stored = new Anchor(in.status(), in.chainId(), in.contractAddress(), in.fromAddress(), in.txHash(),
                in.blockNumber(), in.confirmations(), in.attempts(), in.detail(), ledger.nowIso());
        Checkpoint anchored = c.withAnchor(stored);
        put(ledger, anchored);
        ledger.emit(CheckpointEvents.CHECKPOINT_ANCHOR_CHANGED, CheckpointEvents.CheckpointChanged.of(anchored));
        return Json.write(anchored);
    }

    @Transaction(name = CheckpointTransactions.GET_CHECKPOINT, intent = Transaction.TYPE.EVALUATE)
    public String getCheckpoint(Context ctx, String number) {
        return Json.write(require(new Ledger(ctx), number));
    }

    /** Every checkpoint, oldest first. */
    @Transaction(name = CheckpointTransactions.LIST_CHECKPOINTS, intent = Transaction.TYPE.EVALUATE)
    public String listCheckpoints(Context ctx) {
        return Json.write(new Ledger(ctx).list(Checkpoint.class, CHECKPOINT));
    }

    private static RegionSignature verified(Context ctx, Ledger ledger, Regions regions, String region,
                                            CheckpointStatement s, String signatureHex, Caller caller) {
        AttestationCertificate cert = regions.currentAttestation(region);
        byte[] signature = Arguments.valid(() -> Hashes.fromHex(signatureHex));
        if (!s.verify(Signatures.parseCertificate(cert.certificatePem()).getPublicKey(), signature)) {
            throw RegistryException.badSignature("the checkpoint signature does not verify under region " + region
                    + "'s attestation certificate " + cert.sequence() + " (" + cert.fingerprint() + "); sign the "
                    + "statement's canonical JSON with the region's current attestation key");
        }
        return new RegionSignature(region, cert.sequence(), Hashes.hex(signature), caller.id(), ledger.nowIso());
    }

    private static Checkpoint requireProposedForCounterpart(Ledger ledger, String number, String region, String action) {
        Checkpoint c = require(ledger, number);
        if (c.statement().proposedByRegion().equals(region)) {
            throw RegistryException.forbidden("checkpoint " + c.statement().number() + " was proposed by region " + region
                    + "; a checkpoint needs both regions, so another region's bureau must " + action + " it");
        }
        if (c.status() != Status.PROPOSED) {
            throw RegistryException.conflict("checkpoint " + c.statement().number() + " is " + c.status()
                    + "; only a proposed checkpoint can be countersigned or refused");
        }
        return c;
    }

    private static Optional<Checkpoint> latestSigned(Ledger ledger) {
        return ledger.get(ledger.key(LATEST), Long.class).flatMap(n -> find(ledger, n));
    }

    private static Optional<Checkpoint> find(Ledger ledger, long number) {
        return ledger.get(ledger.key(CHECKPOINT, padded(number)), Checkpoint.class);
    }

    private static Checkpoint require(Ledger ledger, String number) {
        long n;
        try {
            n = Long.parseLong(number == null ? "" : number.strip());
        } catch (NumberFormatException e) {
            throw RegistryException.invalid("number '" + number + "' is not a whole number");
        }
        return find(ledger, n).orElseThrow(() -> RegistryException.notFound("there is no checkpoint " + n));
    }

    private static void put(Ledger ledger, Checkpoint c) {
        ledger.put(ledger.key(CHECKPOINT, padded(c.statement().number())), c);
    }

    private static String padded(long number) {
        return String.format("%012d", number);
    }
}
