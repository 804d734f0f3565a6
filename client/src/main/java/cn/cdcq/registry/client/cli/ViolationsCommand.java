package cn.cdcq.registry.client.cli;

import cn.cdcq.registry.client.cli.batch.BatchImport;
import cn.cdcq.registry.client.api.CsvRows;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.credit.ViolationInput;
import cn.cdcq.registry.common.credit.ViolationStatus;
import cn.cdcq.registry.common.credit.ViolationType;
import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "violations", description = "Violations recorded by this region's inspectors.",
        subcommands = ViolationsCommand.Record.class)
final class ViolationsCommand implements Runnable {

    @ParentCommand
    RegistryCli cli;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final List<String> COLUMNS = List.of("uscc", "type", "amountFen", "workersAffected", "decisionDate",
            "decisionDocumentHash", "major", "massIncident", "status");

    @Command(name = "record", description = "Records violations from a CSV (columns: uscc, type, amountFen, workersAffected, "
            + "decisionDate, decisionDocumentHash, major, massIncident, status) as an inspector. Every row is checked "
            + "first; if any is invalid, each is reported with its line and nothing is recorded. A row whose decision "
            + "(same enterprise, type and decision document) is already on the ledger is not recorded again, so a "
            + "run can be repeated or resumed.")
    static final class Record implements Callable<Integer> {

        @ParentCommand
        ViolationsCommand violations;

        @Option(names = "--csv", required = true, paramLabel = "FILE", description = "the CSV, with a header row")
        Path csv;

        @Option(names = "--progress", paramLabel = "FILE", description = "progress file (default: the CSV's name + .progress)")
        Path progressFile;

        @Override
        public Integer call() {
            ServiceApi api = violations.cli.api();
            BatchImport<ViolationInput> run = new BatchImport<>(Record::validate, (batchId, items) -> submit(api, items), 1, System.err);
            BatchImport.Result result = run.run(csv, progressFile != null ? progressFile
                    : csv.resolveSibling(csv.getFileName() + ".progress"));
            if (!result.ok()) {
                result.invalid().forEach(System.err::println);
                System.err.println(result.invalid().size() + " invalid rows; nothing was recorded. Correct them and run again.");
                return 1;
            }
            System.out.println(Json.mapper().createObjectNode().put("rows", result.batches()).put("recorded", result.submitted())
                    .put("alreadyDone", result.skippedAsDone()).put("alreadyOnLedger", result.alreadyOnLedger()).toPrettyString());
            return 0;
        }

        static ViolationInput validate(CsvRows.Row row) throws BatchImport.InvalidRow {
            try {
                return new ViolationInput(row.get("uscc"), enumValue(ViolationType.class, "type", row.get("type")),
                        fen(row.get("amountFen")), integer("workersAffected", row.get("workersAffected")),
                        row.get("decisionDate"), row.get("decisionDocumentHash"), bool("major", row.get("major")),
                        bool("massIncident", row.get("massIncident")),
                        row.get("status").isEmpty() ? null : enumValue(ViolationStatus.class, "status", row.get("status")));
            } catch (InvalidInputException e) {
                throw new BatchImport.InvalidRow(e.getMessage());
            }
        }

        /** One violation, unless the ledger already has this decision (a retried or resumed run). */
        static void submit(ServiceApi api, List<ViolationInput> items) throws BatchImport.AlreadySubmitted {
            for (ViolationInput v : items) {
                for (JsonNode recorded : api.get("/api/v1/enterprises/" + v.uscc() + "/violations")) {
                    if (recorded.path("decisionDocumentHash").asText().equals(v.decisionDocumentHash())
                            && recorded.path("type").asText().equals(v.type().name())) {
                        throw new BatchImport.AlreadySubmitted("violation " + recorded.path("id").asText() + " records this decision");
                    }
                }
                api.post("/api/v1/violations", Json.mapper().valueToTree(v));
            }
        }

        static long fen(String value) {
            try {
                return new BigDecimal(value).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                throw new InvalidInputException("INVALID_VALUE", "amountFen '" + value
                        + "' is not a whole number of fen (1 yuan = 100 fen; 1250 for 12.50 yuan)");
            }
        }

        static int integer(String field, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("INVALID_VALUE", field + " '" + value + "' is not a whole number");
            }
        }

        static boolean bool(String field, String value) {
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "", "false", "no", "0" -> false;
                case "true", "yes", "1" -> true;
                default -> throw new InvalidInputException("INVALID_VALUE", field + " '" + value + "' is not true or false");
            };
        }

        static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value) {
            try {
                return Enum.valueOf(type, value);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("INVALID_VALUE", field + " '" + value + "' is not one of "
                        + Arrays.toString(type.getEnumConstants()));
            }
        }
    }
}
