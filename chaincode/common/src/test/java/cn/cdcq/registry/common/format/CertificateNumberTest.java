package cn.cdcq.registry.common.format;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.format.CertificateNumber.Parts;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateNumberTest {

    /** Issued by a training-evaluation org: body 0000, Sichuan (51), site 000001, 2024, level 3, serial 000001. */
    private static final String SICHUAN_LEVEL_3 = "S000051000001243000001";
    /** Issued by an employer: body 1234, Chongqing (50), site 000207, 2023, level 1, serial 004512. */
    private static final String CHONGQING_LEVEL_1 = "Y123450000207231004512";

    @Nested
    class ValidNumbers {

        @Test
        void areAcceptedAndNormalized() {
            assertThat(CertificateNumber.validate(SICHUAN_LEVEL_3)).isEqualTo(SICHUAN_LEVEL_3);
            assertThat(CertificateNumber.validate(" y123450000207231004512 ")).isEqualTo(CHONGQING_LEVEL_1);
            assertThat(CertificateNumber.isValid(CHONGQING_LEVEL_1)).isTrue();
        }

        @Test
        void splitIntoTheirFields() {
            assertThat(CertificateNumber.parse(SICHUAN_LEVEL_3))
                    .isEqualTo(new Parts(CredentialKind.SKILL_LEVEL, 'S', "0000", "51", "000001", null, 24, 3, "000001"));
            assertThat(CertificateNumber.parse(CHONGQING_LEVEL_1))
                    .isEqualTo(new Parts(CredentialKind.SKILL_LEVEL, 'Y', "1234", "50", "000207", null, 23, 1, "004512"));
        }

        @Test
        void agreeWithTheirCertificatesLevel() {
            assertThat(CertificateNumber.requireLevel(SICHUAN_LEVEL_3, 3)).isEqualTo(SICHUAN_LEVEL_3);
            assertThat(CertificateNumber.requireLevel(" y123450000207231004512 ", 1)).isEqualTo(CHONGQING_LEVEL_1);
        }
    }

    @Nested
    class LevelMismatch {

        @Test
        void isReportedWithBothLevelsNamed() {
            assertThatThrownBy(() -> CertificateNumber.requireLevel(SICHUAN_LEVEL_3, 4))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("level digit (position 16) is 3 (高级工)")
                    .hasMessageContaining("level 4 (中级工)")
                    .extracting("code").isEqualTo("INVALID_CERTIFICATE_NUMBER");
        }

        @Test
        void aLevelOutsideOneToFiveIsAnInvalidLevel() {
            assertThatThrownBy(() -> CertificateNumber.requireLevel(SICHUAN_LEVEL_3, 6))
                    .isInstanceOf(InvalidInputException.class)
                    .extracting("code").isEqualTo("INVALID_LEVEL");
        }
    }

    @Nested
    class MalformedNumbers {

        @Test
        void wrongLengthIsReported() {
            assertThatThrownBy(() -> CertificateNumber.validate("S00005100000124300000"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("must be 22 characters")
                    .hasMessageContaining("found 21");
        }

        @Test
        void anUnknownIssuerTypeIsReported() {
            assertThatThrownBy(() -> CertificateNumber.validate("X000051000001243000001"))
                    .hasMessageContaining("first character must be Y (employer) or S");
        }

        @Test
        void aNonDigitIsReportedWithItsPosition() {
            assertThatThrownBy(() -> CertificateNumber.validate("S0000510000O1243000001"))
                    .hasMessageContaining("character 'O' at position 12 must be a digit");
        }

        @ParameterizedTest
        @ValueSource(chars = {'0', '6', '9'})
        void aLevelDigitOutsideOneToFiveIsReported(char level) {
            String number = SICHUAN_LEVEL_3.substring(0, 15) + level + SICHUAN_LEVEL_3.substring(16);

            assertThatThrownBy(() -> CertificateNumber.validate(number))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("level digit (position 16) is " + level);
        }

        @Test
        void missingNumberIsReported() {
            assertThatThrownBy(() -> CertificateNumber.parse(null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("missing");
            assertThat(CertificateNumber.isValid(" ")).isFalse();
            assertThat(CertificateNumber.isValid("\u0000")).isFalse();
        }
    }

    @Nested
    class OtherKinds {

        @Test
        void aSpecialAbilityNumberHasNoLevel() {
            assertThat(CertificateNumber.parse("z000151260000042"))
                    .isEqualTo(new Parts(CredentialKind.SPECIAL_ABILITY, 'Z', "0001", "51", null, null, 26, 0, "0000042"));
        }

        @Test
        void aTitleNumberCarriesItsSeriesAndGrade() {
            assertThat(CertificateNumber.parse("T5001326000123"))
                    .isEqualTo(new Parts(CredentialKind.PROFESSIONAL_TITLE, 'T', null, "50", null, "01", 26, 3, "000123"));
            assertThat(CertificateNumber.requireLevel("T5001326000123", 3)).isEqualTo("T5001326000123");
            assertThatThrownBy(() -> CertificateNumber.requireLevel("T5001326000123", 2))
                    .hasMessageContaining("level digit (position 6) is 3 (中级)");
        }

        @Test
        void eachKindHasItsLength() {
            assertThatThrownBy(() -> CertificateNumber.validate("Z00015100260000"))
                    .hasMessageContaining("16 characters (Z and 15 digits)");
            assertThatThrownBy(() -> CertificateNumber.validate("T50013260001234"))
                    .hasMessageContaining("14 characters (T and 13 digits)");
        }

        @Test
        void anUnknownSeriesOrGradeIsRefused() {
            assertThatThrownBy(() -> CertificateNumber.validate("T5099326000123"))
                    .hasMessageContaining("title series, 99 is none");
            assertThatThrownBy(() -> CertificateNumber.validate("T5001626000123"))
                    .hasMessageContaining("level digit (position 6) is 6");
            assertThatThrownBy(() -> CertificateNumber.requireLevel("Z000151260000042", 1))
                    .extracting("code").isEqualTo("INVALID_LEVEL");
        }
    }
}
