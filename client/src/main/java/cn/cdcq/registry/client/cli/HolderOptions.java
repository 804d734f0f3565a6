package cn.cdcq.registry.client.cli;

import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The holder's details for the commands that act as the holder through a public endpoint (verify
 * a certificate's holder, export a holder's credential): read from a file or from standard input
 * ({@code --holder FILE} or {@code --holder -}), never from the command line, which every user of
 * the machine can read in the process list and which shells keep in their history. The file is
 * the public endpoints' own request body:
 * {@code {"holderName": "...", "holderIdNumber": "...", "holderSalt": "..."}}. The details go to
 * the service in the request body only, never in a URL or a log line.
 */
final class HolderOptions {

    static final List<String> FIELDS = List.of("holderName", "holderIdNumber", "holderSalt");

    @Option(names = "--holder", paramLabel = "FILE|-", description = "the holder's details as JSON "
            + "{\"holderName\", \"holderIdNumber\", \"holderSalt\"} in FILE, or on standard input with '-'")
    String source;

    boolean given() {
        return source != null;
    }

    /** The request body the public endpoints take, read from the file or standard input. */
    ObjectNode body() {
        return read(source, System.in);
    }

    static ObjectNode read(String source, InputStream stdin) {
        String text;
        try {
            text = "-".equals(source) ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(source), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--holder: no file " + source);
        } catch (IOException e) {
            throw new IllegalArgumentException("--holder: cannot read " + ("-".equals(source) ? "standard input" : source) + ": " + e.getMessage());
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (IOException e) {
            // Not the text itself: it may hold the details.
            throw new IllegalArgumentException("--holder: not JSON (expected {\"holderName\", \"holderIdNumber\", \"holderSalt\"})");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("--holder: expected a JSON object {\"holderName\", \"holderIdNumber\", \"holderSalt\"}");
        }
        ObjectNode body = Json.mapper().createObjectNode();
        for (String field : FIELDS) {
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                throw new IllegalArgumentException("--holder: " + field + " is missing or empty");
            }
            body.put(field, v.asText().strip());
        }
        return body;
    }
}
