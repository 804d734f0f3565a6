package cn.cdcq.registry.client.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Small-cell suppression of a table of counts (docs/statistics.md): the threshold rule and
 * secondary suppression of statistical disclosure control.
 *
 * <p>The table is read with its published margins as an extended table: {@code cells} is
 * {@code m × n}; row {@code i}'s total sits in column {@code n}; with {@link Margins#ROWS_AND_COLUMNS}
 * the column totals are row {@code m} and the grand total is {@code [m][n]}. Every published
 * relation is "a row's cells add up to its total" or "a column's cells add up to its total".
 *
 * <ol>
 *   <li>Primary: every entry from 1 to {@value #THRESHOLD}−1, totals included, is suppressed.</li>
 *   <li>Secondary: no suppressed entry may be the only unknown of a published relation, nor be
 *   solvable from any combination of them. With row totals only, each row is its own relation:
 *   a row with one suppressed entry gets a second one (its smallest other entry). With both
 *   margins, each relation is a vertex of a bipartite graph (rows and columns) and each suppressed
 *   entry an edge between its row and its column; the relations fix an entry exactly when its edge
 *   is a bridge (lies on no cycle), so for each bridge the entries on the cheapest path that closes
 *   a cycle through it are suppressed too, until no bridge is left.</li>
 * </ol>
 * Complements prefer non-zero entries, then small values (the sum of the path), then inner cells before totals.
 * This protects against exact recovery by addition and subtraction of published numbers; bounds
 * from the non-negativity of counts are not considered (as in the classic rule).
 */
public final class Suppression {

    /** Counts below this (and above zero) are not published. */
    public static final int THRESHOLD = 5;

    public enum Margins { ROWS, ROWS_AND_COLUMNS }

    public enum Mark { SHOWN, PRIMARY, SECONDARY }

    private Suppression() {
    }

    /** The extended table of {@code cells}: row totals in column n, column totals (both margins) in row m. */
    public static long[][] extended(long[][] cells, int columns, Margins margins) {
        int m = cells.length;
        int rows = margins == Margins.ROWS_AND_COLUMNS ? m + 1 : m;
        long[][] x = new long[rows][columns + 1];
        for (int i = 0; i < m; i++) {
            if (cells[i].length != columns) {
                throw new IllegalArgumentException("row " + i + " has " + cells[i].length + " cells, not " + columns);
            }
            for (int j = 0; j < columns; j++) {
                if (cells[i][j] < 0) {
                    throw new IllegalArgumentException("a count is never negative");
                }
                x[i][j] = cells[i][j];
                x[i][columns] += cells[i][j];
                if (rows > m) {
                    x[m][j] += cells[i][j];
                    x[m][columns] += cells[i][j];
                }
            }
        }
        return x;
    }

    /** The marks of the extended table of {@code cells} (same shape as {@link #extended}). */
    public static Mark[][] apply(long[][] cells, int columns, Margins margins) {
        return apply(cells, columns, margins, null);
    }

    /**
     * The same, with entries of the extended table that must be suppressed whatever their value
     * ({@code forced}, same shape, or null): e.g. a sum over fewer than {@value #THRESHOLD} reports.
     */
    public static Mark[][] apply(long[][] cells, int columns, Margins margins, boolean[][] forced) {
        long[][] x = extended(cells, columns, margins);
        Mark[][] marks = new Mark[x.length][columns + 1];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j <= columns; j++) {
                boolean small = x[i][j] > 0 && x[i][j] < THRESHOLD;
                marks[i][j] = small || (forced != null && forced[i][j]) ? Mark.PRIMARY : Mark.SHOWN;
            }
        }
        if (margins == Margins.ROWS) {
            for (int i = 0; i < x.length; i++) {
                int suppressed = 0;
                for (int j = 0; j <= columns; j++) {
                    suppressed += marks[i][j] == Mark.SHOWN ? 0 : 1;
                }
                if (suppressed == 1) {
                    List<int[]> candidates = new ArrayList<>();
                    for (int j = 0; j <= columns; j++) {
                        if (marks[i][j] == Mark.SHOWN) {
                            candidates.add(new int[]{i, j});
                        }
                    }
                    int[] pick = smallest(candidates, x, columns);
                    marks[pick[0]][pick[1]] = Mark.SECONDARY;
                }
            }
            return marks;
        }
        new Graph(x, marks, columns).protect();
        return marks;
    }

    private static int[] smallest(List<int[]> candidates, long[][] x, int columns) {
        return candidates.stream().min(Comparator
                .<int[]>comparingInt(c -> x[c[0]][c[1]] == 0 ? 1 : 0)
                .thenComparingLong(c -> x[c[0]][c[1]])
                .thenComparingInt(c -> c[0] == x.length - 1 || c[1] == columns ? 1 : 0)
                .thenComparingInt(c -> c[0])
                .thenComparingInt(c -> c[1])).orElseThrow();
    }

    /** Rows 0..R-1 then columns R..R+C-1 as vertices; suppressed entries as edges. */
    private static final class Graph {
        private final long[][] x;
        private final Mark[][] marks;
        private final int rows;
        private final int cols;
        private int[] order;
        private int[] low;
        private int counter;

        Graph(long[][] x, Mark[][] marks, int columns) {
            this.x = x;
            this.marks = marks;
            this.rows = x.length;
            this.cols = columns + 1;
        }

        void protect() {
            int[] bridge;
            while ((bridge = firstBridge()) != null) {
                for (int[] e : cheapestPath(bridge[0], bridge[1])) {
                    marks[e[0]][e[1]] = Mark.SECONDARY;
                }
            }
        }

        /** What publishing an entry costs as a complement: zeros last, then by value, totals after cells. */
        private long cost(int i, int j) {
            if (marks[i][j] != Mark.SHOWN) {
                return 0;
            }
            long v = x[i][j];
            boolean total = i == rows - 1 || j == cols - 1;
            return v == 0 ? 1_000_000_000_000L : v * 2 + (total ? 1 : 0);
        }

        /**
         * The entries still shown on the cheapest path from row {@code r} to column {@code c} not
         * over the entry (r,c) itself (Dijkstra on the complete bipartite graph, suppressed entries
         * free): suppressing them puts (r,c) on a cycle.
         */
        private List<int[]> cheapestPath(int r, int c) {
            int v = rows + cols;
            long[] dist = new long[v];
            int[] prev = new int[v];
            boolean[] done = new boolean[v];
            Arrays.fill(dist, Long.MAX_VALUE);
            Arrays.fill(prev, -1);
            dist[r] = 0;
            int target = rows + c;
            while (true) {
                int u = -1;
                for (int k = 0; k < v; k++) {
                    if (!done[k] && dist[k] != Long.MAX_VALUE && (u < 0 || dist[k] < dist[u])) {
                        u = k;
                    }
                }
                if (u < 0 || u == target) {
                    break;
                }
                done[u] = true;
                int from = u < rows ? rows : 0;
                int to = u < rows ? v : rows;
                for (int w = from; w < to; w++) {
                    int i = u < rows ? u : w;
                    int j = u < rows ? w - rows : u - rows;
                    if (done[w] || (i == r && j == c)) {
                        continue;
                    }
                    long d = dist[u] + cost(i, j);
                    if (d < dist[w]) {
                        dist[w] = d;
                        prev[w] = u;
                    }
                }
            }
            if (prev[target] < 0) {
                throw new IllegalStateException("no complement for the entry at " + r + "," + c);
            }
            List<int[]> out = new ArrayList<>();
            for (int w = target; prev[w] >= 0; w = prev[w]) {
                int u = prev[w];
                int i = u < rows ? u : w;
                int j = u < rows ? w - rows : u - rows;
                if (marks[i][j] == Mark.SHOWN) {
                    out.add(new int[]{i, j});
                }
            }
            return out;
        }

        private int[] neighbours(int v) {
            int[] out;
            int k = 0;
            if (v < rows) {
                out = new int[cols];
                for (int j = 0; j < cols; j++) {
                    if (marks[v][j] != Mark.SHOWN) {
                        out[k++] = rows + j;
                    }
                }
            } else {
                int j = v - rows;
                out = new int[rows];
                for (int i = 0; i < rows; i++) {
                    if (marks[i][j] != Mark.SHOWN) {
                        out[k++] = i;
                    }
                }
            }
            return Arrays.copyOf(out, k);
        }

        /** A bridge among the suppressed entries (Tarjan), the first in row-major order, or null. */
        int[] firstBridge() {
            order = new int[rows + cols];
            low = new int[rows + cols];
            Arrays.fill(order, -1);
            counter = 0;
            List<int[]> bridges = new ArrayList<>();
            for (int v = 0; v < rows + cols; v++) {
                if (order[v] < 0) {
                    dfs(v, -1, bridges);
                }
            }
            return bridges.stream().min(Comparator.<int[]>comparingInt(b -> b[0]).thenComparingInt(b -> b[1])).orElse(null);
        }

        private void dfs(int v, int parent, List<int[]> bridges) {
            order[v] = low[v] = counter++;
            for (int w : neighbours(v)) {
                if (w == parent) {
                    continue; // no parallel edges: an entry is one (row, column) pair
                }
                if (order[w] < 0) {
                    dfs(w, v, bridges);
                    low[v] = Math.min(low[v], low[w]);
                    if (low[w] > order[v]) {
                        bridges.add(v < rows ? new int[]{v, w - rows} : new int[]{w, v - rows});
                    }
                } else {
                    low[v] = Math.min(low[v], order[w]);
                }
            }
        }
    }
}
