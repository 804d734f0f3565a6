package cn.cdcq.registry.client.cli;

import cn.cdcq.registry.client.certificate.NewCertificate;
import cn.cdcq.registry.client.cli.batch.BatchImport;
import cn.cdcq.registry.client.cli.batch.CsvRows;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import cn.cdcq.registry.common.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CSV side of issue-batch: the service's own row rules, and a salts file that survives a resumed run. */
class IssueBatchCommandTest {

    private static final String ID = "51010119900101123" + ResidentIdNumber.checkCharacter("51010119900101123");
    private static final String HEADER = "number,occupation,level,issueDate,expiryDate,holderName,holderIdNumber\n";

    @TempDir
    Path dir;

    private static List<CsvRows.Row> rows(String csv) {
        return CsvRows.parse(HEADER + csv);
    }

    @Test
    void aRowIsCheckedByTheServicesRulesAndEveryWrongFieldIsNamedWithoutThePersonalData() throws Exception {
        IssueBatchCommand.RowValidator validator = new IssueBatchCommand.RowValidator(LocalDate.of(2026, 1, 10));
        List<CsvRows.Row> rows = rows("S000151000001264000001,4-04-05-01,4,2026-01-05,,\"王, 小明\"," + ID + "\n"
                + "S000151000001263000002,4-04-05-01,4,2026-01-11,2026-01-01,王小明,51010119900101123" + (ID.endsWith("0") ? "1" : "0") + "\n"
                + "S000151000001264000001,4-04-05-01,four,2026-01-05,,王小明," + ID + "\n"
                + "S000151000001264000001,4-04-05-01,4,2026-01-05,,李四," + ID + "\n");
        NewCertificate first = validator.validate(rows.get(0));
        assertThat(first.holderName()).isEqualTo("王, 小明");
        assertThat(first.expiryDate()).isNull();
        assertThatThrownBy(() -> validator.validate(rows.get(1))).isInstanceOf(BatchImport.InvalidRow.class)
                .hasMessageContaining("number: certificate number S000151000001263000002: level digit")
                .hasMessageContaining("issueDate: issueDate 2026-01-11 is in the future")
                .hasMessageContaining("holderIdNumber: resident ID number 510101********")
                .hasMessageNotContaining("19900101").hasMessageNotContaining("王小明");
        assertThatThrownBy(() -> validator.validate(rows.get(2))).hasMessageStartingWith("level: must be a whole number");
        assertThatThrownBy(() -> validator.validate(rows.get(3))).hasMessage(
                "number: S000151000001264000001 is also on line 2; a number is issued once");
    }

    @Test
    void aCsvWithoutARequiredColumnIsRefusedBeforeAnyRow() throws Exception {
        Path csv = dir.resolve("c.csv");
        Files.writeString(csv, "number,occupation,level,issueDate,holderName\nS000151000001264000001,4-04-05-01,4,2026-01-05,x\n");
        assertThatThrownBy(() -> IssueBatchCommand.requireColumns(csv)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lacks the column(s) [holderIdNumber]");
    }

    @Test
    void theSaltsFileIsPrivateAndHoldsEachNumberOnceWhenABatchIsAnsweredAgain() throws Exception {
        Path file = dir.resolve("out.salts.csv");
        var answer = Json.tree("[{\"number\":\"S1\",\"holderSalt\":\"aa\"},{\"number\":\"S2\",\"holderSalt\":\"bb\"}]");
        try (IssueBatchCommand.SaltsFile salts = IssueBatchCommand.SaltsFile.open(file)) {
            assertThat(file).as("no file before the first answer").doesNotExist();
            salts.write(answer, "root1");
        }
        try (IssueBatchCommand.SaltsFile salts = IssueBatchCommand.SaltsFile.open(file)) {
            salts.write(answer, "root1");
            salts.write(Json.tree("[{\"number\":\"S3\",\"holderSalt\":\"cc\"}]"), "root2");
        }
        assertThat(Files.readAllLines(file)).containsExactly(IssueBatchCommand.SaltsFile.HEADER, "S1,aa,root1", "S2,bb,root1",
                "S3,cc,root2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
