package cn.cdcq.registry.common.anchor;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.format.RegionCode;
import cn.cdcq.registry.common.format.Sha256Hex;
import cn.cdcq.registry.common.json.Json;

import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * What both regions' attestation keys sign for a checkpoint, as its canonical JSON (RFC 8785):
 * the Merkle root over every write committed in blocks {@code fromBlock..toBlock} (one
 * {@link AnchorLeaf} per write, in ledger order), chained to the checkpoint before by its hash.
 * The SHA-256 of these bytes is the checkpoint's hash, which goes to the public chain with the
 * root.
 *
 * @param number           1 for the first checkpoint, +1 each
 * @param fromBlock        first block covered: 0, or the previous checkpoint's toBlock + 1
 * @param toBlock          last block covered
 * @param leafCount        the number of writes (leaves) in the tree
 * @param root             the Merkle root (RFC 6962 hashing, {@link cn.cdcq.registry.common.merkle.MerkleTree}), hex
 * @param previousHash     the previous checkpoint's hash, or {@link #GENESIS} for the first
 * @param proposedByRegion the region that proposed it (the other one countersigns)
 */
public record CheckpointStatement(long number, long fromBlock, long toBlock, int leafCount, String root,
                                  String previousHash, String proposedByRegion) {

    /** The previous hash of checkpoint 1. */
    public static final String GENESIS = "0".repeat(64);

    public CheckpointStatement {
        if (number < 1 || fromBlock < 0 || toBlock < fromBlock || leafCount < 1) {
            throw new InvalidInputException(InvalidInputException.INVALID_JSON, "checkpoint " + number + " covers blocks "
                    + fromBlock + ".." + toBlock + " with " + leafCount + " writes; it needs a number from 1, a block "
                    + "range with toBlock >= fromBlock >= 0 and at least one write");
        }
        Sha256Hex.requireCanonical("root", root, InvalidInputException.INVALID_HEX);
        Sha256Hex.requireCanonical("previousHash", previousHash, InvalidInputException.INVALID_HEX);
        RegionCode.validate(proposedByRegion);
    }

    /** The bytes both attestation signatures cover. */
    public byte[] bytesToSign() {
        return Json.canonicalBytes(this);
    }

    /** The checkpoint's hash: SHA-256 of {@link #bytesToSign()}, hex. */
    public String hash() {
        return Hashes.sha256Hex(bytesToSign());
    }

    /** DER ECDSA P-256 signature by a region's attestation key. */
    public byte[] sign(PrivateKey attestationKey) {
        return Signatures.sign(attestationKey, bytesToSign());
    }

    public boolean verify(PublicKey attestationKey, byte[] signature) {
        return Signatures.verify(attestationKey, bytesToSign(), signature);
    }
}
