package cn.cdcq.registry.client.cli;

import cn.cdcq.registry.common.format.RegionCode;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "notices", description = "Cross-region violation notices.", subcommands = NoticesCommand.Export.class)
final class NoticesCommand implements Runnable {

    @ParentCommand
    RegistryCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Columns of the CSV export, the notice's fields in record order. */
    static final List<String> COLUMNS = List.of("violationId", "uscc", "fromRegion", "toRegion", "major", "createdOn",
            "dueOn", "acknowledgedAt", "acknowledgedBy", "overdueFlaggedOn");

    @Command(name = "export", description = "Exports the notices addressed to a region (default: the account's own) as CSV or JSON.")
    static final class Export implements Callable<Integer> {

        @ParentCommand
        NoticesCommand notices;

        @Option(names = {"--region", "--to-region"}, paramLabel = "CODE",
                description = "region code the notices are addressed to, e.g. CQ (default: the account's region)")
        String toRegion;

        @Option(names = "--format", defaultValue = "csv", description = "csv (default) or json")
        String format;

        @Option(names = "--pending", description = "only notices not yet acknowledged")
        boolean pendingOnly;

        @Option(names = "--out", paramLabel = "FILE", description = "write to FILE instead of standard output")
        Path out;

        @Override
        public Integer call() {
            if (!format.equals("csv") && !format.equals("json")) {
                throw new IllegalArgumentException("--format " + format + ": give csv or json");
            }
            ServiceApi api = notices.cli.api();
            String region = toRegion != null ? RegionCode.validate(toRegion)
                    : api.get("/api/v1/whoami").path("service").asText();
            JsonNode list = api.get("/api/v1/notices?toRegion=" + region + "&pendingOnly=" + pendingOnly);
            String text = format.equals("json") ? Output.pretty(list) : csv(list);
            if (out == null) {
                System.out.print(text.endsWith("\n") ? text : text + "\n");
            } else {
                try {
                    Files.writeString(out, text, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
                }
                System.err.println(list.size() + " notices to " + region + " written to " + out);
            }
            return 0;
        }

        static String csv(JsonNode list) {
            StringBuilder b = new StringBuilder(String.join(",", COLUMNS)).append('\n');
            for (JsonNode notice : list) {
                for (int i = 0; i < COLUMNS.size(); i++) {
                    JsonNode v = notice.path(COLUMNS.get(i));
                    b.append(i == 0 ? "" : ",").append(cell(v.isMissingNode() || v.isNull() ? "" : v.asText()));
                }
                b.append('\n');
            }
            return b.toString();
        }

        /** RFC 4180 quoting, and a leading = + - @ neutralized so a spreadsheet does not run it. */
        static String cell(String value) {
            String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
            return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
        }
    }
}
