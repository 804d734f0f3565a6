package cn.cdcq.registry.common.credit;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.crypto.Hashes;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpotCheckDrawingTest {

    private static final List<SpotCheckDraw.Candidate> CANDIDATES = List.of(
            new SpotCheckDraw.Candidate("E1", CreditLevel.A, 1),
            new SpotCheckDraw.Candidate("E2", CreditLevel.B, 2),
            new SpotCheckDraw.Candidate("E3", CreditLevel.C, 4),
            new SpotCheckDraw.Candidate("E4", null, 2));
    private static final List<String> INSPECTORS = List.of("I1", "I2", "I3", "I4");

    private static byte[] seed(int n) {
        return Hashes.sha256(ByteBuffer.allocate(4).putInt(n).array());
    }

    @Test
    void theSameInputsAndSeedGiveTheSameDrawWhateverTheInputOrder() {
        var one = SpotCheckDrawing.draw(CANDIDATES, INSPECTORS, List.of(), 2, 2, seed(7));
        var two = SpotCheckDrawing.draw(List.of(CANDIDATES.get(3), CANDIDATES.get(1), CANDIDATES.get(0), CANDIDATES.get(2)),
                List.of("I4", "I2", "I3", "I1"), List.of(), 2, 2, seed(7));
        assertThat(two).isEqualTo(one);
        assertThat(one).extracting(SpotCheckDraw.Assignment::uscc).doesNotHaveDuplicates();
    }

    @Test
    void differentSeedsGiveDifferentDraws() {
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> SpotCheckDrawing.draw(CANDIDATES, INSPECTORS, List.of(), 2, 2, seed(i)))
                .distinct().count();
        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void enterprisesAreDrawnInProportionToTheirWeights() {
        Map<String, Integer> firstPicks = new HashMap<>();
        int rounds = 9_000;
        for (int i = 0; i < rounds; i++) {
            String uscc = SpotCheckDrawing.draw(CANDIDATES, INSPECTORS, List.of(), 1, 2, seed(i)).get(0).uscc();
            firstPicks.merge(uscc, 1, Integer::sum);
        }
        // Expected shares 1/9, 2/9, 4/9, 2/9 of 9,000: 1,000, 2,000, 4,000, 2,000 (about ±150 at 4 sigma).
        assertThat(firstPicks.get("E1")).isBetween(850, 1_150);
        assertThat(firstPicks.get("E2")).isBetween(1_800, 2_200);
        assertThat(firstPicks.get("E3")).isBetween(3_800, 4_200);
        assertThat(firstPicks.get("E4")).isBetween(1_800, 2_200);
    }

    @Test
    void inspectorsWithAConflictAreNeverDrawnForThatEnterprise() {
        List<SpotCheckDraw.Conflict> conflicts = List.of(new SpotCheckDraw.Conflict("I1", "E3"),
                new SpotCheckDraw.Conflict("I2", "E3"));
        for (int i = 0; i < 200; i++) {
            for (SpotCheckDraw.Assignment a : SpotCheckDrawing.draw(CANDIDATES, INSPECTORS, conflicts, 4, 2, seed(i))) {
                assertThat(a.inspectorIds()).hasSize(2).doesNotHaveDuplicates();
                if (a.uscc().equals("E3")) {
                    assertThat(a.inspectorIds()).containsExactlyInAnyOrder("I3", "I4");
                }
            }
        }
    }

    @Test
    void infeasibleDrawsAreExplained() {
        assertThat(SpotCheckDrawing.infeasibility(CANDIDATES, INSPECTORS, List.of(), 5, 2)).contains("fewer than the 5");
        assertThat(SpotCheckDrawing.infeasibility(CANDIDATES, List.of("I1", "I2"),
                List.of(new SpotCheckDraw.Conflict("I1", "E2")), 1, 2)).contains("E2");
        assertThatThrownBy(() -> SpotCheckDrawing.draw(CANDIDATES, INSPECTORS, List.of(), 1, 5, seed(1)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void theSeedIsTheHashOfTheContributionsInRegionCodeOrder() {
        String cd = "11".repeat(256);
        String cq = "22".repeat(256);
        byte[] expected = Hashes.sha256(Hashes.fromHex(cd), Hashes.fromHex(cq));
        assertThat(SpotCheckDrawing.seed(Map.of("CQ", cq, "CD", cd))).isEqualTo(expected);
    }

    @Nested
    class Contributions {

        private static final KeyPair CD = rsa(2048);
        private static final KeyPair CQ = rsa(2048);

        private static KeyPair rsa(int bits) {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(bits);
                return g.generateKeyPair();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static String spki(KeyPair k) {
            return Base64.getEncoder().encodeToString(k.getPublic().getEncoded());
        }

        @Test
        void aRegionsContributionIsOneFixedValueItCanWithholdButNotChoose() {
            byte[] once = SpotCheckDrawing.contribution(CD.getPrivate(), "tx1");
            byte[] again = SpotCheckDrawing.contribution(CD.getPrivate(), "tx1");
            assertThat(again).as("PKCS#1 v1.5 is deterministic: signing again gives the same bytes").isEqualTo(once);
            assertThat(SpotCheckDrawing.isContribution(spki(CD), "tx1", once)).isTrue();
            assertThat(SpotCheckDrawing.contribution(CD.getPrivate(), "tx2")).isNotEqualTo(once);
        }

        @Test
        void aSignatureOfAnotherKeyAnotherDrawOrAnotherEncodingIsNoContribution() {
            byte[] sig = SpotCheckDrawing.contribution(CD.getPrivate(), "tx1");
            assertThat(SpotCheckDrawing.isContribution(spki(CQ), "tx1", sig)).isFalse();
            assertThat(SpotCheckDrawing.isContribution(spki(CD), "tx2", sig)).isFalse();
            RSAPublicKey key = (RSAPublicKey) CD.getPublic();
            byte[] plusModulus = new BigInteger(1, sig).add(key.getModulus()).toByteArray();
            assertThat(SpotCheckDrawing.isContribution(spki(CD), "tx1", plusModulus)).as("s + n").isFalse();
            byte[] padded = new byte[sig.length + 1];
            System.arraycopy(sig, 0, padded, 1, sig.length);
            assertThat(SpotCheckDrawing.isContribution(spki(CD), "tx1", padded)).as("a leading zero").isFalse();
        }

        @Test
        void aDrawKeyIsAnRsaKeyOf2048BitsOrMoreGivenAsPemOrBase64() {
            String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(CD.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            assertThat(SpotCheckDrawing.drawKey(pem)).isEqualTo(spki(CD));
            assertThat(SpotCheckDrawing.drawKey(spki(CD))).isEqualTo(spki(CD));
            assertThatThrownBy(() -> SpotCheckDrawing.drawKey(spki(rsa(1024)))).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("2048");
            assertThatThrownBy(() -> SpotCheckDrawing.drawKey("not a key")).isInstanceOf(InvalidInputException.class);
        }
    }
}
