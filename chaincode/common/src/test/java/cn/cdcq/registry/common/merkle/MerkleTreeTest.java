package cn.cdcq.registry.common.merkle;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.merkle.MerkleTree.ProofStep;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MerkleTreeTest {

    /** The leaf inputs of the RFC 6962 test vectors used by Certificate Transparency implementations. */
    private static final List<byte[]> CT_LEAVES = List.of(
            new byte[0],
            new byte[] {0x00},
            new byte[] {0x10},
            new byte[] {0x20, 0x21},
            new byte[] {0x30, 0x31},
            new byte[] {0x40, 0x41, 0x42, 0x43},
            new byte[] {0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57},
            new byte[] {0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f});

    /** The Merkle tree heads of the first 1..8 of {@link #CT_LEAVES}. */
    private static final List<String> CT_ROOTS = List.of(
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    private static List<byte[]> records(int count) {
        List<byte[]> leaves = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            leaves.add(("{\"number\":\"S00005100000124300" + String.format("%04d", i) + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return leaves;
    }

    // RFC 6962 section 2.1, written recursively as the RFC states it, to check the level-by-level build.

    private static byte[] referenceRoot(List<byte[]> leaves) {
        if (leaves.size() == 1) {
            return Hashes.sha256(new byte[] {0}, leaves.get(0));
        }
        int k = largestPowerOfTwoBelow(leaves.size());
        return Hashes.sha256(new byte[] {1}, referenceRoot(leaves.subList(0, k)),
                referenceRoot(leaves.subList(k, leaves.size())));
    }

    private static List<ProofStep> referencePath(int m, List<byte[]> leaves) {
        if (leaves.size() == 1) {
            return new ArrayList<>();
        }
        int k = largestPowerOfTwoBelow(leaves.size());
        List<ProofStep> path;
        if (m < k) {
            path = referencePath(m, leaves.subList(0, k));
            path.add(new ProofStep("R", Hashes.hex(referenceRoot(leaves.subList(k, leaves.size())))));
        } else {
            path = referencePath(m - k, leaves.subList(k, leaves.size()));
            path.add(new ProofStep("L", Hashes.hex(referenceRoot(leaves.subList(0, k)))));
        }
        return path;
    }

    private static int largestPowerOfTwoBelow(int n) {
        int k = 1;
        while (k * 2 < n) {
            k *= 2;
        }
        return k;
    }

    @Nested
    class Roots {

        @Test
        void matchTheRfc6962TestVectors() {
            for (int size = 1; size <= CT_LEAVES.size(); size++) {
                MerkleTree tree = MerkleTree.of(CT_LEAVES.subList(0, size));

                assertThat(Hashes.hex(tree.root())).as("root of %d leaves", size).isEqualTo(CT_ROOTS.get(size - 1));
                assertThat(tree.size()).isEqualTo(size);
            }
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 33, 100, 1000, 1001})
        void matchTheRecursiveRfc6962Definition(int size) {
            List<byte[]> leaves = records(size);

            assertThat(MerkleTree.of(leaves).root()).isEqualTo(referenceRoot(leaves));
        }

        @Test
        void aSingleRecordTreeIsItsLeafHash() {
            byte[] only = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
            MerkleTree tree = MerkleTree.of(List.of(only));

            assertThat(tree.root()).isEqualTo(Hashes.sha256(new byte[] {0}, only));
            assertThat(tree.proof(0)).isEmpty();
            assertThat(MerkleTree.verify(only, List.of(), tree.root())).isTrue();
        }

        @Test
        void doNotCollideWhenTheLastRecordIsDuplicated() {
            List<byte[]> three = records(3);
            List<byte[]> four = new ArrayList<>(three);
            four.add(three.get(2));

            assertThat(MerkleTree.of(four).root()).isNotEqualTo(MerkleTree.of(three).root());
        }

        @Test
        void doNotLetAnInnerNodePassAsALeaf() {
            List<byte[]> two = records(2);
            byte[] concatenatedLeafHashes = new byte[64];
            System.arraycopy(Hashes.sha256(new byte[] {0}, two.get(0)), 0, concatenatedLeafHashes, 0, 32);
            System.arraycopy(Hashes.sha256(new byte[] {0}, two.get(1)), 0, concatenatedLeafHashes, 32, 32);

            assertThat(MerkleTree.of(List.of(concatenatedLeafHashes)).root()).isNotEqualTo(MerkleTree.of(two).root());
        }

        @Test
        void dependOnRecordOrder() {
            List<byte[]> leaves = records(5);
            List<byte[]> reversed = new ArrayList<>(leaves);
            Collections.reverse(reversed);

            assertThat(MerkleTree.of(reversed).root()).isNotEqualTo(MerkleTree.of(leaves).root());
        }

        @Test
        void areReturnedAsCopies() {
            MerkleTree tree = MerkleTree.of(records(3));
            byte[] root = tree.root();
            root[0] ^= 1;

            assertThat(tree.root()).isNotEqualTo(root);
        }
    }

    @Nested
    class Proofs {

        @Test
        void everyIndexOfSizesOneToSeventeenMatchesRfc6962AndVerifies() {
            for (int size = 1; size <= 17; size++) {
                List<byte[]> leaves = records(size);
                MerkleTree tree = MerkleTree.of(leaves);
                for (int index = 0; index < size; index++) {
                    List<ProofStep> proof = tree.proof(index);

                    assertThat(proof).as("path of leaf %d of %d", index, size)
                            .isEqualTo(referencePath(index, leaves));
                    assertThat(MerkleTree.rootFromProof(leaves.get(index), proof)).isEqualTo(tree.root());
                    assertThat(MerkleTree.verify(leaves.get(index), proof, tree.root())).isTrue();
                }
            }
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 1000, 1001})
        void everyIndexVerifiesForBatchSizesThatMatter(int size) {
            List<byte[]> leaves = records(size);
            MerkleTree tree = MerkleTree.of(leaves);
            int maxDepth = 32 - Integer.numberOfLeadingZeros(size - 1);
            for (int index = 0; index < size; index++) {
                List<ProofStep> proof = tree.proof(index);

                assertThat(proof.size()).isLessThanOrEqualTo(maxDepth);
                assertThat(MerkleTree.verify(leaves.get(index), proof, tree.root())).isTrue();
            }
        }

        @Test
        void useLowercaseHexAndTheSidesOfTheSiblings() {
            List<byte[]> leaves = records(2);
            MerkleTree tree = MerkleTree.of(leaves);

            assertThat(tree.proof(0)).containsExactly(
                    new ProofStep("R", Hashes.sha256Hex(new byte[] {0}, leaves.get(1))));
            assertThat(tree.proof(1)).containsExactly(
                    new ProofStep("L", Hashes.sha256Hex(new byte[] {0}, leaves.get(0))));
        }

        @Test
        void areImmutable() {
            List<ProofStep> proof = MerkleTree.of(records(4)).proof(1);

            assertThatThrownBy(() -> proof.add(proof.get(0))).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void refuseAnIndexOutsideTheBatch() {
            MerkleTree tree = MerkleTree.of(records(3));

            assertThatThrownBy(() -> tree.proof(3))
                    .isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("0 to 2");
            assertThatThrownBy(() -> tree.proof(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        }

        @Test
        void travelAsJsonAndBack() {
            List<byte[]> leaves = records(5);
            MerkleTree tree = MerkleTree.of(leaves);
            ProofStep step = tree.proof(4).get(0);

            String json = Json.write(step);

            assertThat(json).isEqualTo("{\"hash\":\"" + step.hash() + "\",\"side\":\"L\"}");
            assertThat(Json.read(json, ProofStep.class)).isEqualTo(step);
        }
    }

    @Nested
    class TamperedProofs {

        private final List<byte[]> leaves = records(11);
        private final MerkleTree tree = MerkleTree.of(leaves);

        @Test
        void failForAModifiedRecord() {
            for (int index = 0; index < leaves.size(); index++) {
                byte[] changed = leaves.get(index).clone();
                changed[changed.length - 3] ^= 1;

                assertThat(MerkleTree.verify(changed, tree.proof(index), tree.root())).isFalse();
            }
        }

        @Test
        void failForAnotherRecordsPath() {
            assertThat(MerkleTree.verify(leaves.get(3), tree.proof(4), tree.root())).isFalse();
        }

        @Test
        void failWhenASideIsFlipped() {
            for (int index = 0; index < leaves.size(); index++) {
                List<ProofStep> proof = tree.proof(index);
                for (int step = 0; step < proof.size(); step++) {
                    List<ProofStep> flipped = new ArrayList<>(proof);
                    ProofStep original = proof.get(step);
                    flipped.set(step, new ProofStep(original.side().equals("L") ? "R" : "L", original.hash()));

                    assertThat(MerkleTree.verify(leaves.get(index), flipped, tree.root())).isFalse();
                }
            }
        }

        @Test
        void failWhenASiblingHashChanges() {
            List<ProofStep> proof = new ArrayList<>(tree.proof(6));
            String hash = proof.get(1).hash();
            String changed = (hash.charAt(0) == '0' ? "1" : "0") + hash.substring(1);
            proof.set(1, new ProofStep(proof.get(1).side(), changed));

            assertThat(MerkleTree.verify(leaves.get(6), proof, tree.root())).isFalse();
        }

        @Test
        void failWhenAStepIsDroppedAddedOrReordered() {
            List<ProofStep> proof = tree.proof(2);
            List<ProofStep> dropped = proof.subList(0, proof.size() - 1);
            List<ProofStep> added = new ArrayList<>(proof);
            added.add(proof.get(0));
            List<ProofStep> reordered = new ArrayList<>(proof);
            Collections.swap(reordered, 0, 1);

            assertThat(MerkleTree.verify(leaves.get(2), dropped, tree.root())).isFalse();
            assertThat(MerkleTree.verify(leaves.get(2), added, tree.root())).isFalse();
            assertThat(MerkleTree.verify(leaves.get(2), reordered, tree.root())).isFalse();
        }

        @Test
        void failAgainstAnotherBatchsRoot() {
            assertThat(MerkleTree.verify(leaves.get(0), tree.proof(0), MerkleTree.of(records(12)).root())).isFalse();
        }
    }

    @Nested
    class InvalidInput {

        @Test
        void anEmptyBatchIsRefused() {
            assertThatThrownBy(() -> MerkleTree.of(List.of()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("at least one record")
                    .extracting("code").isEqualTo("INVALID_MERKLE_PROOF");
        }

        @Test
        void aMissingRecordIsRefusedNamingItsIndex() {
            List<byte[]> leaves = new ArrayList<>(records(3));
            leaves.set(1, null);

            assertThatThrownBy(() -> MerkleTree.of(leaves))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("record 1");
        }

        @Test
        void aStepWithAnUnknownSideIsRefused() {
            assertThatThrownBy(() -> new ProofStep("left", "00".repeat(32)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("\"left\"")
                    .hasMessageContaining("\"L\"");
        }

        @Test
        void aStepWithAMalformedHashIsRefused() {
            assertThatThrownBy(() -> new ProofStep("L", "AB".repeat(32)))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("64 lowercase hex");
            assertThatThrownBy(() -> new ProofStep("R", "ab"))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> new ProofStep("R", null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("missing");
        }

        @Test
        void aMalformedStepReadFromJsonKeepsItsCode() {
            assertThatThrownBy(() -> Json.read("{\"side\":\"X\",\"hash\":\"00\"}", ProofStep.class))
                    .isInstanceOf(InvalidInputException.class)
                    .extracting("code").isEqualTo("INVALID_MERKLE_PROOF");
        }
    }

    @Nested
    class Sides {

        @Test
        void areThoseOfEveryLeafsProofAndTellEachLeafsPlaceApart() {
            for (int size = 1; size <= 40; size++) {
                MerkleTree tree = MerkleTree.of(records(size));
                List<List<String>> shapes = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    List<String> sides = MerkleTree.sides(i, size);
                    assertThat(sides).as("leaf %d of %d", i, size)
                            .isEqualTo(tree.proof(i).stream().map(ProofStep::side).toList());
                    shapes.add(sides);
                }
                assertThat(shapes).as("no two leaves of %d share a path shape", size).doesNotHaveDuplicates();
            }
        }

        @Test
        void refuseAnIndexOutsideTheTree() {
            assertThatThrownBy(() -> MerkleTree.sides(3, 3)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> MerkleTree.sides(-1, 3)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> MerkleTree.sides(0, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }
}
