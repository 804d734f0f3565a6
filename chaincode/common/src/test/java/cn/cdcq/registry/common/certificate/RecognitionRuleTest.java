package cn.cdcq.registry.common.certificate;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecognitionRuleTest {

    private static RecognitionRule rule(RecognitionRule.Status status, int minimumLevel, String to) {
        return new RecognitionRule("r1", "4-04-05-01", minimumLevel, "CQ", "CD", "2026-01-01", to, status, "CQ", "a",
                "t", null, null, null, null, null, null);
    }

    @Test
    void recognizesTheMinimumLevelAndMoreAdvancedOnesWhileInForceAndEffective() {
        CertificateClaims level4 = CertificateAttestationTest.claims(1);
        LocalDate day = LocalDate.parse("2026-03-01");
        assertThat(rule(RecognitionRule.Status.IN_FORCE, 4, null).recognizes(level4, "CD", day)).isTrue();
        assertThat(rule(RecognitionRule.Status.IN_FORCE, 3, null).recognizes(level4, "CD", day)).isFalse();
        assertThat(rule(RecognitionRule.Status.PROPOSED, 4, null).recognizes(level4, "CD", day)).isFalse();
        assertThat(rule(RecognitionRule.Status.IN_FORCE, 4, null).recognizes(level4, "CQ", day)).isFalse();
        assertThat(rule(RecognitionRule.Status.IN_FORCE, 4, "2026-02-28").recognizes(level4, "CD", day)).isFalse();
        assertThat(rule(RecognitionRule.Status.IN_FORCE, 4, null).recognizes(level4, "CD", LocalDate.parse("2025-12-31"))).isFalse();
    }

    @Test
    void overlapIsAboutTheSameOccupationDirectionAndCommonDays() {
        RecognitionRule open = rule(RecognitionRule.Status.IN_FORCE, 4, null);
        assertThat(open.overlaps(new RecognitionRuleProposal("4-04-05-01", 5, "CQ", "CD", "2030-01-01", null))).isTrue();
        assertThat(open.overlaps(new RecognitionRuleProposal("4-04-05-01", 5, "CD", "CQ", "2030-01-01", null))).isFalse();
        RecognitionRule closed = rule(RecognitionRule.Status.IN_FORCE, 4, "2026-12-31");
        assertThat(closed.overlaps(new RecognitionRuleProposal("4-04-05-01", 5, "CQ", "CD", "2027-01-01", null))).isFalse();
    }

    @Test
    void aProposalNeedsTwoDifferentRegionsAndAnOrderedWindow() {
        assertThatThrownBy(() -> new RecognitionRuleProposal("4-04-05-01", 4, "CQ", "CQ", "2026-01-01", null).validate())
                .hasMessageContaining("one region's certificates in another");
        assertThatThrownBy(() -> new RecognitionRuleProposal("4-04-05-01", 4, "CQ", "CD", "2026-01-01", "2025-01-01").validate())
                .hasMessageContaining("before effectiveFrom");
        assertThat(new RecognitionRuleProposal(" 4-04-05-01", 4, "cq", "cd", "2026-01-01", "").validate())
                .isEqualTo(new RecognitionRuleProposal("4-04-05-01", 4, "CQ", "CD", "2026-01-01", null));
    }
}
