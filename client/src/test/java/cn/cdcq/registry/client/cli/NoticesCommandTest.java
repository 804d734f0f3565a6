package cn.cdcq.registry.client.cli;

import cn.cdcq.registry.common.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NoticesCommandTest {

    @Test
    void aNoticeIsOneCsvRowInColumnOrderWithEmptyCellsForWhatIsPending() {
        String csv = NoticesCommand.Export.csv(Json.tree("[{\"violationId\":\"v1\",\"uscc\":\"91500000MA5U7Q1K33\","
                + "\"fromRegion\":\"CD\",\"toRegion\":\"CQ\",\"major\":true,\"createdOn\":\"2026-03-16\",\"dueOn\":\"2026-03-16\"}]"));
        assertThat(csv).isEqualTo(String.join(",", NoticesCommand.COLUMNS) + "\n"
                + "v1,91500000MA5U7Q1K33,CD,CQ,true,2026-03-16,2026-03-16,,,\n");
    }

    @Test
    void aCellIsQuotedAndAFormulaIsDefused() {
        assertThat(NoticesCommand.Export.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(NoticesCommand.Export.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(NoticesCommand.Export.cell("say \"x\"")).isEqualTo("\"say \"\"x\"\"\"");
    }
}
