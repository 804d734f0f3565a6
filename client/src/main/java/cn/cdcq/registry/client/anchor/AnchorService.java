package cn.cdcq.registry.client.anchor;

import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.KeyVault;
import cn.cdcq.registry.client.identity.PublicReader;
import cn.cdcq.registry.client.region.RegionAttestation;
import cn.cdcq.registry.client.region.RegionRegistryClient;
import cn.cdcq.registry.common.anchor.AnchorLeaf;
import cn.cdcq.registry.common.anchor.Checkpoint;
import cn.cdcq.registry.common.anchor.Checkpoint.Anchor;
import cn.cdcq.registry.common.anchor.Checkpoint.AnchorStatus;
import cn.cdcq.registry.common.anchor.CheckpointStatement;
import cn.cdcq.registry.common.certificate.CertificateHistoryEntry;
import cn.cdcq.registry.common.certificate.CertificateTransactions;
import cn.cdcq.registry.common.credit.RatingTransactions;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.merkle.MerkleTree;
import cn.cdcq.registry.common.region.AttestationCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checkpoints and their public anchors (docs/anchoring.md). Proposing: the Merkle root over the
 * writes of the blocks since the last checkpoint in force, read from this region's peer, signed
 * with the region's attestation key. Countersigning: the same recomputed from this region's own
 * peer, then signed, or refused with the reason. Anchoring: a transaction to the anchoring
 * contract, signed here so its hash is recorded on the ledger (PENDING) before it is sent, then
 * followed until N blocks deep (CONFIRMED) or recorded FAILED with the reason; a dropped
 * transaction is sent again unchanged (the signed bytes are kept in the data folder), and a
 * restart picks up a PENDING anchor where it was. The contract refuses a second anchor of the
 * same checkpoint, so nothing is ever anchored twice.
 */
@Service
@EnableConfigurationProperties(AnchorProperties.class)
public class AnchorService {

    private static final Logger log = LoggerFactory.getLogger(AnchorService.class);

    private final AnchorProperties anchor;
    private final ServiceProperties properties;
    private final UserGateways gateways;
    private final PublicReader reader;
    private final RegionAttestation attestation;
    private final Credentials account;
    private final EvmChain chain;
    private final Path pendingDir;
    /** Leaves of checkpoints whose root this service recomputed, by checkpoint hash. */
    /** What each checkpoint covers, by checkpoint hash: read from the blocks once, then served to every proof asked of it. */
    private final Map<String, Covered> covered = new ConcurrentHashMap<>();

    /** A checkpoint's leaves in ledger order, their Merkle tree, and each key's last leaf (a record's current bytes). */
    private record Covered(List<AnchorLeaf> leaves, MerkleTree tree, Map<String, Integer> lastIndex) {
        static Covered of(List<AnchorLeaf> leaves, MerkleTree tree) {
            Map<String, Integer> last = new java.util.HashMap<>();
            for (int i = 0; i < leaves.size(); i++) {
                last.put(leaves.get(i).key(), i);
            }
            return new Covered(List.copyOf(leaves), tree, Map.copyOf(last));
        }
    }

    public AnchorService(AnchorProperties anchor, ServiceProperties properties, UserGateways gateways,
                         PublicReader reader, RegionAttestation attestation) {
        this.anchor = anchor;
        this.properties = properties;
        this.gateways = gateways;
        this.reader = reader;
        this.attestation = attestation;
        this.pendingDir = properties.dataDir().resolve("anchor");
        if (anchor.enabled()) {
            if (anchor.rpcUrl() == null || anchor.contractAddress() == null || anchor.chainId() == null) {
                throw new IllegalStateException("registry.anchor.enabled needs rpc-url, chain-id and contract-address");
            }
            Path keyFile = anchor.keyFile() != null ? anchor.keyFile() : pendingDir.resolve("evm.key");
            this.account = EvmAccount.loadOrCreate(keyFile, KeyVault.open(properties.masterSecret()));
            this.chain = new EvmChain(anchor.rpcUrl(), anchor.contractAddress(), anchor.chainId());
            log.info("anchoring to contract {} on chain {} at {} from account {}, {} confirmations",
                    anchor.contractAddress(), anchor.chainId(), anchor.rpcUrl(), account.getAddress(),
                    anchor.confirmationsOrDefault());
        } else {
            this.account = null;
            this.chain = null;
        }
    }

    /** Whether anchoring on an EVM chain is configured on this service. */
    public boolean anchoringConfigured() {
        return chain != null;
    }

    private EvmChain chain() {
        if (chain == null) {
            throw new AnchorRefusal(AnchorRefusal.ANCHOR_NOT_CONFIGURED, "public anchoring is not configured on this "
                    + "service (registry.anchor.*, docs/anchoring.md)");
        }
        return chain;
    }

    /** The EVM account, its balance, the chain and the contract. */
    public Map<String, Object> account() {
        EvmChain c = chain();
        BigInteger balance;
        try {
            balance = c.balance(account.getAddress());
        } catch (IOException | RuntimeException e) {
            throw new AnchorRefusal("PEER_UNAVAILABLE", "the EVM node does not answer: " + e.getMessage(), e);
        }
        return Map.of("address", account.getAddress(), "balanceWei", balance.toString(), "chainId", c.chainId(),
                "contractAddress", c.contract(), "confirmations", anchor.confirmationsOrDefault());
    }

    private LedgerBlocks blocks(RegistryGateway gateway) {
        return new LedgerBlocks(gateway, properties.channel(), properties.chaincode());
    }

    private static Optional<Checkpoint> latestSigned(List<Checkpoint> all) {
        return all.stream().filter(c -> c.status() == Checkpoint.Status.SIGNED)
                .max(Comparator.comparingLong(c -> c.statement().number()));
    }

    /** Proposes the next checkpoint: every write from the block after the last checkpoint in force to the peer's last block. */
    public Checkpoint propose(String user) {
        CheckpointClient client = gateways.client(user, CheckpointClient::new);
        Optional<Checkpoint> last = latestSigned(client.checkpoints());
        long number = last.map(c -> c.statement().number() + 1).orElse(1L);
        long from = last.map(c -> c.statement().toBlock() + 1).orElse(0L);
        LedgerBlocks blocks = blocks(client.gateway());
        long to = blocks.height() - 1;
        if (to < from) {
            throw new AnchorRefusal(ErrorCode.CONFLICT.name(), "no block was committed since checkpoint " + (number - 1));
        }
        List<AnchorLeaf> found = blocks.leaves(from, to);
        if (found.isEmpty()) {
            throw new AnchorRefusal(ErrorCode.CONFLICT.name(), "blocks " + from + ".." + to + " hold no write of the registry; "
                    + "there is nothing to checkpoint");
        }
        MerkleTree tree = MerkleTree.of(AnchorLeaf.data(found));
        CheckpointStatement s = new CheckpointStatement(number, from, to, found.size(), Hashes.hex(tree.root()),
                last.map(Checkpoint::hash).orElse(CheckpointStatement.GENESIS), properties.regionCode());
        byte[] signature = attestation.sign(s.bytesToSign(), "checkpoint", Long.toString(number), user);
        Checkpoint proposed = client.propose(s, signature);
        covered.put(proposed.hash(), Covered.of(found, tree));
        log.info("proposed checkpoint {}: blocks {}..{}, {} writes, root {}", number, from, to, found.size(), s.root());
        return proposed;
    }

    /**
     * Countersigns checkpoint {@code number} if this region's own peer gives the same root over
     * the same blocks; else refuses it on the ledger with the reason (the answer is then REFUSED).
     */
    public Checkpoint countersign(String user, long number) {
        CheckpointClient client = gateways.client(user, CheckpointClient::new);
        Checkpoint c = client.checkpoint(number);
        if (c.status() != Checkpoint.Status.PROPOSED) {
            throw new AnchorRefusal(ErrorCode.CONFLICT.name(), "checkpoint " + number + " is " + c.status()
                    + "; only a proposed checkpoint is countersigned");
        }
        CheckpointStatement s = c.statement();
        LedgerBlocks blocks = blocks(client.gateway());
        long height = blocks.height();
        for (int i = 0; i < 20 && height <= s.toBlock(); i++) {
            sleep(500);
            height = blocks.height();
        }
        if (height <= s.toBlock()) {
            return client.refuse(number, Checkpoint.Refusal.BLOCKS_MISSING, "peer of region " + properties.regionCode()
                    + " has blocks up to " + (height - 1) + ", the checkpoint covers up to " + s.toBlock());
        }
        List<AnchorLeaf> mine = blocks.leaves(s.fromBlock(), s.toBlock());
        MerkleTree mineTree = mine.isEmpty() ? null : MerkleTree.of(AnchorLeaf.data(mine));
        String root = mineTree == null ? "none" : Hashes.hex(mineTree.root());
        if (mine.size() != s.leafCount() || !root.equals(s.root())) {
            log.warn("refusing checkpoint {}: own peer gives root {} over {} writes, the statement {} over {}",
                    number, root, mine.size(), s.root(), s.leafCount());
            return client.refuse(number, Checkpoint.Refusal.ROOT_MISMATCH, "peer of region " + properties.regionCode()
                    + " gives root " + root + " over " + mine.size() + " writes in blocks " + s.fromBlock() + ".."
                    + s.toBlock() + "; the statement says " + s.root() + " over " + s.leafCount());
        }
        byte[] signature = attestation.sign(s.bytesToSign(), "checkpoint", Long.toString(number), user);
        Checkpoint signed = client.countersign(number, signature);
        covered.put(signed.hash(), Covered.of(mine, mineTree));
        return signed;
    }

    /**
     * Anchors checkpoint {@code number} and waits until it is confirmed or has failed (both
     * recorded on the ledger). Only a checkpoint signed by both regions is anchored.
     */
    public synchronized Checkpoint anchor(String user, long number) {
        EvmChain evm = chain();
        CheckpointClient client = gateways.client(user, CheckpointClient::new);
        Checkpoint c = client.checkpoint(number);
        if (c.status() != Checkpoint.Status.SIGNED) {
            throw new AnchorRefusal(ErrorCode.CONFLICT.name(), "checkpoint " + number + " is " + c.status()
                    + (c.status() == Checkpoint.Status.PROPOSED ? ", signed by region " + c.statement().proposedByRegion()
                    + " only" : " (" + c.refusal().reasonCode() + ": " + c.refusal().detail() + ")")
                    + "; only a checkpoint signed by both regions is anchored");
        }
        Anchor a = c.anchor();
        if (a != null && a.status() == AnchorStatus.CONFIRMED) {
            return c;
        }
        try {
            if (a != null) {
                // PENDING (a restart, or a retry while it waits) or FAILED: was that transaction mined or is it still known?
                Optional<TransactionReceipt> r = evm.receipt(a.txHash());
                if (a.status() == AnchorStatus.PENDING || r.isPresent() || evm.known(a.txHash())) {
                    Optional<EvmChain.Signed> kept = readSigned(number).filter(s -> s.txHash().equals(a.txHash()));
                    if (a.status() == AnchorStatus.FAILED) {
                        c = client.recordAnchor(number, anchorOf(evm, AnchorStatus.PENDING, a.txHash(), null, 0,
                                a.attempts() + 1, "following transaction " + a.txHash() + " again"));
                    }
                    return follow(client, evm, c, a.txHash(), kept, a.attempts());
                }
            }
            byte[] root = Hashes.fromHex(c.statement().root());
            byte[] hash = Hashes.fromHex(c.hash());
            EvmChain.Signed signed;
            int attempts = a == null ? 1 : a.attempts() + 1;
            try {
                signed = evm.sign(account, number, root, hash);
            } catch (RuntimeException e) {
                // e.g. gas estimation: the contract would refuse (already anchored), or the account has no funds
                String tx = a != null ? a.txHash() : "0x" + "0".repeat(64);
                return client.recordAnchor(number, anchorOf(evm, AnchorStatus.FAILED, tx, null, 0, attempts,
                        "not sent: " + e.getMessage()));
            }
            writeSigned(number, signed);
            c = client.recordAnchor(number, anchorOf(evm, AnchorStatus.PENDING, signed.txHash(), null, 0, attempts,
                    "sent with nonce " + signed.nonce()));
            log.info("anchoring checkpoint {} in transaction {} (nonce {})", number, signed.txHash(), signed.nonce());
            try {
                evm.send(signed.rawHex());
            } catch (IOException | RuntimeException e) {
                log.warn("sending transaction {} failed ({}); following it, it is sent again if the node lacks it",
                        signed.txHash(), e.getMessage());
            }
            return follow(client, evm, c, signed.txHash(), Optional.of(signed), attempts);
        } catch (IOException e) {
            throw new AnchorRefusal("PEER_UNAVAILABLE", "the EVM node does not answer: " + e.getMessage(), e);
        }
    }

    private Checkpoint follow(CheckpointClient client, EvmChain evm, Checkpoint c, String txHash,
                              Optional<EvmChain.Signed> signed, int attempts) {
        long number = c.statement().number();
        int needed = anchor.confirmationsOrDefault();
        long deadline = System.nanoTime() + anchor.timeoutOrDefault() * 1_000_000_000L;
        long backoff = 250;
        String lastProblem = "no receipt yet";
        while (System.nanoTime() < deadline) {
            try {
                Optional<TransactionReceipt> r = evm.receipt(txHash);
                if (r.isPresent()) {
                    if (!r.get().isStatusOK()) {
                        return client.recordAnchor(number, anchorOf(evm, AnchorStatus.FAILED, txHash,
                                r.get().getBlockNumber().longValueExact(), 0, attempts,
                                "the contract reverted the transaction (already anchored?)"));
                    }
                    long block = r.get().getBlockNumber().longValueExact();
                    long depth = evm.blockNumber() - block + 1;
                    if (depth >= needed) {
                        Checkpoint done = client.recordAnchor(number, anchorOf(evm, AnchorStatus.CONFIRMED, txHash, block,
                                (int) depth, attempts, "gas used " + r.get().getGasUsed()));
                        deleteSigned(number);
                        log.info("checkpoint {} anchored in block {} ({} deep), gas {}", number, block, depth,
                                r.get().getGasUsed());
                        return done;
                    }
                    lastProblem = "block " + block + " is " + depth + " deep";
                } else if (!evm.known(txHash)) {
                    if (signed.isEmpty()) {
                        return client.recordAnchor(number, anchorOf(evm, AnchorStatus.FAILED, txHash, null, 0, attempts,
                                "the node does not know transaction " + txHash + " and this service has not its signed "
                                        + "bytes to send it again"));
                    }
                    log.warn("transaction {} of checkpoint {} was dropped by the node; sending it again unchanged",
                            txHash, number);
                    evm.send(signed.get().rawHex());
                    lastProblem = "dropped by the node, sent again";
                }
                backoff = 250;
            } catch (IOException | RuntimeException e) {
                lastProblem = e.getMessage();
                backoff = Math.min(backoff * 2, 4_000);
                log.info("following transaction {}: {} (retrying in {} ms)", txHash, lastProblem, backoff);
            }
            sleep(backoff);
        }
        return client.recordAnchor(number, anchorOf(evm, AnchorStatus.FAILED, txHash, null, 0, attempts,
                "not confirmed within " + anchor.timeoutOrDefault() + " s (" + lastProblem + "); anchoring again "
                        + "follows this transaction first"));
    }

    private Anchor anchorOf(EvmChain evm, AnchorStatus status, String txHash, Long block, int confirmations,
                            int attempts, String detail) {
        return new Anchor(status, evm.chainId(), evm.contract(), account.getAddress(), txHash, block, confirmations,
                attempts, detail, null);
    }

    /** After a restart: anchors this region left PENDING are followed again, in the background. */
    @EventListener(ApplicationReadyEvent.class)
    public void resumePending() {
        if (chain == null) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                for (Checkpoint c : gateways.client(properties.admin().account(), CheckpointClient::new).checkpoints()) {
                    if (c.anchor() != null && c.anchor().status() == AnchorStatus.PENDING
                            && account.getAddress().equalsIgnoreCase(c.anchor().fromAddress())) {
                        log.info("resuming the pending anchor of checkpoint {}", c.statement().number());
                        anchor(properties.admin().account(), c.statement().number());
                    }
                }
            } catch (RuntimeException e) {
                log.warn("resuming pending anchors failed: {}", e.getMessage());
            }
        }, "anchor-resume");
        t.setDaemon(true);
        t.start();
    }

    // ---- proofs

    /** The inclusion proof of a certificate's latest anchored write. */
    public AnchorProof certificateProof(String number) {
        return proof(AnchorLeaf.certificateKey(number), "certificate " + number);
    }

    /** The inclusion proof of a rating's latest anchored write. */
    public AnchorProof ratingProof(String uscc, String regionCode, int year) {
        return proof(AnchorLeaf.ratingKey(uscc, regionCode, year), "the rating of " + uscc + " by " + regionCode
                + " for " + year);
    }

    private AnchorProof proof(String key, String subject) {
        List<Checkpoint> anchored = new ArrayList<>(reader.client(CheckpointClient::new).checkpoints().stream()
                .filter(c -> c.status() == Checkpoint.Status.SIGNED && c.anchor() != null
                        && c.anchor().status() == AnchorStatus.CONFIRMED)
                .sorted(Comparator.comparingLong((Checkpoint c) -> c.statement().number()).reversed()).toList());
        for (Checkpoint c : anchored) {
            Covered cover = coveredBy(c);
            Integer i = cover.lastIndex().get(key);
            if (i != null) {
                return new AnchorProof(cover.leaves().get(i), i, cover.tree().proof(i), c, signers(c));
            }
        }
        throw new AnchorRefusal(ErrorCode.NOT_FOUND.name(), subject + " is in no anchored checkpoint yet (" + anchored.size()
                + " anchored); it is covered once the checkpoint after its last change is signed by both regions "
                + "and confirmed");
    }

    private Covered coveredBy(Checkpoint c) {
        return covered.computeIfAbsent(c.hash(), h -> {
            List<AnchorLeaf> found = reader.client(g -> blocks(g).leaves(c.statement().fromBlock(), c.statement().toBlock()));
            MerkleTree tree = found.isEmpty() ? null : MerkleTree.of(AnchorLeaf.data(found));
            if (tree == null || !Hashes.hex(tree.root()).equals(c.statement().root())) {
                throw new AnchorRefusal(ErrorCode.CONFLICT.name(), "this region's peer gives another root for checkpoint "
                        + c.statement().number() + " than the one both regions signed: the ledger was altered");
            }
            return Covered.of(found, tree);
        });
    }

    private List<AnchorProof.Signer> signers(Checkpoint c) {
        RegionRegistryClient regions = reader.client(RegionRegistryClient::new);
        List<AnchorProof.Signer> out = new ArrayList<>();
        for (Checkpoint.RegionSignature s : List.of(c.proposerSignature(), c.counterSignature())) {
            AttestationCertificate cert = regions.attestationCertificates(s.regionCode()).stream()
                    .filter(x -> x.sequence() == s.attestationSequence()).findFirst()
                    .orElseThrow(() -> new AnchorRefusal(ErrorCode.NOT_FOUND.name(), "region " + s.regionCode()
                            + " has no attestation certificate " + s.attestationSequence()));
            out.add(new AnchorProof.Signer(s.regionCode(), cert.sequence(), cert.certificatePem(), cert.fingerprint()));
        }
        return out;
    }

    /** Checks a proof against the chain and against the record's current bytes on this region's peer. */
    public AnchorVerification verify(AnchorProof proof) {
        return AnchorProofVerifier.verify(proof, chain(), anchor.confirmationsOrDefault(), currentValueSha256(proof));
    }

    private Optional<AnchorProofVerifier.Current> currentValueSha256(AnchorProof proof) {
        String[] parts = proof.leaf().key().split("\u0000", -1);
        try {
            String json;
            String lastTxId = null;
            if (parts.length == 4 && parts[1].equals(AnchorLeaf.CERTIFICATE)) {
                json = reader.client(g -> g.evaluate(CertificateTransactions.CONTRACT, CertificateTransactions.GET_CERTIFICATE,
                        parts[2]));
                List<CertificateHistoryEntry> history = Json.readList(reader.client(g -> g.evaluate(
                        CertificateTransactions.CONTRACT, CertificateTransactions.GET_CERTIFICATE_HISTORY, parts[2])),
                        CertificateHistoryEntry.class);
                lastTxId = history.isEmpty() ? null : history.get(history.size() - 1).txId();
            } else if (parts.length == 6 && parts[1].equals(AnchorLeaf.RATING)) {
                json = reader.client(g -> g.evaluate(RatingTransactions.CONTRACT, RatingTransactions.GET_RATING,
                        parts[2], parts[3], parts[4]));
            } else {
                return Optional.empty();
            }
            return Optional.of(new AnchorProofVerifier.Current(Hashes.sha256Hex(json.getBytes(StandardCharsets.UTF_8)), lastTxId));
        } catch (RuntimeException e) {
            return Optional.of(new AnchorProofVerifier.Current("unreadable: " + e.getMessage(), null));
        }
    }

    // ---- the signed transactions kept until confirmed

    private Path signedFile(long number) {
        return pendingDir.resolve("checkpoint-" + number + ".tx.json");
    }

    private void writeSigned(long number, EvmChain.Signed s) {
        try {
            Files.createDirectories(pendingDir);
            Path tmp = pendingDir.resolve("checkpoint-" + number + ".tx.json.tmp");
            Files.writeString(tmp, Json.write(s));
            Files.move(tmp, signedFile(number), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the signed anchoring transaction in " + pendingDir, e);
        }
    }

    private Optional<EvmChain.Signed> readSigned(long number) {
        try {
            Path f = signedFile(number);
            return Files.exists(f) ? Optional.of(Json.read(Files.readString(f), EvmChain.Signed.class)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            log.warn("cannot read the kept transaction of checkpoint {}: {}", number, e.getMessage());
            return Optional.empty();
        }
    }

    private void deleteSigned(long number) {
        try {
            Files.deleteIfExists(signedFile(number));
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", signedFile(number), e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnchorRefusal("BUSY", "interrupted while anchoring", e);
        }
    }
}
