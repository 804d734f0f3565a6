package cn.cdcq.registry.client;

import cn.cdcq.registry.common.ErrorCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service meets the chaincode on registry-common's names, never on string literals
 * (docs/design.md §6): contract and transaction names from the {@code *Transactions} classes,
 * event names from the {@code *Events} classes, shared refusal codes from {@link ErrorCode}. A
 * literal copy compiles and works until one side renames; this test finds such copies in the
 * service's sources (comments aside).
 */
class BoundaryNamesTest {

    private static final Path CLIENT_SOURCES = Path.of("src/main/java");
    private static final Path COMMON_SOURCES = Path.of("../chaincode/common/src/main/java");
    private static final Pattern CONSTANT = Pattern.compile("public static final String (\\w+) = \"([^\"]+)\";");
    /** A gateway call whose contract or transaction argument is a literal. */
    private static final Pattern LITERAL_CALL = Pattern.compile(
            "\\.(?:evaluate|submit|submitCommitted)\\(\\s*(?:\"[^\"]*\"|[\\w.]+\\s*,\\s*\"[^\"]*\")");
    /** A string or char literal, a block comment or a line comment, whichever starts first. */
    private static final Pattern TOKEN = Pattern.compile("(?s)\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|/\\*.*?\\*/|//[^\\n]*");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static final Set<String> eventNames = new HashSet<>();
    private static final Set<String> errorCodes = new HashSet<>();
    private static final List<Path> sources = new ArrayList<>();

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> files = Files.walk(COMMON_SOURCES)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("Events.java")).toList()) {
                Matcher m = CONSTANT.matcher(Files.readString(f));
                while (m.find()) {
                    eventNames.add(m.group(2));
                }
            }
        }
        Arrays.stream(ErrorCode.values()).map(Enum::name).forEach(errorCodes::add);
        try (Stream<Path> files = Files.walk(CLIENT_SOURCES)) {
            sources.addAll(files.filter(p -> p.toString().endsWith(".java")).sorted().toList());
        }
        assertThat(eventNames).as("event names read from %s", COMMON_SOURCES).hasSizeGreaterThan(20);
        assertThat(sources).as("service sources under %s", CLIENT_SOURCES).hasSizeGreaterThan(50);
    }

    @Test
    void everyGatewayCallNamesItsContractAndTransactionByConstant() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path f : sources) {
            Matcher m = LITERAL_CALL.matcher(code(f));
            while (m.find()) {
                found.add(f.getFileName() + ": " + m.group());
            }
        }
        assertThat(found).as("use the *Transactions constants of registry-common").isEmpty();
    }

    @Test
    void noEventNameOrSharedErrorCodeIsWrittenAsALiteral() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path f : sources) {
            Matcher m = STRING.matcher(code(f));
            while (m.find()) {
                String literal = m.group(1);
                if (eventNames.contains(literal)) {
                    found.add(f.getFileName() + ": event \"" + literal + "\" (use the *Events constant)");
                } else if (errorCodes.contains(literal)) {
                    found.add(f.getFileName() + ": code \"" + literal + "\" (use ErrorCode." + literal + ")");
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void theScanFindsALiteralWhereThereIsOne() {
        // The patterns themselves, on a line written the way this test forbids.
        String sample = "gateway.evaluate(CONTRACT, \"getCertificate\", n); x.equals(\"CertificateIssued\"); \"FORBIDDEN\"";
        assertThat(LITERAL_CALL.matcher(sample).find()).isTrue();
        List<String> literals = new ArrayList<>();
        Matcher m = STRING.matcher(sample);
        while (m.find()) {
            literals.add(m.group(1));
        }
        assertThat(literals).contains("CertificateIssued", "FORBIDDEN");
        assertThat(eventNames).contains("CertificateIssued");
    }

    @Test
    void commentsAreLeftOutButAStringThatLooksLikeOneIsNot(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path f = dir.resolve("Sample.java");
        Files.writeString(f, "// \"FORBIDDEN\" in a comment\nString p = \"/api/*\"; /* \"NOT_FOUND\" */ String c = \"CONFLICT\"; // */\n");
        String code = code(f);
        assertThat(code).contains("\"/api/*\"", "\"CONFLICT\"").doesNotContain("FORBIDDEN", "NOT_FOUND");
    }

    /**
     * The file without its comments. Strings are matched first so that a "/*" or "//" inside one
     * (a URL pattern, say) does not swallow the code after it.
     */
    private static String code(Path f) throws IOException {
        Matcher m = TOKEN.matcher(Files.readString(f));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, m.group().startsWith("\"") ? Matcher.quoteReplacement(m.group()) : " ");
        }
        return m.appendTail(out).toString();
    }
}
