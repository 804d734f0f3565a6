package cn.cdcq.registry.client.web;

import cn.cdcq.registry.client.config.ServiceProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.nio.file.Path;

/** What the page controllers' slice tests share: the Chengdu service's configuration and the pages' own beans. */
public final class PageSlices {

    private PageSlices() {
    }

    @TestConfiguration
    @Import({PageSecurityConfiguration.class, cn.cdcq.registry.client.web.SecurityConfiguration.class,
            PageProblems.class, PageFormats.class})
    public static class Chengdu {
        @Bean
        ServiceProperties properties() {
            return new ServiceProperties("chengdu", "CD", "ChengduMSP", "laborchannel", "registry",
                    new ServiceProperties.Peer("127.0.0.1:1", "peer0-chengdu", Path.of("tls.pem")),
                    new ServiceProperties.Ca("https://127.0.0.1:2", "ca-chengdu", Path.of("ca.pem"), Path.of("registrar")),
                    Path.of("data"), Path.of("attestation"), Path.of("consortium.pepper"), new ServiceProperties.Admin("cd-admin", Path.of("pw")), null);
        }
    }
}
