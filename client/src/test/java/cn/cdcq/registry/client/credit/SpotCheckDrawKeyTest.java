package cn.cdcq.registry.client.credit;

import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.credit.SpotCheckDrawing;
import cn.cdcq.registry.common.crypto.Hashes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpotCheckDrawKeyTest {

    static final String DRAW = "90a01c8af6216e66947ce5e062f774f71de1a3cfa21399bdc2418c9f8f97af70";

    @TempDir
    Path dir;

    SpotCheckDrawKey key() {
        return new SpotCheckDrawKey(new ServiceProperties("chengdu", "CD", "ChengduMSP", "laborchannel", "registry",
                new ServiceProperties.Peer("127.0.0.1:1", "peer0-chengdu", Path.of("tls.pem")),
                new ServiceProperties.Ca("https://127.0.0.1:2", "ca-chengdu", Path.of("ca.pem"), Path.of("registrar")),
                dir, Path.of("attestation"), null, new ServiceProperties.Admin("cd-admin", Path.of("pw")), null));
    }

    @Test
    void theKeyIsMadeOnceKeptPrivateAndGivesTheSameContributionAfterARestart() throws Exception {
        SpotCheckDrawKey first = key();
        String contribution = first.contributionHex(DRAW);
        assertThat(SpotCheckDrawing.isContribution(first.publicKeyBase64(), DRAW, Hashes.fromHex(contribution))).isTrue();
        SpotCheckDrawKey restarted = key();
        assertThat(restarted.publicKeyBase64()).isEqualTo(first.publicKeyBase64());
        assertThat(restarted.contributionHex(DRAW)).as("a retried reveal reveals the same value").isEqualTo(contribution);
        assertThat(SpotCheckDrawing.drawKey(first.publicKeyPem())).isEqualTo(first.publicKeyBase64());
        Path file = dir.resolve("spotcheck-draw-key.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(restarted.contributionHex(DRAW.replace('9', '8'))).isNotEqualTo(contribution);
    }

    @Test
    void aDrawIdThatIsNoLedgerIdIsRefused() {
        assertThatThrownBy(() -> key().contributionHex("../../master")).isInstanceOf(InvalidInputException.class);
    }
}
