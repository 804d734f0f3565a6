package cn.cdcq.registry.client.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyVaultTest {

    @TempDir
    Path dir;

    @Test
    void theMasterSecretIsMadeOnceReadableOnlyByTheOwnerAndKeysSurviveAReopen() throws Exception {
        Path secret = dir.resolve("master.secret");
        String sealed = KeyVault.open(secret).encrypt("-----BEGIN PRIVATE KEY-----".getBytes(StandardCharsets.UTF_8), "cd-ins-1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(sealed).startsWith("v1:").doesNotContain("PRIVATE");
        assertThat(new String(KeyVault.open(secret).decrypt(sealed, "cd-ins-1"), StandardCharsets.UTF_8))
                .isEqualTo("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void aKeyDoesNotDecryptForAnotherAccountUnderAnotherSecretOrWhenAltered() {
        KeyVault vault = KeyVault.open(dir.resolve("a.secret"));
        String sealed = vault.encrypt(new byte[] {1, 2, 3}, "cd-ins-1");
        assertThatThrownBy(() -> vault.decrypt(sealed, "cd-ins-2")).hasMessageContaining("cd-ins-2");
        assertThatThrownBy(() -> KeyVault.open(dir.resolve("b.secret")).decrypt(sealed, "cd-ins-1"))
                .hasMessageContaining("wrong master secret");
        char[] chars = sealed.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> vault.decrypt(new String(chars), "cd-ins-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void twoEncryptionsOfTheSameKeyDiffer() {
        KeyVault vault = KeyVault.open(dir.resolve("c.secret"));
        assertThat(vault.encrypt(new byte[] {7}, "x")).isNotEqualTo(vault.encrypt(new byte[] {7}, "x"));
    }
}
