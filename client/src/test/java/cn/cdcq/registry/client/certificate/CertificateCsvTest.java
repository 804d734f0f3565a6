package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.client.api.CsvRows;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A training center's CSV as the CLI and the center desk both check it. */
class CertificateCsvTest {

    private static final String ID = "51010119900101123" + ResidentIdNumber.checkCharacter("51010119900101123");
    private static final String HEADER = "number,occupation,level,issueDate,expiryDate,holderName,holderIdNumber\n";

    private static List<CsvRows.Row> rows(String csv) {
        return CsvRows.parse(HEADER + csv);
    }

    @Test
    void aRowIsCheckedByTheServicesRulesAndEveryWrongFieldIsNamedWithoutThePersonalData() throws Exception {
        CertificateCsv.RowCheck check = new CertificateCsv.RowCheck(LocalDate.of(2026, 1, 10));
        List<CsvRows.Row> rows = rows("S000151000001264000001,4-04-05-01,4,2026-01-05,,\"王, 小明\"," + ID + "\n"
                + "S000151000001263000002,4-04-05-01,4,2026-01-11,2026-01-01,王小明,51010119900101123" + (ID.endsWith("0") ? "1" : "0") + "\n"
                + "S000151000001264000001,4-04-05-01,four,2026-01-05,,王小明," + ID + "\n"
                + "S000151000001264000001,4-04-05-01,4,2026-01-05,,李四," + ID + "\n");
        NewCertificate first = check.validate(rows.get(0));
        assertThat(first.holderName()).isEqualTo("王, 小明");
        assertThat(first.expiryDate()).isNull();
        assertThatThrownBy(() -> check.validate(rows.get(1))).isInstanceOf(CertificateCsv.InvalidRow.class)
                .hasMessageContaining("number: certificate number S000151000001263000002: level digit")
                .hasMessageContaining("issueDate: issueDate 2026-01-11 is in the future")
                .hasMessageContaining("holderIdNumber: resident ID number 510101********")
                .hasMessageNotContaining("19900101").hasMessageNotContaining("王小明");
        assertThatThrownBy(() -> check.validate(rows.get(2))).hasMessageStartingWith("level: must be a whole number");
        assertThatThrownBy(() -> check.validate(rows.get(3))).hasMessage(
                "number: S000151000001264000001 is also on line 2; a number is issued once");
    }

    @Test
    void eachProblemKeepsItsFieldAndTheServicesCodeSoAPageCanShowItInItsLanguage() {
        CertificateCsv.RowCheck check = new CertificateCsv.RowCheck(LocalDate.of(2026, 1, 10));
        CsvRows.Row row = rows("S000151000001264000001,4-04-05-01,4,2026-01-11,,王小明,51010119900101123"
                + (ID.endsWith("0") ? "1" : "0") + "\n").get(0);
        assertThatThrownBy(() -> check.validate(row)).isInstanceOfSatisfying(CertificateCsv.InvalidRow.class, e ->
                assertThat(e.problems()).extracting(CertificateCsv.Problem::field, CertificateCsv.Problem::code)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("issueDate", "INVALID_DATE"),
                                org.assertj.core.groups.Tuple.tuple("holderIdNumber", "INVALID_ID_NUMBER")));
    }

    @Test
    void aFileWithoutARequiredColumnOrWithoutRowsIsRefusedBeforeAnyRow() {
        assertThatThrownBy(() -> CertificateCsv.requireColumns("c.csv",
                CsvRows.parse("number,occupation,level,issueDate,holderName\nS000151000001264000001,4-04-05-01,4,2026-01-05,x\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("c.csv lacks the column(s) [holderIdNumber]");
        assertThatThrownBy(() -> CertificateCsv.requireColumns("d.csv", List.of())).hasMessage("d.csv has a header but no rows");
    }
}
