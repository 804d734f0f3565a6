package cn.cdcq.registry.common.anchor;

import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.json.Json;

import java.util.List;

/**
 * One write committed on the ledger, as a checkpoint's Merkle tree sees it: the block and
 * transaction it was committed in, the world-state key, and the SHA-256 of the value written
 * ({@code null} for a delete). The leaf data is the canonical JSON of this record. Every valid
 * transaction's public writes in the registry's namespace are leaves, in ledger order (block,
 * transaction, then the write set's order), so both regions rebuild the same tree from their own
 * peers, and a record's current value can be checked against the root by hashing its bytes.
 */
public record AnchorLeaf(long block, String txId, String key, String valueSha256) {

    public byte[] leafData() {
        return Json.canonicalBytes(this);
    }

    public static AnchorLeaf write(long block, String txId, String key, byte[] value) {
        return new AnchorLeaf(block, txId, key, value == null ? null : Hashes.sha256Hex(value));
    }

    /** The leaf data of each leaf, in order: the input of {@link cn.cdcq.registry.common.merkle.MerkleTree#of}. */
    public static List<byte[]> data(List<AnchorLeaf> leaves) {
        return leaves.stream().map(AnchorLeaf::leafData).toList();
    }

    /** The world-state key of a certificate (the chaincode's composite key {@code certificate/number}). */
    public static String certificateKey(String number) {
        return compositeKey(CERTIFICATE, number);
    }

    /** The world-state key of one region's rating of an enterprise for a year. */
    public static String ratingKey(String uscc, String regionCode, int year) {
        return compositeKey(RATING, uscc, regionCode, Integer.toString(year));
    }

    /** Object types of the chaincode's keys (kept equal to the chaincode's by its tests). */
    public static final String CERTIFICATE = "certificate";
    public static final String RATING = "credit.rating";

    /** Fabric's composite key form: U+0000, type, then each attribute, each followed by U+0000. */
    public static String compositeKey(String objectType, String... attributes) {
        StringBuilder b = new StringBuilder("\u0000").append(objectType).append('\u0000');
        for (String a : attributes) {
            b.append(a).append('\u0000');
        }
        return b.toString();
    }
}
