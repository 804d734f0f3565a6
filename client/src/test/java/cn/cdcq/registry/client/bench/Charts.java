package cn.cdcq.registry.client.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run's plots, drawn with Java2D (headless): throughput against in-flight for each phase,
 * registry and raw side by side, and latency percentiles (p50, p90, p99) of every run.
 */
final class Charts {

    private static final Color[] SERIES = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b)};
    private static final int W = 900;
    private static final int H = 520;
    private static final int LEFT = 80;
    private static final int RIGHT = 250;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private Charts() {
    }

    @SuppressWarnings("unchecked")
    static void write(Map<String, Object> result, Path out) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Map<String, Object>> runs = (List<Map<String, Object>>) result.get("runs");
        throughput(runs, "single issue", "Single issue vs raw put: committed tx/s by in-flight", out.resolve("single-throughput.png"));
        throughput(runs, "verification through the peer", "Verification vs raw get: req/s by in-flight",
                out.resolve("verification-throughput.png"));
        batches(runs, out.resolve("batch-throughput.png"));
        latencies(runs, out.resolve("latency-percentiles.png"));
    }

    /** Lines: x = in flight, y = records/s, one line per system. */
    private static void throughput(List<Map<String, Object>> runs, String phase, String title, Path file) throws IOException {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (Map<String, Object> r : runs) {
            if (r.get("phase").equals(phase)) {
                series.computeIfAbsent((String) r.get("system"), k -> new ArrayList<>())
                        .add(new double[]{((Number) r.get("inFlight")).doubleValue(), ((Number) r.get("recordsPerSecond")).doubleValue()});
            }
        }
        double maxX = series.values().stream().flatMap(List::stream).mapToDouble(p -> p[0]).max().orElse(1);
        double maxY = series.values().stream().flatMap(List::stream).mapToDouble(p -> p[1]).max().orElse(1);
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, title, "in flight", "per second", maxX, maxY);
        int i = 0;
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            g.setColor(SERIES[i % SERIES.length]);
            // The first series is drawn wider, so an equal second one on top of it stays visible.
            g.setStroke(new BasicStroke(i == 0 ? 6f : 2.5f));
            int[] prev = null;
            for (double[] p : e.getValue()) {
                int[] pt = {x(p[0], maxX), y(p[1], maxY)};
                int r = i == 0 ? 7 : 4;
                g.fillOval(pt[0] - r, pt[1] - r, 2 * r, 2 * r);
                if (prev != null) {
                    g.drawLine(prev[0], prev[1], pt[0], pt[1]);
                }
                prev = pt;
            }
            legend(g, i++, e.getKey());
        }
        ImageIO.write(img, "png", file.toFile());
    }

    /** Bars: records/s per batch size, registry and raw side by side. */
    private static void batches(List<Map<String, Object>> runs, Path file) throws IOException {
        List<Map<String, Object>> rows = runs.stream().filter(r -> r.get("phase").equals("batch issue")).toList();
        bars(rows, r -> "batch " + r.get("batchSize"), new String[]{"recordsPerSecond"},
                "Batch issue (certificates/s) vs raw putMany (records/s)", "records/s", file, true);
    }

    /** Bars: p50, p90, p99 of every run. */
    private static void latencies(List<Map<String, Object>> runs, Path file) throws IOException {
        bars(runs, r -> shortName(r), new String[]{"p50Ms", "p90Ms", "p99Ms"}, "Latency percentiles of every run (ms, log scale)",
                "ms", file, false);
    }

    private static String shortName(Map<String, Object> r) {
        String phase = ((String) r.get("phase")).replace("verification through the peer", "verify/peer")
                .replace("verification through REST", "REST").replace("single issue", "single").replace("batch issue", "batch");
        String system = ((String) r.get("system")).replace("registry", "reg").replace("raw ", "");
        return phase + " " + system + " n=" + r.get("inFlight") + ("1".equals(String.valueOf(r.get("batchSize"))) ? "" : " b=" + r.get("batchSize"));
    }

    private interface Label {
        String of(Map<String, Object> row);
    }

    private static void bars(List<Map<String, Object>> rows, Label label, String[] fields, String title, String unit,
                             Path file, boolean bySystem) throws IOException {
        int height = Math.max(H, TOP + BOTTOM + rows.size() * fields.length * 14 + rows.size() * 8);
        BufferedImage img = new BufferedImage(W + 200, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 20, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        double max = rows.stream().flatMap(r -> java.util.Arrays.stream(fields).map(f -> ((Number) r.get(f)).doubleValue()))
                .filter(v -> !Double.isNaN(v)).max(Double::compare).orElse(1.0);
        boolean log = !bySystem;
        int labelWidth = 300;
        int plotWidth = img.getWidth() - labelWidth - 120;
        int yPos = TOP;
        for (Map<String, Object> r : rows) {
            g.setColor(Color.BLACK);
            String name = bySystem ? label.of(r) + " " + r.get("system") : label.of(r);
            g.drawString(name, 10, yPos + 11);
            for (int f = 0; f < fields.length; f++) {
                double v = ((Number) r.get(fields[f])).doubleValue();
                double share = Double.isNaN(v) ? 0 : log ? Math.log10(Math.max(1, v)) / Math.log10(Math.max(10, max)) : v / max;
                int w = (int) (share * plotWidth);
                g.setColor(SERIES[(bySystem ? (((String) r.get("system")).startsWith("raw") ? 1 : 0) : f) % SERIES.length]);
                g.fillRect(labelWidth, yPos, Math.max(1, w), 12);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, "%s %.1f %s", bySystem ? "" : fields[f].replace("Ms", ""), v, unit),
                        labelWidth + w + 5, yPos + 11);
                yPos += 14;
            }
            yPos += 8;
        }
        ImageIO.write(img, "png", file.toFile());
    }

    private static Graphics2D canvas(BufferedImage img, String title, String xLabel, String yLabel, double maxX, double maxY) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawLine(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM);
        g.drawLine(LEFT, TOP, LEFT, H - BOTTOM);
        for (int t = 0; t <= 5; t++) {
            double vx = maxX * t / 5;
            double vy = maxY * t / 5;
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT, y(vy, maxY), W - RIGHT, y(vy, maxY));
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, maxX < 10 ? "%.1f" : "%.0f", vx), x(vx, maxX) - 8, H - BOTTOM + 18);
            g.drawString(String.format(Locale.ROOT, maxY < 10 ? "%.1f" : "%.0f", vy), 10, y(vy, maxY) + 4);
        }
        g.drawString(xLabel, (LEFT + W - RIGHT) / 2 - 20, H - 15);
        g.drawString(yLabel, 10, TOP - 10);
        return g;
    }

    private static void legend(Graphics2D g, int i, String name) {
        g.fillRect(W - RIGHT + 20, TOP + i * 22, 14, 14);
        g.setColor(Color.BLACK);
        g.drawString(name, W - RIGHT + 40, TOP + i * 22 + 12);
    }

    private static int x(double v, double max) {
        return LEFT + (int) (v / (max * 1.05) * (W - LEFT - RIGHT));
    }

    private static int y(double v, double max) {
        return H - BOTTOM - (int) (v / (max * 1.1) * (H - TOP - BOTTOM));
    }
}
