package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.client.api.CsvRows;
import cn.cdcq.registry.client.api.InvalidRequest;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A training center's CSV of certificates to issue, as the CLI's {@code issue-batch} and the
 * center desk's upload both read it: the columns it must have, and each row checked by the
 * service's own rules ({@link NewCertificate#validated}) plus "a number once per file". One
 * check, so the page and the CLI accept exactly the same files.
 */
public final class CertificateCsv {

    public static final List<String> REQUIRED = List.of("number", "occupation", "level", "issueDate", "holderName", "holderIdNumber");
    public static final String EXPIRY = "expiryDate";

    private CertificateCsv() {
    }

    /** Refuses rows without one of the required columns before any row is looked at ({@code name}: the file, for the message). */
    public static void requireColumns(String name, List<CsvRows.Row> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(name + " has a header but no rows");
        }
        Set<String> columns = rows.get(0).fields().keySet();
        List<String> missing = REQUIRED.stream().filter(c -> !columns.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(name + " lacks the column(s) " + missing + "; its header is " + columns
                    + "; the columns are " + REQUIRED + " and, optionally, " + EXPIRY);
        }
    }

    /** What is wrong with one field of a row (the service's problem code and detail); never the personal data itself. */
    public record Problem(String field, String code, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    /** A row that cannot be issued, with every problem found; the message is "field: reason; field: reason". */
    public static final class InvalidRow extends Exception {
        private final transient List<Problem> problems;

        InvalidRow(List<Problem> problems) {
            super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    /** Checks the rows of one file in order; remembers the numbers seen, so use one per file. */
    public static final class RowCheck {
        private final LocalDate today;
        private final Map<String, Integer> lines = new HashMap<>();

        public RowCheck(LocalDate today) {
            this.today = today;
        }

        public NewCertificate validate(CsvRows.Row row) throws InvalidRow {
            Integer level;
            try {
                level = Integer.valueOf(row.get("level"));
            } catch (NumberFormatException e) {
                throw new InvalidRow(List.of(new Problem("level", "INVALID_LEVEL", "must be a whole number: 1 (高级技师) to 5 (初级工) for a skill level "
                        + "certificate, the grade 1 (正高级) to 5 (员级) for a professional title, 0 for a special vocational ability")));
            }
            String expiry = row.get(EXPIRY);
            NewCertificate entry;
            try {
                entry = new NewCertificate(row.get("number"), row.get("occupation"), level, row.get("issueDate"),
                        expiry.isEmpty() ? null : expiry, row.get("holderName"), row.get("holderIdNumber")).validated("", today);
            } catch (InvalidRequest e) {
                throw new InvalidRow(e.problems().stream().map(p -> new Problem(p.field(), p.code(), p.message())).toList());
            }
            Integer earlier = lines.putIfAbsent(entry.number(), row.line());
            if (earlier != null) {
                throw new InvalidRow(List.of(new Problem("number", "INVALID_CERTIFICATE_NUMBER", entry.number() + " is also on line " + earlier
                        + "; a number is issued once")));
            }
            return entry;
        }
    }
}
