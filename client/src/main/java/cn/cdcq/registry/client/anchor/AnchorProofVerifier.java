package cn.cdcq.registry.client.anchor;

import cn.cdcq.registry.client.anchor.AnchorVerification.Outcome;
import cn.cdcq.registry.client.anchor.AnchorVerification.Step;
import cn.cdcq.registry.common.anchor.Checkpoint;
import cn.cdcq.registry.common.anchor.CheckpointStatement;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.merkle.MerkleTree;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an {@link AnchorProof} against an EVM node: the Merkle path leads from the leaf to the
 * checkpoint's root; the statement hashes to the checkpoint hash; two different regions signed
 * it, each under the attestation certificate the proof names; the contract holds that hash with
 * that root and number; its transaction is at least N blocks deep; and (when the record's
 * current bytes are given) the record is still what was anchored. Used by the public endpoint
 * and by the CLI's offline {@code verify-anchor}; needs nothing of the service.
 */
public final class AnchorProofVerifier {

    private AnchorProofVerifier() {
    }

    /**
     * The record as a region's peer holds it now: the SHA-256 of its current bytes in the world
     * state, and the transaction of its last committed write as the key's history gives it (from
     * the blocks, not from the state), or null when unknown.
     */
    public record Current(String valueSha256, String lastTxId) {
    }

    /**
     * @param current the record now on the service's peer, or empty to skip that step (offline)
     */
    public static AnchorVerification verify(AnchorProof proof, EvmChain chain, int confirmations,
                                            Optional<Current> current) {
        List<Step> steps = new ArrayList<>();
        Checkpoint c = proof.checkpoint();
        CheckpointStatement s = c.statement();
        byte[] root = Hashes.fromHex(s.root());

        byte[] fromPath = MerkleTree.rootFromProof(proof.leaf().leafData(), proof.path());
        steps.add(MessageDigest.isEqual(fromPath, root)
                ? new Step("merkle-path", Outcome.PASS, "the path of " + proof.path().size() + " steps leads from the leaf "
                        + "(block " + proof.leaf().block() + ") to root " + s.root() + " of checkpoint " + s.number())
                : new Step("merkle-path", Outcome.FAIL, "the path leads to " + Hashes.hex(fromPath) + ", not to the "
                        + "checkpoint's root " + s.root() + ": the leaf or the path was altered"));

        String hash = s.hash();
        steps.add(hash.equals(c.hash())
                ? new Step("checkpoint-hash", Outcome.PASS, "the statement hashes to " + hash)
                : new Step("checkpoint-hash", Outcome.FAIL, "the statement hashes to " + hash + ", the checkpoint says "
                        + c.hash() + ": the statement was altered"));

        steps.add(signatures(proof, s));

        Optional<EvmChain.OnChain> onChain = Optional.empty();
        try {
            EvmChain.OnChain o = chain.anchorOf(Hashes.fromHex(hash));
            if (o.blockNumber() == 0) {
                steps.add(new Step("anchor-on-chain", Outcome.FAIL, "contract " + chain.contract() + " on chain "
                        + chain.chainId() + " holds no anchor of checkpoint hash " + hash));
            } else if (!o.root().equals(s.root()) || o.number() != s.number()) {
                steps.add(new Step("anchor-on-chain", Outcome.FAIL, "the contract anchors checkpoint hash " + hash
                        + " as number " + o.number() + " with root " + o.root() + ", not number " + s.number()
                        + " with root " + s.root()));
            } else {
                onChain = Optional.of(o);
                steps.add(new Step("anchor-on-chain", Outcome.PASS, "contract " + chain.contract() + " on chain "
                        + chain.chainId() + " anchors checkpoint " + s.number() + " (root " + s.root() + ") in block "
                        + o.blockNumber()));
            }
        } catch (Exception e) {
            steps.add(new Step("anchor-on-chain", Outcome.FAIL, "the EVM node could not be asked: " + e.getMessage()));
        }

        steps.add(confirmed(c, chain, confirmations, onChain));

        steps.add(current.map(now -> recordCurrent(proof, s.number(), now))
                .orElse(new Step("record-current", Outcome.NOT_APPLICABLE, "the record's current bytes were not given")));

        boolean valid = steps.stream().noneMatch(st -> st.outcome() == Outcome.FAIL);
        Checkpoint.Anchor a = c.anchor();
        return new AnchorVerification(valid, s.number(), c.hash(), a == null ? null : a.txHash(),
                onChain.map(EvmChain.OnChain::blockNumber).orElse(null), steps);
    }

    /**
     * PASS when the peer's current bytes are the anchored ones; NOT_APPLICABLE when a later
     * committed transaction changed the record (covered by a later checkpoint); FAIL when they
     * differ without a later write: the peer's state was altered outside the ledger.
     */
    private static Step recordCurrent(AnchorProof proof, long number, Current now) {
        String anchored = proof.leaf().valueSha256();
        if (now.valueSha256().equals(anchored)) {
            return new Step("record-current", Outcome.PASS, "the record on the ledger is the one anchored (SHA-256 "
                    + now.valueSha256() + ")");
        }
        if (now.lastTxId() != null && !now.lastTxId().equals(proof.leaf().txId())) {
            return new Step("record-current", Outcome.NOT_APPLICABLE, "the record was changed by transaction "
                    + now.lastTxId() + " after checkpoint " + number + "; that change is covered by a later checkpoint");
        }
        if (now.lastTxId() != null) {
            return new Step("record-current", Outcome.FAIL, "the record on this peer hashes to " + now.valueSha256()
                    + ", but its last committed write, transaction " + now.lastTxId() + " in checkpoint " + number
                    + ", wrote " + anchored + ": the peer's state was altered outside the ledger");
        }
        return new Step("record-current", Outcome.FAIL, "the record on the ledger hashes to " + now.valueSha256()
                + ", the anchored write to " + anchored + ": it changed after checkpoint " + number
                + " (a later change not anchored yet) or was altered");
    }

    private static Step signatures(AnchorProof proof, CheckpointStatement s) {
        Checkpoint c = proof.checkpoint();
        if (c.proposerSignature() == null || c.counterSignature() == null) {
            return new Step("signatures", Outcome.FAIL, "checkpoint " + s.number() + " is signed by "
                    + (c.proposerSignature() == null ? "no region" : "region " + c.proposerSignature().regionCode())
                    + " only; a checkpoint needs both regions' signatures");
        }
        Set<String> regions = new HashSet<>();
        for (Checkpoint.RegionSignature sig : List.of(c.proposerSignature(), c.counterSignature())) {
            Optional<AnchorProof.Signer> signer = proof.signers().stream()
                    .filter(x -> x.regionCode().equals(sig.regionCode()) && x.sequence() == sig.attestationSequence())
                    .findFirst();
            if (signer.isEmpty()) {
                return new Step("signatures", Outcome.FAIL, "no attestation certificate " + sig.attestationSequence()
                        + " of region " + sig.regionCode() + " in the proof");
            }
            boolean ok;
            try {
                ok = s.verify(Signatures.parseCertificate(signer.get().certificatePem()).getPublicKey(),
                        Hashes.fromHex(sig.signatureHex()));
            } catch (RuntimeException e) {
                ok = false;
            }
            if (!ok) {
                return new Step("signatures", Outcome.FAIL, "region " + sig.regionCode() + "'s signature does not verify "
                        + "under its attestation certificate " + sig.attestationSequence() + " ("
                        + signer.get().fingerprint() + ")");
            }
            regions.add(sig.regionCode());
        }
        if (regions.size() < 2) {
            return new Step("signatures", Outcome.FAIL, "both signatures are region " + regions + "'s; a checkpoint "
                    + "needs two regions");
        }
        return new Step("signatures", Outcome.PASS, "signed by regions " + c.proposerSignature().regionCode() + " and "
                + c.counterSignature().regionCode() + " under their attestation certificates "
                + proof.signers().stream().map(AnchorProof.Signer::fingerprint).toList());
    }

    private static Step confirmed(Checkpoint c, EvmChain chain, int confirmations, Optional<EvmChain.OnChain> onChain) {
        Checkpoint.Anchor a = c.anchor();
        if (onChain.isEmpty()) {
            return new Step("anchor-confirmed", Outcome.FAIL, "not anchored on the chain, so not confirmed");
        }
        try {
            long block = onChain.get().blockNumber();
            long depth = chain.blockNumber() - block + 1;
            if (a != null && a.txHash() != null) {
                Optional<TransactionReceipt> r = chain.receipt(a.txHash());
                if (r.isEmpty() || r.get().getBlockNumber().longValueExact() != block || !r.get().isStatusOK()) {
                    return new Step("anchor-confirmed", Outcome.FAIL, "the anchor's recorded transaction " + a.txHash()
                            + " is not the successful one in block " + block);
                }
            }
            return depth >= confirmations
                    ? new Step("anchor-confirmed", Outcome.PASS, "block " + block + " is " + depth + " blocks deep ("
                            + confirmations + " required)")
                    : new Step("anchor-confirmed", Outcome.FAIL, "block " + block + " is only " + depth + " blocks deep; "
                            + confirmations + " are required");
        } catch (Exception e) {
            return new Step("anchor-confirmed", Outcome.FAIL, "the EVM node could not be asked: " + e.getMessage());
        }
    }
}
