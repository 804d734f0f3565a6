package cn.cdcq.registry.client.cli;

import cn.cdcq.registry.client.cli.batch.BatchImport;
import cn.cdcq.registry.client.api.CsvRows;
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

/** The CSV side of issue-batch: the service's own row check (certificate/CertificateCsv), and a salts file that survives a resumed run. */
class IssueBatchCommandTest {

    private static final String ID = "51010119900101123" + ResidentIdNumber.checkCharacter("51010119900101123");
    private static final String HEADER = "number,occupation,level,issueDate,expiryDate,holderName,holderIdNumber\n";

    @TempDir
    Path dir;

    @Test
    void theBatchImportSeesTheServicesRowCheckAsItsInvalidRow() throws Exception {
        var validator = IssueBatchCommand.rowValidator(LocalDate.of(2026, 1, 10));
        List<CsvRows.Row> rows = CsvRows.parse(HEADER + "S000151000001264000001,4-04-05-01,four,2026-01-05,,王小明," + ID + "\n");
        assertThatThrownBy(() -> validator.validate(rows.get(0))).isInstanceOf(BatchImport.InvalidRow.class)
                .hasMessageStartingWith("level: must be a whole number");
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
