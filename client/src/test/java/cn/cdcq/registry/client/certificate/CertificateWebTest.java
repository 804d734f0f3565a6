package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import cn.cdcq.registry.common.format.Uscc;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** What the certificate controllers' slice tests share: the Chengdu service's configuration and sample values. */
final class CertificateWebTest {

    static final byte[] PEPPER = "a-consortium-pepper-of-32-bytes!".getBytes(StandardCharsets.US_ASCII);
    static final String CENTER = uscc("52510100MJ0000001");
    static final String OTHER_CENTER = uscc("52510100MJ0000009");
    static final String ID = "51010119900101123" + ResidentIdNumber.checkCharacter("51010119900101123");
    static final String NAME = "王小明";
    /** Level 4, serial 1. */
    static final String NUMBER = number(4, 1);
    static final String TX = "a".repeat(64);

    private CertificateWebTest() {
    }

    static String uscc(String first17) {
        return first17 + Uscc.checkCharacter(first17);
    }

    static String number(int level, int serial) {
        return String.format("S00015100000126%d%06d", level, serial);
    }

    static String entryJson(String number, int level, String name, String id) {
        return "{\"number\":\"" + number + "\",\"occupation\":\"4-04-05-01\",\"level\":" + level
                + ",\"issueDate\":\"2025-06-01\",\"holderName\":\"" + name + "\",\"holderIdNumber\":\"" + id + "\"}";
    }

    /** The Chengdu service with a pepper and a data folder of its own (for the holder-salt secret). */
    @TestConfiguration
    static class Region {
        @Bean
        ServiceProperties properties() {
            try {
                Path dir = Files.createTempDirectory("certificate-web-test");
                Path pepper = dir.resolve("consortium.pepper");
                Files.writeString(pepper, Base64.getEncoder().encodeToString(PEPPER));
                return new ServiceProperties("chengdu", "CD", "ChengduMSP", "laborchannel", "registry",
                        new ServiceProperties.Peer("127.0.0.1:1", "peer0-chengdu", Path.of("tls.pem")),
                        new ServiceProperties.Ca("https://127.0.0.1:2", "ca-chengdu", Path.of("ca.pem"), Path.of("registrar")),
                        dir, Path.of("attestation"), pepper, new ServiceProperties.Admin("cd-admin", Path.of("pw")), null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
