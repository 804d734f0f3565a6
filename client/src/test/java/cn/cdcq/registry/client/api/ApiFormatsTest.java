package cn.cdcq.registry.client.api;

import cn.cdcq.registry.common.credit.SpotCheckRequest;
import cn.cdcq.registry.common.format.CertificateNumber;
import cn.cdcq.registry.common.format.OccupationCode;
import cn.cdcq.registry.common.format.RegionCode;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import cn.cdcq.registry.common.format.Uscc;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The document's patterns ({@link ApiFormats}) against the validators that enforce them: what a
 * pattern lets through the validator accepts (but for a check character, which no pattern can
 * say), and what the validator accepts in canonical form the pattern lets through.
 */
class ApiFormatsTest {

    final Random random = new Random(7);

    @Test
    void theUsccPatternIsGb32100sAlphabetAndAnyCheckedCodeMatchesIt() {
        assertThat(Uscc.isValid(ApiFormats.USCC_EXAMPLE)).as("the example has a right check character").isTrue();
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        for (int i = 0; i < 2000; i++) {
            StringBuilder s = new StringBuilder();
            for (int k = 0; k < 17; k++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String code = s.toString() + Uscc.checkCharacter(s.toString());
            assertThat(code).matches(ApiFormats.USCC);
            assertThat(Uscc.isValid(code)).isTrue();
        }
        for (String letter : List.of("I", "O", "Z", "S", "V", "a")) {
            assertThat("91510100MA61R8LK2" + letter).doesNotMatch(ApiFormats.USCC);
        }
    }

    @Test
    void everyNumberThePatternLetsThroughIsAValidCertificateNumberAndBack() {
        assertThat(CertificateNumber.isValid(ApiFormats.CERTIFICATE_NUMBER_EXAMPLE)).isTrue();
        for (int i = 0; i < 5000; i++) {
            StringBuilder s = new StringBuilder(random.nextBoolean() ? "Y" : "S");
            for (int k = 0; k < 21; k++) {
                s.append((char) ('0' + random.nextInt(10)));
            }
            String n = s.toString();
            assertThat(Pattern.matches(ApiFormats.CERTIFICATE_NUMBER, n)).as(n).isEqualTo(CertificateNumber.isValid(n));
        }
    }

    @Test
    void theOtherKindsNumbersAgreeWithTheValidatorToo() {
        assertThat(Pattern.matches(ApiFormats.CERTIFICATE_NUMBER, "Z000151260000001")).isTrue();
        assertThat(Pattern.matches(ApiFormats.CERTIFICATE_NUMBER, "T5101326000001")).isTrue();
        String[] firsts = {"Z", "T", "Y", "S", "X"};
        int[] lengths = {14, 15, 16, 17, 22};
        int accepted = 0;
        for (int i = 0; i < 20000; i++) {
            StringBuilder s = new StringBuilder(firsts[random.nextInt(firsts.length)]);
            int length = lengths[random.nextInt(lengths.length)];
            for (int k = 1; k < length; k++) {
                s.append((char) ('0' + random.nextInt(10)));
            }
            String n = s.toString();
            boolean valid = CertificateNumber.isValid(n);
            accepted += valid ? 1 : 0;
            assertThat(Pattern.matches(ApiFormats.CERTIFICATE_NUMBER, n)).as(n).isEqualTo(valid);
        }
        assertThat(accepted).as("the sample holds valid numbers as well as invalid ones").isGreaterThan(500);
    }

    @Test
    void regionOccupationResidentIdAndPeriodAgreeWithTheirValidators() {
        agree(ApiFormats.REGION, RegionCode::isValid, List.of("CD", "CQ", "ZZ"), List.of("C", "CDX", "C1"));
        agree(ApiFormats.OCCUPATION, OccupationCode::isValid, List.of("4-04-05-01", "6-28-01-05-02"), List.of("4-4-05-01", "x"));
        agree(ApiFormats.RESIDENT_ID, ResidentIdNumber::isValid, List.of(ApiFormats.RESIDENT_ID_EXAMPLE), List.of("1101051949123100", "x"));
        agree(ApiFormats.PERIOD, p -> {
            try {
                new SpotCheckRequest("CD", 1, 2, p);
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }, List.of("2026", "2026-H1", "2026-Q3", "2026-07"), List.of("2026-13", "26", "2026-H3"));
        agree(ApiFormats.REPORT_PERIOD, cn.cdcq.registry.common.report.ReportPeriod::isValid,
                List.of("2026-Q3", "2000-Q1", "2099-Q4"), List.of("2026-Q5", "2026-Q0", "2026", "2026-H1", "1999-Q4", " 2026-Q3"));
    }

    @Test
    void textIsOneLineWithSomethingThatIsNotWhiteSpace() {
        Pattern text = Pattern.compile(ApiFormats.TEXT);
        assertThat(text.matcher("complaint 2026-041 under review").matches()).isTrue();
        assertThat(text.matcher("   ").matches()).isFalse();
        assertThat(text.matcher("two\nlines").matches()).isFalse();
        assertThat(text.matcher("tab\there").matches()).isFalse();
    }

    private static void agree(String pattern, Predicate<String> validator, List<String> valid, List<String> invalid) {
        for (String v : valid) {
            assertThat(v).matches(pattern);
            assertThat(validator.test(v)).as(v).isTrue();
        }
        for (String v : invalid) {
            assertThat(v).doesNotMatch(pattern);
        }
    }
}
