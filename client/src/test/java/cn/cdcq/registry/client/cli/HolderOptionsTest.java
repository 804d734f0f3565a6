package cn.cdcq.registry.client.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HolderOptionsTest {

    static final String DETAILS = "{\"holderName\":\"凭证工人\",\"holderIdNumber\":\"51010119900307123X\",\"holderSalt\":\"00ff\"}";

    @Test
    void theDetailsComeFromAFileOrStandardInputAsTheEndpointsBody(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("holder.json");
        Files.writeString(file, DETAILS);
        assertThat(HolderOptions.read(file.toString(), java.io.InputStream.nullInputStream()).toString())
                .isEqualTo(DETAILS);
        assertThat(HolderOptions.read("-", new ByteArrayInputStream(("  " + DETAILS + "\n").getBytes(StandardCharsets.UTF_8)))
                .path("holderIdNumber").asText()).isEqualTo("51010119900307123X");
    }

    @Test
    void aMissingFieldIsNamedAndTheTextIsNeverEchoed() {
        String noSalt = "{\"holderName\":\"凭证工人\",\"holderIdNumber\":\"51010119900307123X\"}";
        assertThatThrownBy(() -> HolderOptions.read("-", stream(noSalt)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--holder: holderSalt is missing or empty");
        assertThatThrownBy(() -> HolderOptions.read("-", stream("凭证工人,51010119900307123X,00ff")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("51010119900307123X")
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> HolderOptions.read("/no/such/holder.json", java.io.InputStream.nullInputStream()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--holder: no file /no/such/holder.json");
    }

    @Test
    void theOldCommandLineOptionsAreGone() {
        StringWriter err = new StringWriter();
        int exit = RegistryCli.commandLine().setErr(new PrintWriter(err)).execute("verify", "S000150000001264000001",
                "--holder-name", "凭证工人", "--holder-id", "51010119900307123X", "--holder-salt", "00ff");
        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Unknown option");
    }

    private static java.io.InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
