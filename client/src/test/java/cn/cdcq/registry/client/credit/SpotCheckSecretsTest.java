package cn.cdcq.registry.client.credit;

import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.common.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpotCheckSecretsTest {

    static final String DRAW = "90a01c8af6216e66947ce5e062f774f71de1a3cfa21399bdc2418c9f8f97af70";

    @TempDir
    Path dir;

    SpotCheckSecrets secrets() {
        return new SpotCheckSecrets(new ServiceProperties("chengdu", "CD", "ChengduMSP", "laborchannel", "registry",
                new ServiceProperties.Peer("127.0.0.1:1", "peer0-chengdu", Path.of("tls.pem")),
                new ServiceProperties.Ca("https://127.0.0.1:2", "ca-chengdu", Path.of("ca.pem"), Path.of("registrar")),
                dir, Path.of("attestation"), null, new ServiceProperties.Admin("cd-admin", Path.of("pw"))));
    }

    @Test
    void aDrawsSecretIsMadeOnceKeptPrivateAndFoundAgainAfterARestart() throws Exception {
        String secret = secrets().secretFor(DRAW);
        assertThat(secret).matches("[0-9a-f]{64}");
        assertThat(secrets().secretFor(DRAW)).as("a retried commit commits to the same secret").isEqualTo(secret);
        assertThat(secrets().find(DRAW)).contains(secret);
        Path file = dir.resolve("spotcheck-secrets").resolve(DRAW + ".secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(secrets().secretFor(DRAW.replace('9', '8'))).isNotEqualTo(secret);
    }

    @Test
    void aDrawIdThatIsNoLedgerIdNeverBecomesAPath() {
        assertThatThrownBy(() -> secrets().secretFor("../../master")).isInstanceOf(InvalidInputException.class);
        assertThat(secrets().find(DRAW)).isEmpty();
    }
}
