package cn.cdcq.registry.client.cli;

import cn.cdcq.registry.client.cli.batch.BatchImport;
import cn.cdcq.registry.client.api.CsvRows;
import cn.cdcq.registry.common.credit.ViolationInput;
import cn.cdcq.registry.common.credit.ViolationStatus;
import cn.cdcq.registry.common.credit.ViolationType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ViolationsCommandTest {

    static final String HASH = "86ae35d58a6aa3b5742df94ef9d7162219f0106a911ae1954c1f0604aaec805d";

    static CsvRows.Row row(String line) {
        List<CsvRows.Row> rows = CsvRows.parse(String.join(",", ViolationsCommand.COLUMNS) + "\n" + line + "\n");
        return rows.get(0);
    }

    @Test
    void aRowBecomesTheInputTheLedgerTakes() throws Exception {
        assertThat(ViolationsCommand.Record.validate(row("91500000MA5U7Q1K33,WAGE_ARREARS,1250000,3,2026-03-15," + HASH + ",true,,PENALIZED")))
                .isEqualTo(new ViolationInput("91500000MA5U7Q1K33", ViolationType.WAGE_ARREARS, 1_250_000, 3, "2026-03-15",
                        HASH, true, false, ViolationStatus.PENALIZED));
    }

    @Test
    void eachKindOfBadCellIsRefusedWithItsReason() {
        assertThatThrownBy(() -> ViolationsCommand.Record.validate(row("91500000MA5U7Q1K3J,WAGE_ARREARS,1,1,2026-03-15," + HASH + ",,,")))
                .isInstanceOf(BatchImport.InvalidRow.class).hasMessageContaining("check character should be 3");
        assertThatThrownBy(() -> ViolationsCommand.Record.validate(row("91500000MA5U7Q1K33,WAGE_ARREARS,12.5,1,2026-03-15," + HASH + ",,,")))
                .hasMessageStartingWith("amountFen '12.5' is not a whole number of fen");
        assertThatThrownBy(() -> ViolationsCommand.Record.validate(row("91500000MA5U7Q1K33,UNPAID,1,1,2026-03-15," + HASH + ",,,")))
                .hasMessageStartingWith("type 'UNPAID' is not one of");
        assertThatThrownBy(() -> ViolationsCommand.Record.validate(row("91500000MA5U7Q1K33,WAGE_ARREARS,1,1,2026-13-01," + HASH + ",,,")))
                .hasMessageStartingWith("decisionDate");
        assertThatThrownBy(() -> ViolationsCommand.Record.validate(row("91500000MA5U7Q1K33,WAGE_ARREARS,1,1,2026-03-15," + HASH + ",maybe,,")))
                .hasMessageStartingWith("major 'maybe' is not true or false");
    }
}
