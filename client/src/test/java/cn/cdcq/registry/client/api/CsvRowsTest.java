package cn.cdcq.registry.client.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvRowsTest {

    @Test
    void quotedFieldsWithCommasQuotesAndLineBreaksKeepTheLineTheirRowStartsOn() {
        List<CsvRows.Row> rows = CsvRows.parse("\uFEFFnumber,occupation,note\r\n"
                + "S1,4-04-05-01,plain\r\n"
                + "S2,\"4-04-05-02\",\"two\nlines, \"\"quoted\"\"\"\n"
                + "\n"
                + "S3,4-04-05-03,last");
        assertThat(rows).extracting(CsvRows.Row::line).containsExactly(2, 3, 6);
        assertThat(rows.get(1).get("note")).isEqualTo("two\nlines, \"quoted\"");
        assertThat(rows.get(2).get("occupation")).isEqualTo("4-04-05-03");
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsOrAnOpenQuoteIsNamed() {
        assertThatThrownBy(() -> CsvRows.parse("a,b\n1,2\n3\n")).hasMessageStartingWith("line 3: 1 fields");
        assertThatThrownBy(() -> CsvRows.parse("a,b\n1,\"2\n")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> CsvRows.parse("")).hasMessageContaining("empty");
    }
}
