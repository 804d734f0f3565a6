package cn.cdcq.registry.client.cli.batch;

import java.io.PrintStream;

/** A one-line progress bar on stderr: rows and batches done, redrawn in place. */
final class ProgressBar {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final int total;
    private int done;

    ProgressBar(PrintStream out, int total) {
        this.out = out;
        this.total = total;
    }

    void advance(int rows, int batch, int batches) {
        done += rows;
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        out.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + (total == 0 ? 100 : done * 100L / total)
                + "% " + done + "/" + total + " rows, batch " + batch + "/" + batches);
        out.flush();
    }

    void finish() {
        out.println();
    }
}
