package cn.cdcq.registry.common.certificate;

import cn.cdcq.registry.common.format.CredentialKind;

import cn.cdcq.registry.common.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccreditationTest {

    private static final String CENTER = CertificateAttestationTest.CENTER;

    private static Accreditation accreditation(AccreditationStatus status) {
        return new Accreditation(CENTER, "Chongqing Skills Center", "CQ",
                List.of(new AccreditationScope("4-04-05-01", 3)), "2025-01-01", "2027-12-31", status, null, null, 1,
                "t", "by", "t", "by");
    }

    @Test
    void aScopeCoversItsHighestLevelAndEveryLessAdvancedOne() {
        AccreditationScope scope = new AccreditationScope("4-04-05-01", 3);
        assertThat(scope.covers(5)).isTrue();
        assertThat(scope.covers(3)).isTrue();
        assertThat(scope.covers(2)).isFalse();
    }

    @Test
    void explainsEachReasonACenterMayNotIssue() {
        LocalDate day = LocalDate.parse("2026-06-01");
        assertThat(accreditation(AccreditationStatus.ACTIVE).refusalFor(CredentialKind.SKILL_LEVEL, "4-04-05-01", 4, day)).isEmpty();
        assertThat(accreditation(AccreditationStatus.ACTIVE).refusalFor(CredentialKind.SKILL_LEVEL, "4-04-05-01", 2, day))
                .hasValueSatisfying(r -> assertThat(r).contains("up to level 3, not level 2"));
        assertThat(accreditation(AccreditationStatus.ACTIVE).refusalFor(CredentialKind.SKILL_LEVEL, "6-28-01-14", 4, day))
                .hasValueSatisfying(r -> assertThat(r).contains("not accredited for occupation 6-28-01-14"));
        assertThat(accreditation(AccreditationStatus.ACTIVE).refusalFor(CredentialKind.SKILL_LEVEL, "4-04-05-01", 4, LocalDate.parse("2028-01-01")))
                .hasValueSatisfying(r -> assertThat(r).contains("has expired"));
        assertThat(accreditation(AccreditationStatus.SUSPENDED).refusalFor(CredentialKind.SKILL_LEVEL, "4-04-05-01", 4, day))
                .hasValueSatisfying(r -> assertThat(r).contains("is SUSPENDED"));
        assertThat(accreditation(AccreditationStatus.ACTIVE).refusalFor(CredentialKind.SPECIAL_ABILITY, "4-04-05-01", 0, day))
                .hasValueSatisfying(r -> assertThat(r).contains("in special vocational ability certificates"));
    }

    @Test
    void aRequestIsNormalizedAndChecked() {
        AccreditationRequest request = new AccreditationRequest(" " + CENTER.toLowerCase() + " ", " Center ",
                List.of(new AccreditationScope("4-04-05-01", 3)), "2025-01-01", "2027-12-31").validate();
        assertThat(request.centerId()).isEqualTo(CENTER);
        assertThat(request.name()).isEqualTo("Center");
        assertThatThrownBy(() -> new AccreditationRequest(CENTER, "C", List.of(new AccreditationScope("4-04-05-01", 3),
                new AccreditationScope("4-04-05-01", 2)), "2025-01-01", "2027-12-31").validate())
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> new AccreditationRequest(CENTER, "C", List.of(new AccreditationScope("4-04-05-01", 7)),
                "2025-01-01", "2027-12-31").validate())
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.getCode()).isEqualTo(InvalidInputException.INVALID_LEVEL));
        assertThatThrownBy(() -> new AccreditationRequest(CENTER, "C", List.of(new AccreditationScope("4-04-05-01", 3)),
                "2027-01-01", "2026-12-31").validate())
                .hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> new AccreditationRequest(CENTER.substring(0, 17) + (CENTER.endsWith("1") ? "2" : "1"), "C",
                List.of(new AccreditationScope("4-04-05-01", 3)), "2025-01-01", "2027-12-31").validate())
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.getCode()).isEqualTo(InvalidInputException.INVALID_USCC));
    }
}
