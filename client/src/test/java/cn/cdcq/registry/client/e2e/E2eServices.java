package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The two regional services scripts/test.sh started, as an end-to-end test reaches them: over
 * HTTP as one account (or none), and through scripts/registry-cli.sh. Fails, never skips, when
 * the services are not running.
 */
final class E2eServices {

    private static final SecureRandom RANDOM = new SecureRandom();

    final Properties services = new Properties();
    final Path servicesFile;
    final Path root;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One service as one account; {@code user == null} is anonymous. */
    record Service(String url, String user, String password) {
        Service as(String otherUser, String otherPassword) {
            return new Service(url, otherUser, otherPassword);
        }

        Service anonymous() {
            return new Service(url, null, null);
        }
    }

    /** An HTTP answer: status, JSON body, headers. */
    record Answer(int status, JsonNode body, Map<String, List<String>> headers) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** A CLI run: exit code, stdout and stderr apart. */
    record CliRun(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    E2eServices() throws IOException {
        String file = System.getProperty("e2e.services", "");
        if (file.isBlank() || !Files.isRegularFile(Path.of(file))) {
            throw new IllegalStateException("end-to-end tests of the services need them running: set -De2e.services to "
                    + "their services.properties (scripts/test.sh does); got '" + file + "'");
        }
        servicesFile = Path.of(file);
        root = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
        try (Reader r = Files.newBufferedReader(servicesFile, StandardCharsets.UTF_8)) {
            services.load(r);
        }
    }

    /** The region's bureau administrator ("chengdu" or "chongqing"). */
    Service admin(String region) throws IOException {
        return new Service(services.getProperty(region + ".url"), services.getProperty(region + ".adminAccount"),
                Files.readString(Path.of(services.getProperty(region + ".adminPasswordFile"))).strip());
    }

    static String randomPassword() {
        byte[] secret = new byte[15];
        RANDOM.nextBytes(secret);
        return "pw-" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** A new account made by {@code admin} through the API; answers the service as that account. */
    Service createAccount(Service admin, String name, String role, String attribute, String value) {
        String password = randomPassword();
        var body = Json.mapper().createObjectNode().put("name", name).put("role", role).put("password", password);
        if (attribute != null) {
            body.put(attribute, value);
        }
        Answer created = post(admin, "/api/v1/accounts", body);
        if (created.status() != 201) {
            throw new AssertionError("creating account " + name + ": " + created);
        }
        return admin.as(name, password);
    }

    /**
     * The offline verifier a holder or employer would use: the library's {@code CredentialVerifier}
     * with {@code service}'s controller document and both status lists, fetched once now.
     */
    cn.cdcq.registry.common.credential.CredentialVerifier offlineVerifier(Service service) {
        JsonNode did = get(service, "/.well-known/did.json").body();
        String base = service.url() + "/api/v1/public/credentials/status/";
        return new cn.cdcq.registry.common.credential.CredentialVerifier(List.of(did), Map.of(
                base + "revocation", get(service, "/api/v1/public/credentials/status/revocation").body().toString(),
                base + "suspension", get(service, "/api/v1/public/credentials/status/suspension").body().toString()));
    }

    Answer get(Service service, String path) {
        return send(service, request(service, path).GET());
    }

    Answer post(Service service, String path, JsonNode body) {
        return send(service, request(service, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body.toString())));
    }

    Answer put(Service service, String path, JsonNode body) {
        return send(service, request(service, path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private static HttpRequest.Builder request(Service service, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(service.url() + path)).timeout(Duration.ofSeconds(120));
        if (service.user() != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (service.user() + ":" + service.password()).getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    private Answer send(Service service, HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body().isBlank() ? Json.mapper().nullNode() : Json.mapper().readTree(r.body());
            return new Answer(r.statusCode(), body, r.headers().map());
        } catch (IOException e) {
            throw new AssertionError("the service at " + service.url() + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Starts scripts/registry-cli.sh with this network's services file; stdout and stderr go to the files given. */
    Process startCli(Path stdout, Path stderr, String... args) throws IOException {
        return startCli(stdout, stderr, null, args);
    }

    private Process startCli(Path stdout, Path stderr, Path stdin, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(root.resolve("scripts/registry-cli.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        pb.environment().put("CDCQ_SERVICES", servicesFile.toString());
        Process p = pb.start();
        if (stdin == null) {
            p.getOutputStream().close();
        }
        return p;
    }

    /** Runs scripts/registry-cli.sh to its end (at most {@code timeoutSeconds}). */
    CliRun cli(long timeoutSeconds, String... args) throws Exception {
        return cliWithInput(timeoutSeconds, null, args);
    }

    /** The same, with {@code stdin} (or nothing, when null) on the CLI's standard input. */
    CliRun cliWithInput(long timeoutSeconds, String stdin, String... args) throws Exception {
        Path out = Files.createTempFile("cli", ".out");
        Path err = Files.createTempFile("cli", ".err");
        Path in = stdin == null ? null : Files.createTempFile("cli", ".in");
        try {
            if (in != null) {
                Files.writeString(in, stdin);
            }
            Process p = startCli(out, err, in, args);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("registry-cli " + List.of(args) + " did not finish in " + timeoutSeconds + " s");
            }
            return new CliRun(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            if (in != null) {
                Files.deleteIfExists(in);
            }
        }
    }
}
