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

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The threshold rule and secondary suppression, checked against an independent audit: Gaussian
 * elimination over every relation a reader has (each published row and column total), asking
 * whether any suppressed entry is fixed by the published ones.
 */
class SuppressionTest {

    /** The audit: which suppressed entries of the extended table the published relations determine. */
    static List<int[]> recoverable(long[][] x, Mark[][] marks, Margins margins) {
        int rows = x.length;
        int cols = x[0].length;
        int dataRows = margins == Margins.ROWS_AND_COLUMNS ? rows - 1 : rows;
        List<int[]> unknowns = new ArrayList<>();
        int[][] index = new int[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                index[i][j] = -1;
                if (marks[i][j] != Mark.SHOWN) {
                    index[i][j] = unknowns.size();
                    unknowns.add(new int[]{i, j});
                }
            }
        }
        int u = unknowns.size();
        List<long[]> equations = new ArrayList<>();
        for (int i = 0; i < rows; i++) { // row i: its cells minus its total = 0
            long[] eq = new long[u];
            for (int j = 0; j < cols; j++) {
                if (index[i][j] >= 0) {
                    eq[index[i][j]] = j == cols - 1 ? -1 : 1;
                }
            }
            equations.add(eq);
        }
        if (margins == Margins.ROWS_AND_COLUMNS) {
            for (int j = 0; j < cols; j++) {
                long[] eq = new long[u];
                for (int i = 0; i < rows; i++) {
                    if (index[i][j] >= 0) {
                        eq[index[i][j]] = i == dataRows ? -1 : 1;
                    }
                }
                equations.add(eq);
            }
        }
        // Reduced row echelon form modulo a large prime: the coefficients are 0 and ±1 of sums, so
        // the rank is the rational one here (no pivot is a multiple of P for these small tables).
        final long P = 1_000_000_007L;
        long[][] a = equations.stream().map(e -> {
            long[] r = new long[u];
            for (int k = 0; k < u; k++) {
                r[k] = Math.floorMod(e[k], P);
            }
            return r;
        }).toArray(long[][]::new);
        int rank = 0;
        int[] pivotOf = new int[a.length];
        for (int col = 0; col < u && rank < a.length; col++) {
            int p = -1;
            for (int r = rank; r < a.length; r++) {
                if (a[r][col] != 0) {
                    p = r;
                    break;
                }
            }
            if (p < 0) {
                continue;
            }
            long[] t = a[p];
            a[p] = a[rank];
            a[rank] = t;
            long inv = pow(a[rank][col], P - 2, P);
            for (int k = 0; k < u; k++) {
                a[rank][k] = a[rank][k] * inv % P;
            }
            for (int r = 0; r < a.length; r++) {
                if (r != rank && a[r][col] != 0) {
                    long f = a[r][col];
                    for (int k = 0; k < u; k++) {
                        a[r][k] = Math.floorMod(a[r][k] - f * a[rank][k], P);
                    }
                }
            }
            pivotOf[rank] = col;
            rank++;
        }
        List<int[]> out = new ArrayList<>();
        for (int r = 0; r < rank; r++) {
            int nonZero = 0;
            for (int k = 0; k < u; k++) {
                nonZero += a[r][k] != 0 ? 1 : 0;
            }
            if (nonZero == 1) {
                out.add(unknowns.get(pivotOf[r]));
            }
        }
        return out;
    }

    private static long pow(long b, long e, long m) {
        long r = 1;
        b %= m;
        while (e > 0) {
            if ((e & 1) == 1) {
                r = r * b % m;
            }
            b = b * b % m;
            e >>= 1;
        }
        return r;
    }

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
        assertThat(recoverable(x, marks, margins)).as("entries solvable from the published ones").isEmpty();
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
        assertThat(recoverable(x, onlyPrimary, Margins.ROWS_AND_COLUMNS)).hasSize(1);
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
        assertThat(recoverable(x, m, Margins.ROWS_AND_COLUMNS)).extracting(e -> e[0] + "," + e[1]).containsExactly("1,2");
    }
}
