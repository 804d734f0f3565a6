package cn.cdcq.registry.client.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs {@link OfflineVerificationBenchmark} with JMH (one fork: both benchmarks in the same JVM)
 * and returns their throughput in operations per second.
 */
final class OfflineVerification {

    private OfflineVerification() {
    }

    static Map<String, Object> run(Path out, boolean quick) throws Exception {
        Path json = out.resolve("jmh.json");
        Options options = new OptionsBuilder()
                .include(OfflineVerificationBenchmark.class.getName() + ".*")
                .forks(1)
                .warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.milliseconds(quick ? 500 : 2000))
                .measurementIterations(quick ? 1 : 5).measurementTime(TimeValue.milliseconds(quick ? 500 : 2000))
                .threads(1)
                .jvmArgs("-Xmx256m")
                .resultFormat(ResultFormatType.JSON).result(json.toString())
                .build();
        new Runner(options).run();
        Map<String, Object> scores = new LinkedHashMap<>();
        for (JsonNode r : new ObjectMapper().readTree(json.toFile())) {
            String name = r.get("benchmark").asText();
            scores.put(name.substring(name.lastIndexOf('.') + 1),
                    Math.round(r.get("primaryMetric").get("score").asDouble()));
        }
        scores.put("threads", 1);
        return scores;
    }
}
