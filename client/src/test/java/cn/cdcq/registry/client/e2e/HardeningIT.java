package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.fabric.MspIdentity;
import cn.cdcq.registry.client.identity.FabricCaClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service's own hardening on the real network (issue 16 item 8): the CA registrar it uses may
 * register only client identities with the registry's attributes; every key and secret file of
 * the data folder is for its owner only and the master secret lies apart from the encrypted
 * keys; health details only for a signed-in bureau administrator; the public endpoints' limit
 * per address; the back-off after failed logins.
 */
class HardeningIT {

    static E2eServices services;
    static Properties network = new Properties();
    static Path data;
    static final String SITE = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    @BeforeAll
    static void connect() throws IOException {
        services = new E2eServices();
        Path networkFile = Path.of(System.getProperty("e2e.network"));
        try (Reader r = Files.newBufferedReader(networkFile, StandardCharsets.UTF_8)) {
            network.load(r);
        }
        data = networkFile.getParent();
    }

    @AfterAll
    static void letTheLimitRecover() throws Exception {
        // The limit test used up this address's public requests: the next suite's tests must not
        // meet it, so wait out the period (the test itself checks that the address recovers).
        Thread.sleep((limit("public-period-seconds", 10) + 1) * 1000L);
    }

    @Test
    void theServicesRegistrarMayRegisterOnlyClientsWithTheRegistrysAttributes() throws Exception {
        FabricCaClient ca = new FabricCaClient(network.getProperty("chengdu.caUrl"), network.getProperty("chengdu.caName"),
                Path.of(network.getProperty("chengdu.caCert")));
        MspIdentity registrar = MspIdentity.load(network.getProperty("chengdu.mspId"),
                Path.of(serviceYaml("chengdu", "registrar-msp")));
        assertThat(registrar.certificate().getSubjectX500Principal().getName()).contains("service-registrar");

        // What the service does every day: a client with role and inspectorId.
        ca.register(registrar, "hard-client-" + SITE, E2eServices.randomPassword(),
                Map.of("role", "inspector", "inspectorId", "CD-INS-H" + SITE.toUpperCase()));
        // What it may not do.
        assertThatThrownBy(() -> ca.register(registrar, "hard-peer-" + SITE, E2eServices.randomPassword(), "peer", Map.of()))
                .isInstanceOf(FabricCaClient.CaException.class).hasMessageContaining("refused");
        assertThatThrownBy(() -> ca.register(registrar, "hard-admin-" + SITE, E2eServices.randomPassword(), "admin", Map.of()))
                .isInstanceOf(FabricCaClient.CaException.class).hasMessageContaining("refused");
        assertThatThrownBy(() -> ca.register(registrar, "hard-registrar-" + SITE, E2eServices.randomPassword(),
                Map.of("hf.Registrar.Roles", "client")))
                .isInstanceOf(FabricCaClient.CaException.class).hasMessageContaining("refused");
        assertThatThrownBy(() -> ca.register(registrar, "hard-revoker-" + SITE, E2eServices.randomPassword(),
                Map.of("hf.Revoker", "true")))
                .isInstanceOf(FabricCaClient.CaException.class).hasMessageContaining("refused");

        // The control: the CA's bootstrap administrator (the operator's, not the service's) may.
        MspIdentity bootstrap = MspIdentity.load(network.getProperty("chengdu.mspId"),
                Path.of(network.getProperty("chengdu.caRegistrarDir")).resolve("msp"));
        ca.register(bootstrap, "hard-peer-ok-" + SITE, E2eServices.randomPassword(), "peer", Map.of());
    }

    @Test
    void everyKeyAndSecretFileIsForItsOwnerOnlyAndTheMasterSecretLiesApart() throws Exception {
        List<String> open = new ArrayList<>();
        AtomicInteger checked = new AtomicInteger();
        try (Stream<Path> files = Files.walk(data)) {
            files.filter(Files::isRegularFile).filter(HardeningIT::isKeyOrSecret).forEach(f -> {
                checked.incrementAndGet();
                try {
                    Set<PosixFilePermission> p = Files.getPosixFilePermissions(f);
                    if (p.stream().anyMatch(EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE)::contains)) {
                        open.add(data.relativize(f) + " " + java.nio.file.attribute.PosixFilePermissions.toString(p));
                    }
                } catch (IOException e) {
                    open.add(f + " unreadable: " + e.getMessage());
                }
            });
        }
        assertThat(checked.get()).as("key and secret files found under %s", data).isGreaterThan(30);
        assertThat(open).as("key or secret files others may read").isEmpty();

        for (String region : List.of("chengdu", "chongqing")) {
            Path secret = Path.of(serviceYaml(region, "master-secret-file"));
            Path serviceData = Path.of(serviceYaml(region, "data-dir"));
            assertThat(secret).isRegularFile();
            assertThat(secret.toAbsolutePath().startsWith(serviceData.toAbsolutePath()))
                    .as("%s's master secret %s inside its data folder %s", region, secret, serviceData).isFalse();
            assertThat(serviceData.resolve("master.secret")).doesNotExist();
        }
    }

    @Test
    void healthDetailsOnlyForTheBureauAdministrator() throws Exception {
        E2eServices.Service admin = services.admin("chengdu");
        E2eServices.Answer anonymous = services.get(admin.anonymous(), "/actuator/health");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body().path("status").asText()).isEqualTo("UP");
        assertThat(anonymous.body().has("components")).as("anonymous health: %s", anonymous.body()).isFalse();

        E2eServices.Answer signedIn = services.get(admin, "/actuator/health");
        assertThat(signedIn.body().path("components").has("peer")).as("administrator's health: %s", signedIn.body()).isTrue();

        E2eServices.Service bureau = services.createAccount(admin, "cd-hard-bureau-" + SITE, "BUREAU", null, null);
        assertThat(services.get(bureau, "/actuator/health").body().has("components")).as("a bureau clerk's health").isFalse();
    }

    @Test
    void anAddressThatGoesOverThePublicLimitIsRefusedWithRetryAfterAndRecovers() throws Exception {
        int limit = limit("public-requests", 300);
        int period = limit("public-period-seconds", 10);
        E2eServices.Service admin = services.admin("chongqing");
        E2eServices.Service anonymous = admin.anonymous();
        // A malformed number: refused by the service's input check, so the burst costs no ledger read.
        String path = "/api/v1/public/certificates/NOT-A-NUMBER/verification";
        // 8 clients send until the limit answers (or 6 × the limit went out: then it never will).
        int most = 6 * limit;
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<E2eServices.Answer> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long start = System.nanoTime();
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> {
                    while (refusals.size() < 3 && sent.incrementAndGet() <= most) {
                        E2eServices.Answer a = services.get(anonymous, path);
                        statuses.computeIfAbsent(a.status(), s -> new AtomicInteger()).incrementAndGet();
                        if (a.status() == 429) {
                            refusals.add(a);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int total = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
        int passed = total - statuses.getOrDefault(429, new AtomicInteger()).get();
        System.out.printf("public limit %d per %d s: %d requests in %.1f s, statuses %s%n", limit, period, total,
                seconds, statuses);
        assertThat(statuses).as("statuses of %d requests in %.1f s", total, seconds).containsKey(429);
        // Fixed windows: the requests let through are at most the limit in each window the burst touched.
        assertThat(passed).as("requests let through in %.1f s", seconds)
                .isLessThanOrEqualTo(limit * ((int) (seconds / period) + 2));
        assertThat(statuses.keySet()).as("nothing but the input check's refusal and the limit's")
                .allMatch(s -> s == 429 || (s >= 400 && s < 500));
        E2eServices.Answer refused = refusals.get(0);
        assertThat(refused.body().path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(refused.headers().get("retry-after")).containsExactly(Integer.toString(period));

        // A signed-in caller is not counted against the address.
        assertThat(services.get(admin, path).status()).isNotEqualTo(429);
        // The address recovers when the period is over.
        Thread.sleep((period + 1) * 1000L);
        assertThat(services.get(anonymous, path).status()).isNotEqualTo(429);
    }

    @Test
    void wrongPasswordsBackOffTheAccountEvenForTheRightPassword() throws Exception {
        int failures = limit("failed-logins", 5);
        E2eServices.Service admin = services.admin("chengdu");
        E2eServices.Service clerk = services.createAccount(admin, "cd-hard-backoff-" + SITE, "BUREAU", null, null);
        assertThat(services.get(clerk, "/api/v1/whoami").status()).isEqualTo(200);
        for (int i = 0; i < failures; i++) {
            assertThat(services.get(clerk.as(clerk.user(), "wrong-" + i), "/api/v1/whoami").status()).isEqualTo(401);
        }
        E2eServices.Answer locked = services.get(clerk, "/api/v1/whoami");
        assertThat(locked.status()).as("the right password after %d wrong ones: %s", failures, locked).isEqualTo(429);
        assertThat(locked.body().path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(locked.headers()).containsKey("retry-after");
        // Another account is not touched.
        assertThat(services.get(admin, "/api/v1/whoami").status()).isEqualTo(200);
    }

    /**
     * TLS on the service's listener, once: a second Chengdu service (its own port, data folder and
     * administrator; anchoring off) started from the same jar and configuration plus
     * {@code server.ssl.*} with the TLS certificate the region's CA issued for it. It answers over
     * HTTPS with that certificate (on the region's address from its configuration, 127.0.0.1 or the
     * split layout's 127.0.1.1, the hostname verified against the region's TLS root), not
     * over plain HTTP, and its session cookie is Secure. Stopped at the end by its PID.
     */
    @Test
    void withServerSslTheServiceAnswersOnlyOverTlsWithTheRegionsCertificate() throws Exception {
        Path tls = Path.of(network.getProperty("chengdu.usersDir")).resolve("service-tls/tls");
        String host = serviceYaml("chengdu", "address");
        Path dir = Files.createTempDirectory("hardening-tls");
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Files.writeString(dir.resolve("admin.password"), E2eServices.randomPassword());
        Files.writeString(dir.resolve("tls.yml"), String.join("\n",
                "server:",
                "  port: " + port,
                "  ssl:",
                "    enabled: true",
                "    certificate: " + tls.resolve("signcerts/cert.pem"),
                "    certificate-private-key: " + tls.resolve("keystore/key.pem"),
                "registry:",
                "  data-dir: " + dir.resolve("state"),
                "  master-secret-file: " + dir.resolve("master.secret"),
                "  admin:",
                "    account: cd-tls-" + SITE,
                "    password-file: " + dir.resolve("admin.password"),
                "  anchor:",
                "    enabled: false",
                ""));
        Path config = Path.of(services.services.getProperty("chengdu.config"));
        Path jar = config.getParent().resolve("service/chengdu/registry-service.jar");
        Path log = dir.resolve("service.log");
        Process service = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Xms64m", "-Xmx320m", "-XX:+UseSerialGC", "-jar", jar.toString(),
                "--spring.config.additional-location=file:" + config + ",file:" + dir.resolve("tls.yml"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            javax.net.ssl.SSLContext trust = trusting(Path.of(network.getProperty("chengdu.tlsCaCert")));
            java.net.http.HttpClient https = java.net.http.HttpClient.newBuilder().sslContext(trust)
                    .connectTimeout(java.time.Duration.ofSeconds(5)).build();
            java.net.URI ready = java.net.URI.create("https://" + host + ":" + port + "/actuator/health/readiness");
            java.net.http.HttpResponse<String> answer = null;
            long end = System.nanoTime() + java.time.Duration.ofSeconds(300).toNanos();
            while (System.nanoTime() < end && service.isAlive()) {
                try {
                    answer = https.send(java.net.http.HttpRequest.newBuilder(ready).timeout(java.time.Duration.ofSeconds(5)).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(1000);
            }
            assertThat(service.isAlive()).as("the TLS service is running; its log:%n%s", tail(log)).isTrue();
            assertThat(answer).as("the TLS service became ready in 300 s; its log:%n%s", tail(log)).isNotNull();
            assertThat(answer.statusCode()).as("readiness over HTTPS").isEqualTo(200);
            java.security.cert.X509Certificate served = (java.security.cert.X509Certificate)
                    answer.sslSession().orElseThrow().getPeerCertificates()[0];
            assertThat(served.getSubjectX500Principal().getName()).contains("CN=service-tls");

            java.net.http.HttpResponse<String> login = https.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("https://" + host + ":" + port + "/login")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(login.headers().allValues("set-cookie")).as("the session cookie over TLS")
                    .anyMatch(c -> c.startsWith("CDCQ_SESSION_CD=") && c.contains("Secure") && c.contains("HttpOnly"));

            // Plain HTTP on the same port: no answer of the service (Tomcat says 400 "requires TLS", or closes).
            int plain;
            try {
                plain = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://" + host + ":" + port + "/actuator/health/readiness"))
                        .timeout(java.time.Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
            } catch (IOException refused) {
                plain = -1;
            }
            assertThat(plain).as("plain HTTP on the TLS port").isNotEqualTo(200);
        } finally {
            service.destroy();
            if (!service.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static javax.net.ssl.SSLContext trusting(Path caPem) throws Exception {
        java.security.KeyStore store = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
        store.load(null, null);
        try (var in = Files.newInputStream(caPem)) {
            store.setCertificateEntry("region-tls-root", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static final Pattern KEY_NAMES = Pattern.compile(
            "(.*_sk|key\\.pem|.*\\.key|.*\\.secret|.*\\.password|.*\\.pepper|Issuer(Secret|RevocationPrivate)Key|fabric-ca-server\\.db)");

    private static boolean isKeyOrSecret(Path f) {
        String name = f.getFileName().toString();
        if (KEY_NAMES.matcher(name).matches()) {
            return true;
        }
        Path parent = f.getParent();
        return parent != null && (parent.getFileName().toString().equals("keystore")
                || parent.getFileName().toString().equals("accounts") || parent.getFileName().toString().equals("secrets"));
    }

    /** A value of the region's service configuration (DATA/service-REGION.yml, written by scripts/start.sh). */
    private static String serviceYaml(String region, String key) throws IOException {
        String yml = Files.readString(Path.of(services.services.getProperty(region + ".config")));
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + ":\\s*(\\S+)\\s*$").matcher(yml);
        if (!m.find()) {
            throw new AssertionError("no " + key + " in " + region + "'s service configuration");
        }
        return m.group(1);
    }

    private static int limit(String key, int fallback) throws IOException {
        String yml = Files.readString(Path.of(services.services.getProperty("chongqing.config")));
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + ":\\s*(\\d+)\\s*$").matcher(yml);
        return m.find() ? Integer.parseInt(m.group(1)) : fallback;
    }
}
