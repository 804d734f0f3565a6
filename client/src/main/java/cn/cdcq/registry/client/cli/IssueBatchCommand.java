package cn.cdcq.registry.client.cli;

import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.client.certificate.CertificateCsv;
import cn.cdcq.registry.client.certificate.NewCertificate;
import cn.cdcq.registry.client.cli.batch.BatchImport;
import cn.cdcq.registry.client.api.CsvRows;
import cn.cdcq.registry.common.certificate.CertificateAttestation;
import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code issue-batch --csv FILE}: a training center issues thousands of certificates from a CSV.
 * Every row is checked first by the service's own rules ({@link CertificateCsv}); any
 * wrong row is reported with its line and reason and nothing is sent. Then the rows go to the
 * service in batches of {@code --chunk}, each one transaction under one region signature; the
 * holders' salts go to the salts file (0600), never to the terminal. An interrupted run resumes
 * where it stopped: batches recorded in the progress file are skipped, and a batch the ledger
 * already has is answered by the service with its salts and issued no second time.
 */
@Command(name = "issue-batch", sortOptions = false,
        description = {"Issues certificates from a CSV as a training center's account (one transaction per chunk).",
                "Columns (header row, any order): number, occupation, level, issueDate, expiryDate (optional column, "
                        + "may be empty), holderName, holderIdNumber. UTF-8, RFC 4180 quoting.",
                "Exit codes: 0 done, 3 invalid rows (nothing submitted), 1 the service refused, 2 bad usage or file."})
public final class IssueBatchCommand implements Callable<Integer> {

    /** Retries of one batch that the service could not take right now (503 busy, MVCC conflict); each is safe. */
    private static final int ATTEMPTS = 4;

    @ParentCommand
    RegistryCli cli;

    @Option(names = "--csv", required = true, description = "the CSV of certificates to issue")
    Path csv;

    @Option(names = "--chunk", defaultValue = "500",
            description = "certificates per transaction, 1 to " + CertificateAttestation.MAX_BATCH_SIZE + " (default ${DEFAULT-VALUE})")
    int chunk;

    @Option(names = "--in-flight", defaultValue = "4",
            description = "chunks submitted at once, 1 to 16 (default ${DEFAULT-VALUE}): each waits for its commit, "
                    + "so several keep the network busy")
    int inFlight;

    @Option(names = "--salts-out", description = "where the holders' salts go (default: FILE.salts.csv); hand each "
            + "worker their line, then delete the file")
    Path saltsOut;

    @Option(names = "--progress", description = "the progress file that makes a run resumable (default: FILE.progress)")
    Path progress;

    @Override
    public Integer call() {
        if (chunk < 1 || chunk > CertificateAttestation.MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("--chunk must be 1 to " + CertificateAttestation.MAX_BATCH_SIZE + ", got " + chunk);
        }
        if (inFlight < 1 || inFlight > 16) {
            throw new IllegalArgumentException("--in-flight must be 1 to 16, got " + inFlight);
        }
        requireColumns(csv);
        Path salts = saltsOut != null ? saltsOut : sibling(csv, ".salts.csv");
        Path progressFile = progress != null ? progress : sibling(csv, ".progress");
        ServiceApi api = cli.api();
        long started = System.nanoTime();
        BatchImport.Result result;
        try (SaltsFile saltsFile = SaltsFile.open(salts)) {
            result = new BatchImport<>(rowValidator(IsoDate.today()), new Submitter(api, saltsFile), chunk,
                    inFlight, System.err).run(csv, progressFile);
        }
        if (!result.ok()) {
            System.err.println(result.invalid().size() + " invalid row(s); nothing was submitted:");
            result.invalid().forEach(System.err::println);
            return 3;
        }
        ObjectNode summary = Json.mapper().createObjectNode()
                .put("batches", result.batches()).put("submitted", result.submitted())
                .put("skippedAsDone", result.skippedAsDone()).put("alreadyOnLedger", result.alreadyOnLedger())
                .put("saltsFile", salts.toAbsolutePath().toString())
                .put("seconds", Math.round((System.nanoTime() - started) / 1e7) / 100.0);
        System.out.println(Output.pretty(summary));
        return 0;
    }

    private static Path sibling(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    /** Refuses a CSV without one of the required columns before any row is looked at. */
    static void requireColumns(Path csv) {
        try {
            CertificateCsv.requireColumns(csv.toString(), CsvRows.parse(Files.readString(csv, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }

    /** The service's row check ({@link CertificateCsv.RowCheck}) as the batch import's validator. */
    static BatchImport.Validator<NewCertificate> rowValidator(LocalDate today) {
        CertificateCsv.RowCheck check = new CertificateCsv.RowCheck(today);
        return row -> {
            try {
                return check.validate(row);
            } catch (CertificateCsv.InvalidRow e) {
                throw new BatchImport.InvalidRow(e.getMessage());
            }
        };
    }

    /** Sends one batch to the service and writes its salts; a batch the ledger had already counts as done. */
    static final class Submitter implements BatchImport.Submitter<NewCertificate> {
        private final ServiceApi api;
        private final SaltsFile salts;

        Submitter(ServiceApi api, SaltsFile salts) {
            this.api = api;
            this.salts = salts;
        }

        @Override
        public void submit(String batchId, List<NewCertificate> items) throws BatchImport.AlreadySubmitted {
            ObjectNode body = Json.mapper().createObjectNode();
            ArrayNode certificates = body.putArray("certificates");
            for (NewCertificate c : items) {
                ObjectNode entry = certificates.addObject().put("number", c.number()).put("occupation", c.occupation())
                        .put("level", c.level()).put("issueDate", c.issueDate())
                        .put("holderName", c.holderName()).put("holderIdNumber", c.holderIdNumber());
                if (c.expiryDate() != null) {
                    entry.put("expiryDate", c.expiryDate());
                }
            }
            JsonNode answer = send(body);
            String ledgerBatch = answer.path("batchId").asText();
            salts.write(answer.path("certificates"), ledgerBatch);
            if ("ALREADY_ISSUED".equals(answer.path("outcome").asText())) {
                throw new BatchImport.AlreadySubmitted("batch " + batchId + " is on the ledger as " + ledgerBatch);
            }
        }

        private JsonNode send(ObjectNode body) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return api.post("/api/v1/certificate-batches", body);
                } catch (ServiceApi.ApiException e) {
                    boolean retry = e.status() == 503 || "MVCC_CONFLICT".equals(e.code());
                    if (!retry || attempt == ATTEMPTS) {
                        throw e;
                    }
                    try {
                        Thread.sleep(2000L * attempt);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }
    }

    /**
     * The salts file the center hands out: {@code certificateNumber,holderSalt,batchId}, mode 0600,
     * appended and forced to disk batch by batch, each number once even when a batch is answered
     * twice. Made at the first answer, so a run refused at validation leaves no file behind.
     */
    static final class SaltsFile implements AutoCloseable {
        static final String HEADER = "certificateNumber,holderSalt,batchId";
        private final Path file;
        private final Set<String> written = new HashSet<>();
        private FileChannel out;

        private SaltsFile(Path file) {
            this.file = file;
        }

        static SaltsFile open(Path file) {
            SaltsFile salts = new SaltsFile(file);
            if (Files.exists(file)) {
                try {
                    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        int comma = line.indexOf(',');
                        if (comma > 0 && !line.startsWith("certificateNumber,")) {
                            salts.written.add(line.substring(0, comma));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the salts file " + file, e);
                }
            }
            return salts;
        }

        synchronized void write(JsonNode certificates, String batchId) {
            StringBuilder lines = new StringBuilder();
            for (JsonNode c : certificates) {
                String number = c.path("number").asText();
                if (written.add(number)) {
                    lines.append(number).append(',').append(c.path("holderSalt").asText()).append(',').append(batchId).append('\n');
                }
            }
            try {
                if (out == null) {
                    boolean fresh = !Files.exists(file);
                    if (fresh) {
                        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    }
                    out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                    if (fresh) {
                        lines.insert(0, HEADER + "\n");
                    }
                }
                out.write(StandardCharsets.UTF_8.encode(lines.toString()));
                out.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the salts file " + file, e);
            }
        }

        @Override
        public void close() {
            try {
                if (out != null) {
                    out.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the salts file " + file, e);
            }
        }
    }
}
