package cn.cdcq.registry.client.privacy;

import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.privacy.Holder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HolderPseudonymsTest {

    @TempDir
    Path dir;

    ServiceProperties with(Path pepperFile) {
        return new ServiceProperties("chengdu", "CD", "ChengduMSP", "laborchannel", "registry",
                new ServiceProperties.Peer("127.0.0.1:1", "peer0", Path.of("tls.pem")),
                new ServiceProperties.Ca("https://127.0.0.1:2", "ca", Path.of("ca.pem"), Path.of("registrar")),
                dir, Path.of("attestation"), pepperFile, new ServiceProperties.Admin("cd-admin", Path.of("pw")), null);
    }

    @Test
    void thePseudonymIsTheSharedHolderFunctionUnderThePepperFromTheFile() throws Exception {
        byte[] pepper = new byte[32];
        pepper[0] = 7;
        Path file = dir.resolve("consortium.pepper");
        Files.writeString(file, Base64.getEncoder().encodeToString(pepper) + "\n");
        HolderPseudonyms pseudonyms = new HolderPseudonyms(with(file));
        String id = "11010519491231002X";
        assertThat(pseudonyms.pseudonym(id)).isEqualTo(Holder.pseudonym(pepper, id)).hasSize(64);
        assertThatThrownBy(() -> pseudonyms.pseudonym("110105194912310021")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aShortOrMissingPepperIsRefused() throws Exception {
        Path file = dir.resolve("short.pepper");
        Files.writeString(file, Base64.getEncoder().encodeToString(new byte[8]));
        assertThatThrownBy(() -> new HolderPseudonyms(with(file))).hasMessageContaining("at least 16");
        assertThatThrownBy(() -> new HolderPseudonyms(with(null)).pseudonym("11010519491231002X"))
                .hasMessageContaining("no consortium pepper");
    }
}
