package cn.cdcq.registry.common.credit;

import cn.cdcq.registry.common.json.Json;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RatingRulesTest {

    private static Violation v(String id, String region, ViolationType type, String date, boolean penalized, boolean mass) {
        return new Violation(id, "E", "CQ", region, type, 0, 1, date, "h", false, mass,
                penalized ? ViolationStatus.PENALIZED : ViolationStatus.OPEN, penalized, date, date + "T00:00:00.000Z",
                "INS", date + "T00:00:00.000Z");
    }

    @Test
    void theBoundaryBetweenBAndCIsThreePenalizedViolations() {
        List<Violation> vs = new ArrayList<>();
        assertThat(RatingRules.evaluate("E", "CQ", 2026, vs).level()).isEqualTo(CreditLevel.A);
        vs.add(v("1", "CQ", ViolationType.OTHER, "2026-01-01", true, false));
        vs.add(v("2", "CQ", ViolationType.OTHER, "2026-12-31", true, false));
        vs.add(v("3", "CQ", ViolationType.OTHER, "2026-06-01", false, false));
        vs.add(v("4", "CD", ViolationType.OTHER, "2026-06-01", true, false));
        vs.add(v("5", "CQ", ViolationType.OTHER, "2027-01-01", true, false));
        RatingRules.Outcome two = RatingRules.evaluate("E", "CQ", 2026, vs);
        assertThat(two.level()).isEqualTo(CreditLevel.B);
        assertThat(two.countedViolationIds()).containsExactly("1", "2");
        vs.add(v("6", "CQ", ViolationType.OTHER, "2026-07-01", true, false));
        assertThat(RatingRules.evaluate("E", "CQ", 2026, vs).level()).isEqualTo(CreditLevel.C);
    }

    @Test
    void theStatementSignsItsCanonicalJsonAndAnyChangeBreaksTheSignature() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = g.generateKeyPair();
        CreditRatingStatement s = new CreditRatingStatement("E", "CQ", 2026, CreditLevel.B, CreditLevel.C, "reason",
                List.of("1"), List.of("B: 1 penalized"), 2, 1, null);
        assertThat(CreditRatingStatement.bytesToSign(s)).isEqualTo(Json.canonicalBytes(s));
        assertThat(new String(CreditRatingStatement.bytesToSign(s))).startsWith("{\"attestationSequence\":2,");
        byte[] sig = CreditRatingStatement.sign(s, keys.getPrivate());
        assertThat(CreditRatingStatement.verify(s, keys.getPublic(), sig)).isTrue();
        CreditRatingStatement altered = new CreditRatingStatement("E", "CQ", 2026, CreditLevel.B, CreditLevel.B, "reason",
                List.of("1"), List.of("B: 1 penalized"), 2, 1, null);
        assertThat(CreditRatingStatement.verify(altered, keys.getPublic(), sig)).isFalse();
        assertThat(Json.read(Json.write(s), CreditRatingStatement.class)).isEqualTo(s);
    }
}
