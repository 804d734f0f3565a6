package cn.cdcq.registry.common.certificate;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.format.CredentialKind;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateClaimsTest {

    private static final CertificateClaims GOOD = CertificateAttestationTest.claims(7);

    private static CertificateClaims with(UnaryOperator<Object[]> change) {
        Object[] f = {GOOD.number(), GOOD.occupation(), GOOD.level(), GOOD.centerId(), GOOD.region(),
                GOOD.issueDate(), GOOD.expiryDate(), GOOD.holderPseudonym(), GOOD.holderCommitment()};
        change.apply(f);
        return new CertificateClaims((String) f[0], (String) f[1], (Integer) f[2], (String) f[3], (String) f[4],
                (String) f[5], (String) f[6], (String) f[7], (String) f[8]);
    }

    private static void refused(CertificateClaims claims, String code, String message) {
        assertThatThrownBy(claims::validate)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getCode()).isEqualTo(code))
                .hasMessageContaining(message);
    }

    @Test
    void wellFormedClaimsPass() {
        assertThat(GOOD.validate()).isSameAs(GOOD);
    }

    @Test
    void theNumbersLevelDigitMustMatchTheLevel() {
        refused(with(f -> { f[2] = 3; return f; }), InvalidInputException.INVALID_CERTIFICATE_NUMBER,
                "level digit (position 16) is 4");
    }

    @Test
    void aMalformedNumberIsRefused() {
        refused(with(f -> { f[0] = "X00015000000126400000"; return f; }),
                InvalidInputException.INVALID_CERTIFICATE_NUMBER, "22 characters");
    }

    @Test
    void valuesMustBeInTheFormTheyAreSignedIn() {
        refused(with(f -> { f[0] = ((String) f[0]).toLowerCase(); return f; }),
                InvalidInputException.INVALID_CERTIFICATE_NUMBER, "must be written exactly as");
        refused(with(f -> { f[3] = " " + f[3]; return f; }), InvalidInputException.INVALID_USCC, "must be written exactly as");
    }

    @Test
    void levelsOutsideOneToFiveAreRefused() {
        refused(with(f -> { f[2] = 6; return f; }), InvalidInputException.INVALID_LEVEL, "does not exist");
        refused(with(f -> { f[2] = 0; return f; }), InvalidInputException.INVALID_LEVEL, "does not exist");
    }

    @Test
    void aWrongCheckCharacterInTheCenterUsccIsRefused() {
        String uscc = GOOD.centerId();
        char wrong = uscc.charAt(17) == '0' ? '1' : '0';
        refused(with(f -> { f[3] = uscc.substring(0, 17) + wrong; return f; }), InvalidInputException.INVALID_USCC,
                "check character should be");
    }

    @Test
    void datesMustBeRealAndExpiryAfterIssue() {
        refused(with(f -> { f[5] = "2026-02-30"; return f; }), InvalidInputException.INVALID_DATE, "not a real calendar date");
        refused(with(f -> { f[6] = "2025-12-31"; return f; }), InvalidInputException.INVALID_DATE, "not after issueDate");
    }

    @Test
    void holderValuesMustBeSha256Hex() {
        refused(with(f -> { f[7] = "张三"; return f; }), InvalidInputException.INVALID_HOLDER, "64 lowercase hex");
        refused(with(f -> { f[8] = ((String) f[8]).toUpperCase(); return f; }), InvalidInputException.INVALID_HOLDER,
                "lowercase hex");
    }

    @Test
    void expiresTheDayAfterItsExpiryDate() {
        assertThat(GOOD.expiredOn(LocalDate.parse("2029-12-31"))).isFalse();
        assertThat(GOOD.expiredOn(LocalDate.parse("2030-01-01"))).isTrue();
    }

    @Test
    void aSpecialAbilityHasNoLevelAndATitleIsInMajorGroupTwo() {
        CertificateClaims ability = with(f -> { f[0] = "Z000150260000042"; f[2] = 0; return f; });
        assertThat(ability.validate().kind()).isEqualTo(CredentialKind.SPECIAL_ABILITY);
        assertThat(ability.titleSeries()).isNull();
        refused(with(f -> { f[0] = "Z000150260000042"; f[2] = 3; return f; }), InvalidInputException.INVALID_LEVEL,
                "special vocational ability (专项职业能力) level 3 does not exist");

        CertificateClaims title = with(f -> { f[0] = "T5001226000007"; f[1] = "2-02-07-01"; f[2] = 2; return f; });
        assertThat(title.validate().kind()).isEqualTo(CredentialKind.PROFESSIONAL_TITLE);
        assertThat(title.titleSeries()).isEqualTo("01");
        refused(with(f -> { f[0] = "T5001226000007"; f[2] = 2; return f; }), InvalidInputException.INVALID_OCCUPATION,
                "not in major group 2");
        refused(with(f -> { f[0] = "T5001226000007"; f[1] = "2-02-07-01"; f[2] = 3; return f; }),
                InvalidInputException.INVALID_CERTIFICATE_NUMBER, "level digit (position 6) is 2 (副高级)");
    }

    @Test
    void aSkillLevelCertificatesSignedBytesDoNotChangeWithKinds() {
        // Kinds are read from the number: the claims gained no member, so every certificate signed
        // before kinds existed still verifies.
        assertThat(new String(CertificateAttestation.signedBytes(GOOD), java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain("kind").doesNotContain("Series");
    }
}
