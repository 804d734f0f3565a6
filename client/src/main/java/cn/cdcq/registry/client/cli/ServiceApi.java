package cn.cdcq.registry.client.cli;

import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A regional service's REST API as one account sees it (HTTP Basic). */
public final class ServiceApi {

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ServiceApi(String url, String user, String password) {
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.authorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public URI base() {
        return base;
    }

    public JsonNode get(String path) {
        return send(request(path).GET().build());
    }

    public JsonNode post(String path, JsonNode body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body.toString())).build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(90)).header("Accept", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiException(0, "UNREACHABLE", "the service at " + base + " cannot be reached: " + e.getMessage()
                    + " (is it running? scripts/start.sh starts it)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, "INTERRUPTED", "interrupted");
        }
        JsonNode body;
        try {
            body = response.body().isBlank() ? Json.mapper().nullNode() : Json.mapper().readTree(response.body());
        } catch (IOException e) {
            body = Json.mapper().getNodeFactory().textNode(response.body());
        }
        if (response.statusCode() / 100 != 2) {
            throw new ApiException(response.statusCode(), body.path("code").asText("HTTP_" + response.statusCode()),
                    body.path("detail").asText(response.body()));
        }
        return body;
    }

    /** The service refused (a problem detail) or could not be reached. */
    public static final class ApiException extends RuntimeException {
        private final int status;
        private final String code;

        public ApiException(int status, String code, String detail) {
            super(detail);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }
}
