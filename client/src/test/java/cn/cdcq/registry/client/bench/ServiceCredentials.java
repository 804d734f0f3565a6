package cn.cdcq.registry.client.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Properties;

/**
 * The HTTP Basic header of a region's bureau administrator (from services.properties). The
 * benchmarks send it on their public verification requests: a signed-in caller is not counted
 * by the public endpoints' per-address limit (registry.limits.public-*), which would otherwise
 * measure the limit instead of the service. The password is checked once with BCrypt and then
 * against the service's in-memory HMAC, so the header costs microseconds per request.
 */
final class ServiceCredentials {

    private ServiceCredentials() {
    }

    static String basic(Properties services, String region) throws IOException {
        String account = services.getProperty(region + ".adminAccount");
        String passwordFile = services.getProperty(region + ".adminPasswordFile");
        if (account == null || passwordFile == null) {
            throw new IllegalStateException("services.properties names no " + region + ".adminAccount / adminPasswordFile");
        }
        String password = Files.readString(Path.of(passwordFile)).trim();
        return "Basic " + Base64.getEncoder().encodeToString((account + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
