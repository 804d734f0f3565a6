package cn.cdcq.registry.client.cli;

import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** How commands print JSON answers: indented, for people and for jq alike. */
final class Output {

    private Output() {
    }

    static String pretty(JsonNode node) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }
}
