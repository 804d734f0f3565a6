package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
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
 * Schema-valid input for every REST operation (issue 16 item 5, the document's half), on the
 * real network: from the service's own OpenAPI document, each operation gets requests whose
 * path and query parameters and body fields satisfy their schemas (pattern, length, enum,
 * range, required), as a client generated from the document or a schema-driven test generator
 * would send them, signed in as Chengdu's bureau administrator. The service may refuse them for
 * what the document cannot know (a certificate that does not exist: 404; one already issued:
 * 409; a role: 403; a ledger rule about state); it must not refuse them as malformed: a 400
 * whose problem detail names a {@code field} means the document let through a value the
 * service's input checks refuse. The one thing a generator cannot derive from a pattern is a
 * check character (USCC per GB 32100, resident ID per GB 11643): the document marks those fields
 * with {@code format} {@code uscc} or {@code resident-id} and a valid {@code example}, which is
 * what is sent for them.
 *
 * <p>Writes the per-operation counts to {@code client/target/schema-valid-requests.txt}.
 */
class SchemaValidRequestsIT {

    /**
     * Operations not sent: accepting a schema-valid request changes settings that the rest of
     * the suite relies on (the service's checkpoint timer; the region registry, where a pending
     * proposal blocks every other proposal of the region until it is confirmed or withdrawn; the
     * region's spot-check weights and draw key, its case deadlines and working calendar; its
     * checkpoints, which the anchoring tests count and which a generated number may hit; its
     * enterprise register, from which TrustIT's spot-check draw picks). Their
     * bodies' constraints are in the document all the same, and RestFuzzIT sends them garbage.
     */
    static final Set<String> LEFT_OUT = Set.of("PUT /api/v1/checkpoints/schedule",
            "POST /api/v1/region-proposals/divisions", "POST /api/v1/region-proposals/registration",
            "POST /api/v1/region-proposals/rotation", "PUT /api/v1/spot-checks/weights", "PUT /api/v1/spot-checks/draw-key",
            "PUT /api/v1/case-settings", "PUT /api/v1/calendar", "POST /api/v1/checkpoints",
            "POST /api/v1/checkpoints/{number}/countersignature", "POST /api/v1/checkpoints/{number}/anchor",
            "POST /api/v1/enterprises");
    static final int VARIANTS = 4;

    /**
     * Rules across fields, which a JSON schema does not express (each is in the fields'
     * descriptions): a 400 whose detail holds one of these is counted apart, not as a gap in the
     * document. A certificate number's level digit is its level; an expiry, a validity end or
     * an effective end comes after its start; an account's centerId, inspectorId or uscc goes with
     * its role; a recognition rule is between two different regions; a center's request gives a
     * reason code of the action it asks for; a level exists in the kind its number, scope or rule
     * names (a special vocational ability has 0, the others 1 to 5) and a title is in major group
     * 2; a platform report's two lists of workers add up alike, name each occupation and region
     * once, and count its new-form workers among them.
     */
    static final List<String> CROSS_FIELD = List.of("level digit (position", "does not exist; use 1 ",
            "has no level: use 0", "is not in major group 2", "is not after issueDate",
            "is before validFrom", "is before effectiveFrom", "is only for TRAINING_CENTER", "is only for INSPECTOR",
            "is only for ENTERPRISE", "account needs centerId", "account needs inspectorId", "account needs uscc", "fromRegion and toRegion are both",
            "a reason is only recorded when the level differs from the rules'", "is for the other action; asked",
            "but the workers by region add up to", "workers engaged; they are counted among them", "is listed twice; give each",
            "recordId of a RATING is USCC/REGION/YEAR", "correction is missing: CORRECTED needs",
            "correction is only given with CORRECTED");

    /**
     * Operations whose body is data the service issued and expects back whole: an anchor proof
     * (Merkle path, checkpoint statement, both signatures) whose parts constrain each other (a
     * block range, a leaf count, hashes that chain). The document gives its schema; a generator
     * cannot make a valid one from it, so its 400s are reported but not held against the document.
     */
    static final Set<String> ISSUED_BODIES = Set.of("POST /api/v1/public/anchor-proofs/verification");
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    static E2eServices services;

    @BeforeAll
    static void connect() throws Exception {
        services = new E2eServices();
    }

    @Test
    void noOperationRefusesSchemaValidInputAsMalformed() throws Exception {
        E2eServices.Service admin = services.admin("chengdu");
        String auth = "Basic " + Base64.getEncoder().encodeToString((admin.user() + ":" + admin.password())
                .getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        JsonNode api = Json.mapper().readTree(http.send(HttpRequest.newBuilder(URI.create(admin.url() + "/v3/api-docs"))
                .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString()).body());
        Generator generator = new Generator(api.path("components").path("schemas"), new Random(20261203));
        // An operation the administrator may not call (403 before any check) is sent again as a
        // bureau clerk's, a training center's and an inspector's account, so that its input
        // checks are reached.
        String tag = Long.toString(System.currentTimeMillis() % 1_000_000);
        List<String> others = new ArrayList<>();
        for (String account : List.of("{\"name\":\"svr-bureau-" + tag + "\",\"role\":\"BUREAU\"",
                "{\"name\":\"svr-center-" + tag + "\",\"role\":\"TRAINING_CENTER\",\"centerId\":\""
                + "91510100MA61R8LK20\"", "{\"name\":\"svr-ins-" + tag + "\",\"role\":\"INSPECTOR\",\"inspectorId\":\"CD-INS-"
                + tag + "\"")) {
            String password = "schema-valid-" + tag + "-pw";
            HttpResponse<String> made = http.send(HttpRequest.newBuilder(URI.create(admin.url() + "/api/v1/accounts"))
                    .header("Authorization", auth).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(account + ",\"password\":\"" + password + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(made.statusCode()).as(made.body()).isLessThan(300);
            others.add("Basic " + Base64.getEncoder().encodeToString((Json.mapper().readTree(made.body()).path("name").asText()
                    + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }

        Map<String, Tally> tallies = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        int operations = 0, requests = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = api.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                String name = method + " " + path.getKey();
                if (LEFT_OUT.contains(name)) {
                    continue;
                }
                operations++;
                Tally tally = tallies.computeIfAbsent(name, k -> new Tally());
                for (int variant = 0; variant < VARIANTS; variant++) {
                    boolean all = variant % 2 == 0; // every optional field too, or only the required ones
                    String uri = generator.uri(path.getKey(), op.getValue().path("parameters"), all);
                    JsonNode bodySchema = op.getValue().path("requestBody").path("content").path("application/json").path("schema");
                    String body = bodySchema.isMissingNode() ? null : generator.value(bodySchema, all, 0).toString();
                    HttpResponse<String> answer = send(http, admin.url() + uri, method, body, auth);
                    for (int other = 0; answer.statusCode() == 403 && other < others.size(); other++) {
                        answer = send(http, admin.url() + uri, method, body, others.get(other));
                    }
                    requests++;
                    tally.sent++;
                    int status = answer.statusCode();
                    JsonNode problem = readOrNull(answer.body());
                    String what = uri + (body == null ? "" : " " + abbreviate(body, 300)) + " -> " + status + " "
                            + abbreviate(answer.body(), 300);
                    if (status >= 500) {
                        serverErrors.add(name + " " + what);
                    } else if (status == 400 && CROSS_FIELD.stream().anyMatch(answer.body()::contains)) {
                        tally.crossField++;
                        tally.examples.add("(across fields) " + problem.path("code").asText() + ": " + what);
                    } else if (status == 400 && problem.hasNonNull("field")) {
                        tally.malformed++;
                        tally.examples.add(problem.path("code").asText() + " " + problem.path("field").asText() + ": " + what);
                    } else if (status == 400) {
                        tally.unnamed++;
                        tally.examples.add("(no field) " + problem.path("code").asText() + ": " + what);
                    } else if (status < 300) {
                        tally.accepted++;
                    } else {
                        if (!tally.otherwise.containsKey(Integer.toString(status))) {
                            tally.examples.add("(" + status + ") " + problem.path("code").asText() + ": " + what);
                        }
                        tally.otherwise.merge(Integer.toString(status), 1, Integer::sum);
                    }
                }
            }
        }
        StringBuilder report = new StringBuilder();
        int refusing = 0, malformed = 0, crossField = 0;
        for (Map.Entry<String, Tally> e : tallies.entrySet()) {
            Tally t = e.getValue();
            if (t.malformed + t.unnamed > 0 && !ISSUED_BODIES.contains(e.getKey())) {
                refusing++;
                malformed += t.malformed + t.unnamed;
            }
            crossField += t.crossField;
            report.append(String.format("%-70s sent %d, 2xx %d, 400 naming a field %d, 400 naming none %d, "
                    + "400 by a rule across fields %d, other %s%n", e.getKey(), t.sent, t.accepted, t.malformed, t.unnamed,
                    t.crossField, t.otherwise));
            for (String example : t.examples.subList(0, Math.min(3, t.examples.size()))) {
                report.append("    ").append(example).append('\n');
            }
        }
        String summary = String.format("Schema-valid requests: %d operations (%d left out), %d requests; %d operations "
                + "answered %d of them 400 (and %d requests were refused by a rule across fields)%n", operations,
                LEFT_OUT.size(), requests, refusing, malformed, crossField);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "schema-valid-requests.txt"), summary + report);
        System.out.print(summary + report);
        assertThat(serverErrors).as("5xx answers to schema-valid input").isEmpty();
        assertThat(refusing).as("operations answering schema-valid input 400:%n%s", report).isZero();
    }

    private static HttpResponse<String> send(HttpClient http, String url, String method, String body, String auth)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", auth);
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static final class Tally {
        int sent, accepted, malformed, unnamed, crossField;
        final Map<String, Integer> otherwise = new TreeMap<>();
        final List<String> examples = new ArrayList<>();
    }

    /** Values that satisfy a schema of the document, as a schema-driven generator makes them. */
    static final class Generator {
        private final JsonNode schemas;
        private final Random random;

        Generator(JsonNode schemas, Random random) {
            this.schemas = schemas;
            this.random = random;
        }

        String uri(String template, JsonNode parameters, boolean all) {
            String path = template;
            StringBuilder query = new StringBuilder();
            for (JsonNode p : parameters) {
                boolean required = p.path("required").asBoolean(false);
                String in = p.path("in").asText();
                if (!required && !all) {
                    continue;
                }
                JsonNode v = value(p.path("schema"), all, 0);
                String text = v.isTextual() ? v.asText() : v.toString();
                String encoded = URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
                if ("path".equals(in)) {
                    path = path.replace("{" + p.path("name").asText() + "}", encoded);
                } else if ("query".equals(in)) {
                    query.append(query.isEmpty() ? "?" : "&").append(URLEncoder.encode(p.path("name").asText(),
                            StandardCharsets.UTF_8)).append('=').append(encoded);
                }
            }
            return path + query;
        }

        JsonNode value(JsonNode schema, boolean all, int depth) {
            schema = resolve(schema);
            JsonNodeFactory f = JsonNodeFactory.instance;
            if (schema.has("enum")) {
                JsonNode values = schema.path("enum");
                return values.get(random.nextInt(values.size()));
            }
            String format = schema.path("format").asText("");
            if (schema.has("example") && (format.equals("uscc") || format.equals("resident-id"))) {
                return schema.path("example"); // a check character no pattern can express
            }
            String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
            switch (type) {
                case "object" -> {
                    ObjectNode o = f.objectNode();
                    Set<String> required = new java.util.HashSet<>();
                    schema.path("required").forEach(r -> required.add(r.asText()));
                    for (Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields(); props.hasNext(); ) {
                        Map.Entry<String, JsonNode> p = props.next();
                        if ((all || required.contains(p.getKey())) && !p.getValue().path("readOnly").asBoolean(false)) {
                            o.set(p.getKey(), value(p.getValue(), all, depth + 1));
                        }
                    }
                    return o;
                }
                case "array" -> {
                    ArrayNode a = f.arrayNode();
                    int min = schema.path("minItems").asInt(0);
                    int max = Math.min(schema.path("maxItems").asInt(3), Math.max(min, 3));
                    int n = all ? Math.max(min, 1 + random.nextInt(Math.max(1, max))) : Math.max(min, 1);
                    for (int i = 0; i < Math.min(n, max) && depth < 6; i++) {
                        a.add(value(schema.path("items"), all, depth + 1));
                    }
                    return a;
                }
                case "integer", "number" -> {
                    long min = schema.has("minimum") ? schema.path("minimum").asLong() : (format.equals("int32") ? Integer.MIN_VALUE : -1_000_000L);
                    long max = schema.has("maximum") ? schema.path("maximum").asLong() : (format.equals("int32") ? Integer.MAX_VALUE : 1_000_000L);
                    long[] picks = {min, max, min + (long) (random.nextDouble() * (max - min))};
                    return f.numberNode(picks[random.nextInt(picks.length)]);
                }
                case "boolean" -> {
                    return f.booleanNode(random.nextBoolean());
                }
                default -> {
                    return f.textNode(text(schema, format));
                }
            }
        }

        private String text(JsonNode schema, String format) {
            switch (format) {
                case "date" -> {
                    return LocalDate.now(CHINA).minusDays(random.nextInt(30)).toString();
                }
                case "date-time" -> {
                    return OffsetDateTime.now(CHINA).withNano(0).toString();
                }
                default -> {
                }
            }
            int minLength = schema.path("minLength").asInt(0);
            int maxLength = schema.path("maxLength").asInt(schema.has("pattern") ? Integer.MAX_VALUE : Math.max(minLength, 24));
            if (schema.has("pattern")) {
                String s = Regex.generate(schema.path("pattern").asText(), random);
                if (s.length() >= minLength && s.length() <= maxLength) {
                    return s;
                }
            }
            int length = Math.max(minLength, 1) + random.nextInt(Math.max(1, Math.min(maxLength, minLength + 24) - minLength));
            StringBuilder sb = new StringBuilder();
            String letters = "abcdefghijklmnopqrstuvwxyz";
            for (int i = 0; i < length; i++) {
                sb.append(letters.charAt(random.nextInt(letters.length())));
            }
            return sb.toString();
        }

        private JsonNode resolve(JsonNode schema) {
            String ref = schema.path("$ref").asText("");
            if (ref.startsWith("#/components/schemas/")) {
                return schemas.path(ref.substring("#/components/schemas/".length()));
            }
            if (schema.has("allOf") && schema.path("allOf").size() == 1) {
                return resolve(schema.path("allOf").get(0));
            }
            return schema;
        }
    }

    /**
     * A string matching a pattern, for the regular expressions an API description uses: anchors,
     * literals and escapes, character classes with ranges, {@code \d}, groups and alternation,
     * and the quantifiers {@code ? * + {n} {n,m}} (the open ones capped at a few repetitions).
     */
    static final class Regex {
        private final String p;
        private final Random random;
        private int i;

        private Regex(String pattern, Random random) {
            this.p = pattern;
            this.random = random;
        }

        static String generate(String pattern, Random random) {
            Regex r = new Regex(pattern, random);
            StringBuilder out = new StringBuilder();
            r.alternation(out);
            return out.toString();
        }

        private void alternation(StringBuilder out) {
            List<StringBuilder> branches = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            branches.add(current);
            while (i < p.length() && p.charAt(i) != ')') {
                if (p.charAt(i) == '|') {
                    i++;
                    current = new StringBuilder();
                    branches.add(current);
                } else {
                    sequenceItem(current);
                }
            }
            out.append(branches.get(random.nextInt(branches.size())));
        }

        private void sequenceItem(StringBuilder out) {
            char c = p.charAt(i);
            if (c == '^' || c == '$') {
                i++;
                return;
            }
            int start = i;
            atom(new StringBuilder()); // parse once to find the atom's extent
            int end = i;
            int[] q = quantifier();
            int times = q[0] + (q[1] > q[0] ? random.nextInt(q[1] - q[0] + 1) : 0);
            int after = i;
            for (int k = 0; k < times; k++) {
                i = start;
                atom(out);
            }
            i = times == 0 ? end : i;
            i = after;
        }

        private void atom(StringBuilder out) {
            char c = p.charAt(i);
            if (c == '(') {
                i++;
                if (p.startsWith("?:", i)) {
                    i += 2;
                }
                alternation(out);
                i++; // ')'
            } else if (c == '[') {
                out.append(charClass());
            } else if (c == '\\') {
                char e = p.charAt(i + 1);
                if (e == 'u') {
                    out.append((char) Integer.parseInt(p.substring(i + 2, i + 6), 16));
                    i += 6;
                    return;
                }
                i += 2;
                out.append(switch (e) {
                    case 'd' -> (char) ('0' + random.nextInt(10));
                    case 'w' -> "abcXYZ019_".charAt(random.nextInt(10));
                    case 's' -> ' ';
                    default -> e;
                });
            } else if (c == '.') {
                i++;
                out.append((char) ('a' + random.nextInt(26)));
            } else {
                i++;
                out.append(c);
            }
        }

        private char charClass() {
            i++; // '['
            boolean negated = p.charAt(i) == '^';
            if (negated) {
                i++;
            }
            List<Character> members = new ArrayList<>();
            while (p.charAt(i) != ']') {
                char from = p.charAt(i);
                if (from == '\\' && p.charAt(i + 1) == 'u') {
                    from = (char) Integer.parseInt(p.substring(i + 2, i + 6), 16);
                    i += 5; // the range check below reads on from the last digit
                } else if (from == '\\') {
                    char e = p.charAt(i + 1);
                    i += 2;
                    if (e == 's') {
                        members.add(' ');
                        members.add('\t');
                        continue;
                    }
                    if (e == 'd') {
                        for (char d = '0'; d <= '9'; d++) {
                            members.add(d);
                        }
                    } else {
                        members.add(e);
                    }
                    continue;
                }
                i++;
                if (p.charAt(i) == '-' && p.charAt(i + 1) != ']') {
                    char to = p.charAt(i + 1);
                    if (to == '\\' && p.charAt(i + 2) == 'u') {
                        to = (char) Integer.parseInt(p.substring(i + 3, i + 7), 16);
                        i += 5;
                    }
                    i += 2;
                    for (char x = from; x <= to; x++) {
                        members.add(x);
                    }
                } else {
                    members.add(from);
                }
            }
            i++; // ']'
            if (negated) {
                for (char x = 'a'; x <= 'z'; x++) {
                    if (!members.contains(x)) {
                        return x;
                    }
                }
            }
            return members.get(random.nextInt(members.size()));
        }

        private int[] quantifier() {
            if (i >= p.length()) {
                return new int[] {1, 1};
            }
            char c = p.charAt(i);
            int[] q = switch (c) {
                case '?' -> new int[] {0, 1};
                case '*' -> new int[] {0, 3};
                case '+' -> new int[] {1, 3};
                case '{' -> {
                    int close = p.indexOf('}', i);
                    String[] parts = p.substring(i + 1, close).split(",", -1);
                    int min = Integer.parseInt(parts[0]);
                    int max = parts.length == 1 ? min : parts[1].isEmpty() ? min + 3 : Integer.parseInt(parts[1]);
                    i = close;
                    yield new int[] {min, max};
                }
                default -> null;
            };
            if (q == null) {
                return new int[] {1, 1};
            }
            i++;
            return q;
        }
    }

    private static JsonNode readOrNull(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            return Json.mapper().createObjectNode();
        }
    }

    private static String abbreviate(String s, int max) {
        return s.length() > max ? s.substring(0, max - 3) + "...(" + s.length() + ")" : s;
    }
}
