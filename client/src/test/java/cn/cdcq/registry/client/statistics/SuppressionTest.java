package cn.cdcq.registry.client.statistics;

import cn.cdcq.registry.client.statistics.Suppression.Margins;
import cn.cdcq.registry.client.statistics.Suppression.Mark;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The threshold rule and secondary suppression, checked against an independent audit: Gaussian
 * elimination over every relation a reader has (each published row and column total), asking
 * whether any suppressed entry is fixed by the published ones.
 */
class SuppressionTest {

    @Provide
    Arbitrary<long[][]> tables() {
        Arbitrary<Long> count = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(0, 0)),
                net.jqwik.api.Tuple.of(4, Arbitraries.longs().between(1, 4)),
                net.jqwik.api.Tuple.of(5, Arbitraries.longs().between(5, 60)));
        return Combinators.combine(Arbitraries.integers().between(1, 6), Arbitraries.integers().between(1, 6))
                .flatAs((m, n) -> count.array(long[].class).ofSize(n).array(long[][].class).ofSize(m));
    }

    @Property(tries = 400)
    void bothMarginsNoSuppressedEntryCanBeSolvedFor(@ForAll("tables") long[][] cells) {
        check(cells, Margins.ROWS_AND_COLUMNS);
    }

    @Property(tries = 400)
    void rowMarginsNoSuppressedEntryCanBeSolvedFor(@ForAll("tables") long[][] cells) {
        check(cells, Margins.ROWS);
    }

    private static void check(long[][] cells, Margins margins) {
        int n = cells[0].length;
        long[][] x = Suppression.extended(cells, n, margins);
        Mark[][] marks = Suppression.apply(cells, n, margins);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j <= n; j++) {
                boolean small = x[i][j] > 0 && x[i][j] < Suppression.THRESHOLD;
                assertThat(marks[i][j] == Mark.PRIMARY).as("entry %d,%d = %d", i, j, x[i][j]).isEqualTo(small);
            }
        }
        assertThat(SuppressionAudit.recoverable(x, marks, margins)).as("entries solvable from the published ones").isEmpty();
    }

    @Test
    void aLoneSmallCellTakesASecondCellInItsRowAndColumn() {
        long[][] cells = {{3, 20, 30}, {10, 40, 50}, {12, 9, 60}};
        Mark[][] marks = Suppression.apply(cells, 3, Margins.ROWS_AND_COLUMNS);
        assertThat(marks[0][0]).isEqualTo(Mark.PRIMARY);
        // the cheapest rectangle through it: 20 beside it, 9 and 12 below (41, where 20 + 40 + 10 is 70)
        assertThat(marks[0][1]).isEqualTo(Mark.SECONDARY);
        assertThat(marks[2][1]).isEqualTo(Mark.SECONDARY);
        assertThat(marks[2][0]).isEqualTo(Mark.SECONDARY);
        assertThat(marks[1][0]).isEqualTo(Mark.SHOWN);
        assertThat(marks[1][1]).isEqualTo(Mark.SHOWN);
        assertThat(marks[3][3]).isEqualTo(Mark.SHOWN);
    }

    @Test
    void theAuditFindsASingleSuppressedCell() {
        long[][] cells = {{3, 20}, {10, 40}};
        long[][] x = Suppression.extended(cells, 2, Margins.ROWS_AND_COLUMNS);
        Mark[][] onlyPrimary = new Mark[3][3];
        for (Mark[] row : onlyPrimary) {
            java.util.Arrays.fill(row, Mark.SHOWN);
        }
        onlyPrimary[0][0] = Mark.PRIMARY;
        assertThat(SuppressionAudit.recoverable(x, onlyPrimary, Margins.ROWS_AND_COLUMNS)).hasSize(1);
    }

    @Test
    void aBridgeBetweenTwoProtectedSquaresIsFound() {
        // Every row and column with a suppressed entry has two, yet the entry joining two cycles is fixed.
        long[][] x = new long[5][5];
        Mark[][] m = new Mark[5][5];
        for (Mark[] row : m) {
            java.util.Arrays.fill(row, Mark.SHOWN);
        }
        for (int[] e : new int[][]{{0, 0}, {0, 1}, {1, 0}, {1, 1}, {1, 2}, {2, 2}, {2, 3}, {3, 2}, {3, 3}}) {
            m[e[0]][e[1]] = Mark.PRIMARY;
        }
        assertThat(SuppressionAudit.recoverable(x, m, Margins.ROWS_AND_COLUMNS)).extracting(e -> e[0] + "," + e[1]).containsExactly("1,2");
    }
}
