package cn.cdcq.registry.client.statistics;

import cn.cdcq.registry.client.statistics.Suppression.Margins;
import cn.cdcq.registry.client.statistics.Suppression.Mark;

import java.util.ArrayList;
import java.util.List;

/**
 * An audit of a published table that shares nothing with {@link Suppression}'s method: Gaussian
 * elimination over every relation a reader has (each published row total and, with both margins,
 * each column total), asking which suppressed entries the published ones determine. Used by
 * SuppressionTest on random tables and by StatisticsIT on the tables the service publishes.
 */
public final class SuppressionAudit {

    private SuppressionAudit() {
    }

    /** The audit: which suppressed entries of the extended table the published relations determine. */
    public static List<int[]> recoverable(long[][] x, Mark[][] marks, Margins margins) {
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

}
