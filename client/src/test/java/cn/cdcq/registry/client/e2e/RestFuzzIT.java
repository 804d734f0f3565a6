package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed input for every REST operation of the OpenAPI document (issue 16 item 5, the
 * service's half), on the real network: each operation that takes parameters or a body gets
 * path and query values that are garbage (control characters, a path escape, 300 characters,
 * emoji, numbers out of range) and bodies that are not JSON, not an object, empty, deeply nested,
 * or an object of the schema's own fields with the wrong type or an absurd value; sent as
 * Chengdu's bureau administrator, so they pass authentication and reach the input checks. Every
 * answer must be a 4xx problem detail with a {@code code}, never a 5xx, and the refused requests
 * must write nothing: the channel's height may grow only by what was accepted.
 */
class RestFuzzIT {

    static E2eServices services;
    static E2eNetwork network;

    /**
     * Left out because an input the service accepts changes the service's own checkpoint timer,
     * which later tests of the suite rely on. The region registry's proposal endpoints are in:
     * the first full run with the divisions endpoint found Jackson turning the number 123 into
     * the prefix "123", a proposal the contract accepted and which then blocked every other
     * proposal of the region (ServiceIT's key rotation, TrustIT); since text is taken only as
     * JSON text (config/StrictJsonInput) that is refused, and the test fails, withdrawing it, on
     * any proposal the fuzz leaves pending.
     */
    static final Set<String> LEFT_OUT = Set.of("PUT /api/v1/checkpoints/schedule");
    static final List<String> PATH_VALUES = List.of("%00", "..%2F..%2Fetc", "x".repeat(300), "%F0%9F%98%80", "'%20OR%201=1--",
            "-1", "99999999999999999999", "%20", "S000151000001264000001", "91510100MA61R8LK2X", "2026-02-30", "null");
    static final List<String> BODIES = List.of("", "null", "[]", "{}", "{", "\"text\"", "12", "{\"a\":",
            "[".repeat(2000) + "]".repeat(2000), "{\"x\":\"" + "y".repeat(200_000) + "\"}", "\u0000", "{\"a\":1,\"a\":2}");

    @BeforeAll
    static void connect() throws Exception {
        services = new E2eServices();
        network = new E2eNetwork();
    }

    @AfterAll
    static void close() throws Exception {
        network.close();
    }

    @Test
    void everyOperationRefusesMalformedInputWithAClearCodeAndWritesNothing() throws Exception {
        E2eServices.Service admin = services.admin("chengdu");
        String auth = "Basic " + Base64.getEncoder().encodeToString((admin.user() + ":" + admin.password())
                .getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        JsonNode api = Json.mapper().readTree(http.send(HttpRequest.newBuilder(URI.create(admin.url() + "/v3/api-docs"))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString()).body());
        JsonNode schemas = api.path("components").path("schemas");
        Random random = new Random(20261202);

        Set<String> pendingBefore = pendingProposals(http, admin.url(), auth);
        long heightBefore = network.height("chengdu");
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        List<String> unclear = new ArrayList<>();
        int requests = 0, operations = 0, skipped = 0, acceptedWrites = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = api.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                String name = method + " " + path.getKey();
                JsonNode parameters = op.getValue().path("parameters");
                JsonNode body = op.getValue().path("requestBody");
                if (LEFT_OUT.contains(name) || (parameters.isEmpty() && body.isMissingNode())) {
                    skipped++;
                    continue;
                }
                operations++;
                for (Case c : cases(path.getKey(), parameters, body, schemas, random)) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(admin.url() + c.uri()))
                            .timeout(Duration.ofSeconds(60)).header("Authorization", auth);
                    if (c.body() != null) {
                        request.header("Content-Type", "application/json")
                                .method(method, HttpRequest.BodyPublishers.ofString(c.body()));
                    } else {
                        request.method(method, HttpRequest.BodyPublishers.noBody());
                    }
                    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    requests++;
                    int status = answer.statusCode();
                    outcomes.merge(Integer.toString(status), 1, Integer::sum);
                    String what = name + " " + c.describe() + " -> " + status + " "
                            + answer.body().substring(0, Math.min(300, answer.body().length()));
                    if (status >= 500) {
                        serverErrors.add(what);
                    } else if (status >= 400) {
                        JsonNode problem = readOrNull(answer.body());
                        if (problem == null || !problem.path("code").isTextual()) {
                            unclear.add(what);
                        }
                    } else if (!method.equals("GET")) {
                        acceptedWrites++;
                    }
                }
            }
        }
        network.awaitPeersInSync();
        long heightAfter = network.height("chengdu");
        List<String> proposalsLeft = new ArrayList<>();
        for (String id : pendingProposals(http, admin.url(), auth)) {
            if (!pendingBefore.contains(id)) { // garbage became a proposal: withdraw it so later tests can propose
                proposalsLeft.add(id);
                http.send(HttpRequest.newBuilder(URI.create(admin.url() + "/api/v1/region-proposals/" + id + "/withdraw"))
                        .header("Authorization", auth).POST(HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.ofString());
            }
        }
        System.out.printf("REST fuzzing: %d operations (%d without input left out), %d requests, statuses %s, "
                + "accepted writes %d, blocks %d -> %d%n", operations, skipped, requests, outcomes, acceptedWrites,
                heightBefore, heightAfter);
        assertThat(requests).isGreaterThan(1000);
        assertThat(proposalsLeft).as("region proposals made of garbage (withdrawn again)").isEmpty();
        assertThat(serverErrors).as("5xx answers to malformed input").isEmpty();
        assertThat(unclear).as("4xx answers without a problem detail code").isEmpty();
        assertThat(heightAfter - heightBefore).as("blocks written while %d writes were accepted", acceptedWrites)
                .isLessThanOrEqualTo(acceptedWrites);
    }

    /** The ids of the region proposals waiting for approval. */
    static Set<String> pendingProposals(HttpClient http, String url, String auth) throws Exception {
        JsonNode list = Json.mapper().readTree(http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/region-proposals"))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString()).body());
        Set<String> ids = new java.util.TreeSet<>();
        list.forEach(p -> {
            if ("PENDING".equals(p.path("status").asText())) {
                ids.add(p.path("id").asText());
            }
        });
        return ids;
    }

    record Case(String uri, String body, String describe) {
    }

    /** The malformed requests of one operation. */
    static List<Case> cases(String template, JsonNode parameters, JsonNode requestBody, JsonNode schemas, Random random) {
        List<Case> out = new ArrayList<>();
        String validBody = requestBody.isMissingNode() ? null : "{}";
        // Garbage in each path and query parameter, the others left plausible.
        for (String value : PATH_VALUES) {
            out.add(new Case(uri(template, parameters, value, random), validBody, "parameters=" + abbreviate(value)));
        }
        if (!requestBody.isMissingNode()) {
            String plain = uri(template, parameters, null, random);
            for (String b : BODIES) {
                out.add(new Case(plain, b, "body=" + abbreviate(b)));
            }
            JsonNode schema = resolve(requestBody.path("content").path("application/json").path("schema"), schemas);
            for (Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields(); props.hasNext(); ) {
                Map.Entry<String, JsonNode> p = props.next();
                for (String wrong : wrongValues(resolve(p.getValue(), schemas))) {
                    ObjectNode b = Json.mapper().createObjectNode();
                    b.set(p.getKey(), readOrNull(wrong));
                    out.add(new Case(plain, b.toString(), p.getKey() + "=" + abbreviate(wrong)));
                }
            }
        }
        return out;
    }

    /** Values a field of this schema must refuse: the wrong JSON type, and absurd values of the right one. */
    static List<String> wrongValues(JsonNode schema) {
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        return switch (type) {
            case "integer", "number" -> List.of("\"abc\"", "1.5", "-1", "2147483648", "1e400", "{}");
            case "boolean" -> List.of("\"yes\"", "2", "[]");
            case "array" -> List.of("\"x\"", "[null]", "[{}]", "[" + "\"a\",".repeat(3000) + "\"a\"]");
            case "object" -> List.of("\"x\"", "[]", "{\"" + "k".repeat(100) + "\":null}");
            default -> List.of("123", "{}", "[]", "\"\"", "\"\\u0000\"", "\"" + "z".repeat(5000) + "\"", "\"510104199001011234\"");
        };
    }

    private static String uri(String template, JsonNode parameters, String garbage, Random random) {
        String path = template;
        StringBuilder query = new StringBuilder();
        for (JsonNode p : parameters) {
            String value = garbage != null ? garbage : PATH_VALUES.get(random.nextInt(PATH_VALUES.size()));
            if ("path".equals(p.path("in").asText())) {
                path = path.replace("{" + p.path("name").asText() + "}", value);
            } else if ("query".equals(p.path("in").asText())) {
                query.append(query.isEmpty() ? "?" : "&").append(URLEncoder.encode(p.path("name").asText(), StandardCharsets.UTF_8))
                        .append('=').append(value);
            }
        }
        return path + query;
    }

    private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith("#/components/schemas/") ? schemas.path(ref.substring("#/components/schemas/".length())) : schema;
    }

    private static JsonNode readOrNull(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            return null;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "...(" + s.length() + ")" : s;
    }
}
