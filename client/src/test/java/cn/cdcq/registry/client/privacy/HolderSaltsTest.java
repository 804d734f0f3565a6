package cn.cdcq.registry.client.privacy;

import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import cn.cdcq.registry.common.privacy.Holder.HolderDetails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class HolderSaltsTest {

    private static final String ID = "51010119900101123" + ResidentIdNumber.checkCharacter("51010119900101123");
    private static final String NUMBER = "S000151000001264000001";

    @TempDir
    Path dir;

    HolderSalts salts(Path dataDir) {
        return new HolderSalts(new ServiceProperties("chengdu", "CD", "ChengduMSP", "laborchannel", "registry",
                new ServiceProperties.Peer("127.0.0.1:1", "peer0", Path.of("tls.pem")),
                new ServiceProperties.Ca("https://127.0.0.1:2", "ca", Path.of("ca.pem"), Path.of("registrar")),
                dataDir, Path.of("attestation"), null, new ServiceProperties.Admin("cd-admin", Path.of("pw")), null));
    }

    @Test
    void aRetryGetsTheSameSaltHoweverTheDetailsWereTyped() {
        HolderSalts salts = salts(dir);
        byte[] salt = salts.saltFor("CD", NUMBER, new HolderDetails("王小明", ID));
        assertThat(salt).hasSize(32);
        assertThat(salts.saltFor("CD", NUMBER, new HolderDetails(" 王小明 ", ID.toLowerCase()))).isEqualTo(salt);
        assertThat(salts(dir).saltFor("CD", NUMBER, new HolderDetails("王小明", ID))).as("after a restart").isEqualTo(salt);
    }

    @Test
    void everyCertificateHolderAndRegionHasItsOwnSaltAndAnotherServiceCannotDeriveIt() throws Exception {
        HolderSalts salts = salts(dir);
        byte[] salt = salts.saltFor("CD", NUMBER, new HolderDetails("王小明", ID));
        assertThat(salts.saltFor("CD", "S000151000001264000002", new HolderDetails("王小明", ID))).isNotEqualTo(salt);
        assertThat(salts.saltFor("CD", NUMBER, new HolderDetails("王小红", ID))).isNotEqualTo(salt);
        assertThat(salts.saltFor("CQ", NUMBER, new HolderDetails("王小明", ID))).isNotEqualTo(salt);
        assertThat(salts(Files.createDirectory(dir.resolve("other-region"))).saltFor("CD", NUMBER,
                new HolderDetails("王小明", ID))).isNotEqualTo(salt);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("holder-salt.secret"))))
                .isEqualTo("rw-------");
    }
}
