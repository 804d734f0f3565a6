package cn.cdcq.registry.client.statistics;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;

/**
 * A published table: every count as text, a number or a suppression mark ("&lt;5" for a count of
 * 1 to 4, "x" for a cell suppressed so that no other can be recovered). {@code totals} is the row
 * of column totals when the table publishes them.
 */
@Schema(description = "A workforce statistics table; counts as text: a number, \"<5\" (1 to 4) or \"x\" (suppressed so that no small count can be recovered)")
public record StatisticsTable(
        @Schema(example = "certificates") String table,
        @Schema(description = "what the table counts") String description,
        @Schema(description = "the names of the key columns of each row", example = "[\"region\",\"occupation\",\"month\"]")
        List<String> keyColumns,
        @Schema(description = "the names of the count columns", example = "[\"1\",\"2\",\"3\",\"4\",\"5\",\"Z\",\"T1\"]")
        List<String> columns,
        @Schema(description = "whether each row ends with its total") boolean rowTotals,
        List<Row> rows,
        @Schema(description = "the column totals (and the grand total), when published", nullable = true) Row totals,
        @Schema(description = "counts from 1 to threshold - 1 are not published", example = "5") int threshold,
        @Schema(description = "the last ledger block the read store has counted", example = "120") long throughBlock) {

    public record Row(List<String> keys, List<String> cells,
                      @Schema(description = "the row's total, when the table has row totals", nullable = true) String total) {
    }

    public static final String SMALL = "<" + Suppression.THRESHOLD;
    public static final String SUPPRESSED = "x";

    /** A count as published: the number, or its suppression mark. */
    static String show(long value, Suppression.Mark mark) {
        if (mark == Suppression.Mark.SHOWN) {
            return Long.toString(value);
        }
        return value > 0 && value < Suppression.THRESHOLD ? SMALL : SUPPRESSED;
    }

    /** The table as CSV (RFC 4180, header row first; the column totals as a last row keyed TOTAL). */
    public String csv() {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>(keyColumns);
        header.addAll(columns);
        if (rowTotals) {
            header.add("total");
        }
        line(out, header);
        for (Row r : rows) {
            line(out, values(r));
        }
        if (totals != null) {
            line(out, values(totals));
        }
        return out.toString();
    }

    private List<String> values(Row r) {
        List<String> v = new ArrayList<>(r.keys());
        v.addAll(r.cells());
        if (rowTotals) {
            v.add(r.total());
        }
        return v;
    }

    private static void line(StringBuilder out, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String v = values.get(i) == null ? "" : values.get(i);
            if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
                out.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                out.append(v);
            }
        }
        out.append("\r\n");
    }
}
