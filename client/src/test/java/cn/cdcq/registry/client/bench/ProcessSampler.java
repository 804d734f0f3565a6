package cn.cdcq.registry.client.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU and resident memory of every process the scripts started (their PID files in
 * {@code DATA/run}) and of this load generator, from /proc: CPU as a share of one core over a
 * phase, resident memory (VmRSS) at its end.
 */
final class ProcessSampler {

    /** Clock ticks per second of /proc/PID/stat times; 100 on Linux. */
    private static final double TICKS = 100.0;

    private final Map<String, Long> pids = new LinkedHashMap<>();

    ProcessSampler(Path runDir) throws IOException {
        if (Files.isDirectory(runDir)) {
            try (Stream<Path> files = Files.list(runDir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".pid")).sorted().toList()) {
                    String first = Files.readString(f).strip().split("\\s+")[0];
                    pids.put(f.getFileName().toString().replace(".pid", ""), Long.parseLong(first));
                }
            }
        }
        pids.put("load-generator", ProcessHandle.current().pid());
    }

    /** CPU ticks of every process now. */
    Map<String, Long> ticks() {
        Map<String, Long> out = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            try {
                String stat = Files.readString(Path.of("/proc", pid.toString(), "stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                out.put(name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
            } catch (IOException | RuntimeException e) {
                out.put(name, -1L);
            }
        });
        return out;
    }

    /** Per process: CPU % of one core between {@code before} and now over {@code seconds}, and RSS in MB. */
    Map<String, Map<String, Double>> usageSince(Map<String, Long> before, double seconds) {
        Map<String, Long> after = ticks();
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            long a = after.getOrDefault(name, -1L);
            long b = before.getOrDefault(name, -1L);
            Map<String, Double> row = new LinkedHashMap<>();
            row.put("cpuPercent", a < 0 || b < 0 ? Double.NaN : round1((a - b) / TICKS / seconds * 100));
            row.put("rssMb", round1(rssMb(pid)));
            out.put(name, row);
        });
        return out;
    }

    static double rssMb(long pid) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            for (String line : lines) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
