package cn.cdcq.registry.common.merkle;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.format.Sha256Hex;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Merkle tree over a batch of certificates, so a region signs one root per batch and each
 * certificate carries only its path to that root (as Blockcerts does).
 *
 * <p>Hashing follows RFC 6962 (Certificate Transparency): a leaf is {@code SHA-256(0x00 || data)}
 * and an inner node {@code SHA-256(0x01 || left || right)}. The distinct prefixes stop anyone
 * passing an inner node off as a leaf (a second-preimage attack). A level with an odd number of
 * nodes promotes its last node to the next level unchanged, which yields exactly RFC 6962's tree
 * (split at the largest power of two below the size). The Bitcoin-style alternative, pairing the
 * last node with a copy of itself, was rejected because it lets two different batches (with and
 * without a duplicated last record) share a root.
 *
 * <p>The leaf data is the canonical JSON bytes of each record. Building keeps every level, so a
 * proof costs one step per level and a batch of a thousand records builds in about two thousand
 * hashes.
 */
public final class MerkleTree {

    private static final byte[] LEAF_PREFIX = {0x00};
    private static final byte[] NODE_PREFIX = {0x01};
    public static final String LEFT = "L";
    public static final String RIGHT = "R";

    /** levels.get(0) holds the leaf hashes; the last level holds only the root. */
    private final List<byte[][]> levels;

    private MerkleTree(List<byte[][]> levels) {
        this.levels = levels;
    }

    /**
     * One step of a Merkle path, from the leaf upwards.
     *
     * @param side where the sibling sits: {@code "L"} when the sibling is the left child (hash
     *             sibling then current), {@code "R"} when it is the right child (current then sibling)
     * @param hash the sibling's SHA-256, 64 lowercase hex digits
     */
    public record ProofStep(String side, String hash) {

        public ProofStep {
            if (!LEFT.equals(side) && !RIGHT.equals(side)) {
                throw new InvalidInputException(InvalidInputException.INVALID_MERKLE_PROOF,
                        "Merkle path step side is " + (side == null ? "missing" : "\"" + side + "\"")
                                + "; it must be \"L\" (sibling on the left) or \"R\" (sibling on the right)");
            }
            if (hash == null) {
                throw new InvalidInputException(InvalidInputException.INVALID_MERKLE_PROOF,
                        "Merkle path step hash is missing; each step needs the sibling's SHA-256 as 64 lowercase hex digits");
            }
            if (!Sha256Hex.isCanonical(hash)) {
                throw new InvalidInputException(InvalidInputException.INVALID_MERKLE_PROOF,
                        "Merkle path step hash \"" + hash + "\" is not a SHA-256 in 64 lowercase hex digits; "
                                + "copy the path exactly as it was issued");
            }
        }
    }

    /** Builds the tree over {@code leafData}, the canonical bytes of each record in batch order. */
    public static MerkleTree of(List<byte[]> leafData) {
        if (leafData == null || leafData.isEmpty()) {
            throw new InvalidInputException(InvalidInputException.INVALID_MERKLE_PROOF,
                    "a Merkle batch needs at least one record; issue the batch once it has certificates in it");
        }
        byte[][] level = new byte[leafData.size()][];
        for (int i = 0; i < level.length; i++) {
            byte[] data = leafData.get(i);
            if (data == null) {
                throw new InvalidInputException(InvalidInputException.INVALID_MERKLE_PROOF,
                        "Merkle batch record " + i + " has no data; every record needs its canonical bytes");
            }
            level[i] = leafHash(data);
        }
        List<byte[][]> levels = new ArrayList<>();
        levels.add(level);
        while (level.length > 1) {
            byte[][] parent = new byte[(level.length + 1) / 2][];
            for (int i = 0; i < level.length / 2; i++) {
                parent[i] = nodeHash(level[2 * i], level[2 * i + 1]);
            }
            if (level.length % 2 == 1) {
                parent[parent.length - 1] = level[level.length - 1];
            }
            levels.add(parent);
            level = parent;
        }
        return new MerkleTree(levels);
    }

    /** The root hash: what the region signs for the whole batch. */
    public byte[] root() {
        return levels.get(levels.size() - 1)[0].clone();
    }

    /** The number of leaves (records in the batch). */
    public int size() {
        return levels.get(0).length;
    }

    /** The path from leaf {@code index} (0-based, batch order) to the root. */
    public List<ProofStep> proof(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("leaf index " + index + " is outside this batch of " + size()
                    + " records; use 0 to " + (size() - 1));
        }
        List<ProofStep> path = new ArrayList<>(levels.size());
        int position = index;
        for (int depth = 0; depth < levels.size() - 1; depth++) {
            byte[][] level = levels.get(depth);
            int sibling = position ^ 1;
            // The last node of an odd level has no sibling: it is promoted and adds no step.
            if (sibling < level.length) {
                path.add(new ProofStep(position % 2 == 0 ? RIGHT : LEFT, Hashes.hex(level[sibling])));
            }
            position /= 2;
        }
        return List.copyOf(path);
    }

    /**
     * The sides of the path from leaf {@code index} in a tree of {@code size} leaves, as
     * {@link #proof} gives them: the shape that fixes the leaf's place, without the hashes.
     */
    public static List<String> sides(int index, int size) {
        if (size < 1 || index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("leaf index " + index + " is outside a batch of " + size + " records");
        }
        List<String> sides = new ArrayList<>();
        int position = index;
        for (int length = size; length > 1; length = (length + 1) / 2) {
            if ((position ^ 1) < length) {
                sides.add(position % 2 == 0 ? RIGHT : LEFT);
            }
            position /= 2;
        }
        return List.copyOf(sides);
    }

    /** The root that {@code leafData} and {@code path} lead to. */
    public static byte[] rootFromProof(byte[] leafData, List<ProofStep> path) {
        Objects.requireNonNull(leafData, "leaf data is null");
        Objects.requireNonNull(path, "Merkle path is null (a one-record batch has an empty path)");
        byte[] current = leafHash(leafData);
        for (ProofStep step : path) {
            Objects.requireNonNull(step, "Merkle path has a null step");
            byte[] sibling = Hashes.fromHex(step.hash());
            current = LEFT.equals(step.side()) ? nodeHash(sibling, current) : nodeHash(current, sibling);
        }
        return current;
    }

    /** Whether {@code path} leads from {@code leafData} to {@code expectedRoot}. */
    public static boolean verify(byte[] leafData, List<ProofStep> path, byte[] expectedRoot) {
        Objects.requireNonNull(expectedRoot, "expected Merkle root is null");
        return MessageDigest.isEqual(rootFromProof(leafData, path), expectedRoot);
    }

    private static byte[] leafHash(byte[] data) {
        return Hashes.sha256(LEAF_PREFIX, data);
    }

    private static byte[] nodeHash(byte[] left, byte[] right) {
        return Hashes.sha256(NODE_PREFIX, left, right);
    }
}
