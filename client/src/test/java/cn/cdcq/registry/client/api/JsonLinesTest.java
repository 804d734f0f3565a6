package cn.cdcq.registry.client.api;

import cn.cdcq.registry.common.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class JsonLinesTest {

    record Rec(int n, String name) {
    }

    @TempDir
    Path dir;

    private static List<Integer> read(Path file, List<JsonLines> opened) throws Exception {
        List<Integer> ns = new ArrayList<>();
        opened.add(JsonLines.open(file, text -> Json.read(text, Rec.class), rec -> ns.add(rec.n())));
        return ns;
    }

    private static List<Integer> readAndClose(Path file) throws Exception {
        List<JsonLines> opened = new ArrayList<>();
        List<Integer> ns = read(file, opened);
        opened.get(0).close();
        return ns;
    }

    @Test
    void aTornLastLineIsCutOffSoTheNextRecordIsNotGluedOntoIt(CapturedOutput output) throws Exception {
        Path file = dir.resolve("records.jsonl");
        String complete = "{\"n\":1,\"name\":\"Zhang San\"}\n{\"n\":2,\"name\":\"Li Si\"}\n";
        String torn = "{\"n\":3,\"name\":\"Wang";
        Files.writeString(file, complete + torn);

        List<JsonLines> opened = new ArrayList<>();
        assertThat(read(file, opened)).containsExactly(1, 2);
        JsonLines lines = opened.get(0);
        assertThat(lines.dropped()).isEqualTo(torn.length());
        assertThat(lines.skipped()).isZero();
        assertThat(Files.size(file)).as("cut back to the last complete line").isEqualTo(complete.length());
        lines.append(Json.write(new Rec(4, "Zhao Liu")));
        lines.close();

        assertThat(readAndClose(file)).containsExactly(1, 2, 4);
        assertThat(Files.readString(file)).isEqualTo(complete + "{\"n\":4,\"name\":\"Zhao Liu\"}\n");
        assertThat(output.getOut() + output.getErr()).contains("WARN").contains(file.toString())
                .contains(torn.length() + " bytes").doesNotContain("Wang");
    }

    @Test
    void aLineTornInsideAMultiByteCharacterIsCutOffToo() throws Exception {
        Path file = dir.resolve("records.jsonl");
        byte[] name = "{\"n\":2,\"name\":\"张三\"}".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("{\"n\":1,\"name\":\"李四\"}\n".getBytes(StandardCharsets.UTF_8));
        long complete = bytes.size();
        bytes.write(name, 0, name.length - 4); // inside the three bytes of 三
        Files.write(file, bytes.toByteArray());

        assertThat(readAndClose(file)).containsExactly(1);
        assertThat(Files.size(file)).isEqualTo(complete);
    }

    @Test
    void aCompleteLineThatDoesNotParseIsSkippedCountedAndNamedByLineNumberOnly(CapturedOutput output) throws Exception {
        Path file = dir.resolve("records.jsonl");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(("{\"n\":1,\"name\":\"a\"}\n"
                + "{\"n\":\"secret-garbage\"\n"
                + "\n"
                + "{\"n\":3,\"name\":\"c\"}\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {'{', '"', (byte) 0xC3, '"', '}', '\n'}); // not UTF-8
        bytes.writeBytes("{\"n\":5,\"name\":\"e\"}\n".getBytes(StandardCharsets.UTF_8));
        Files.write(file, bytes.toByteArray());

        List<JsonLines> opened = new ArrayList<>();
        assertThat(read(file, opened)).containsExactly(1, 3, 5);
        JsonLines lines = opened.get(0);
        assertThat(lines.skipped()).isEqualTo(2);
        assertThat(lines.dropped()).isZero();
        lines.append(Json.write(new Rec(6, "f")));
        lines.close();
        assertThat(Files.size(file)).isEqualTo(bytes.size() + "{\"n\":6,\"name\":\"f\"}\n".length());
        assertThat(readAndClose(file)).containsExactly(1, 3, 5, 6);

        String log = output.getOut() + output.getErr();
        assertThat(log).contains("WARN").contains(file.toString()).contains("2 unreadable line(s)").contains("[2, 5]")
                .doesNotContain("secret-garbage");
    }

    @Test
    void aMissingFileIsCreatedAndAnEmptyOneReadsAsNothing() throws Exception {
        Path missing = dir.resolve("missing.jsonl");
        List<JsonLines> opened = new ArrayList<>();
        assertThat(read(missing, opened)).isEmpty();
        assertThat(Files.size(missing)).isZero();
        opened.get(0).append(Json.write(new Rec(1, "a")));
        opened.get(0).close();
        assertThat(readAndClose(missing)).containsExactly(1);

        Path empty = Files.createFile(dir.resolve("empty.jsonl"));
        opened.clear();
        assertThat(read(empty, opened)).isEmpty();
        assertThat(opened.get(0).dropped()).isZero();
        assertThat(opened.get(0).skipped()).isZero();
        opened.get(0).close();
        assertThat(Files.size(empty)).isZero();
    }

    @Test
    void aFileOfOnlyATornLineIsEmptied() throws Exception {
        Path file = dir.resolve("records.jsonl");
        Files.writeString(file, "{\"n\":1,\"na");
        assertThat(readAndClose(file)).isEmpty();
        assertThat(Files.size(file)).isZero();
    }

    @Test
    void createEmptiesAnExistingFile() throws Exception {
        Path file = dir.resolve("rebuild.jsonl");
        Files.writeString(file, "{\"n\":1,\"name\":\"a\"}\n{\"n\":2,\"na");
        try (JsonLines lines = JsonLines.create(file)) {
            lines.append(Json.write(new Rec(3, "c")));
            lines.sync();
        }
        assertThat(Files.readString(file)).isEqualTo("{\"n\":3,\"name\":\"c\"}\n");
    }

    @Test
    void aRecordWithALineBreakIsRefusedAndNothingIsWritten() throws Exception {
        Path file = dir.resolve("records.jsonl");
        try (JsonLines lines = JsonLines.create(file)) {
            assertThatThrownBy(() -> lines.append("{\"n\":1}\n{\"n\":2}")).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Files.size(file)).isZero();
    }
}
