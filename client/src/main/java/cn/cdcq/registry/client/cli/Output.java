package cn.cdcq.registry.client.cli;

import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.certificate.VerificationReport;
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

    /** Exit code of a verification whose verdict was not VALID (0 is VALID, 2 is bad usage). */
    static final int NOT_VALID = 3;

    /**
     * Prints a verification report (a certificate's, a credential's: each check, the verdict and
     * why) and answers the command's exit code: 0 for a VALID verdict, {@value #NOT_VALID} otherwise.
     */
    static int verdict(JsonNode report) {
        System.out.println(pretty(report));
        return VerificationReport.VALID.equals(report.path("verdict").asText()) ? 0 : NOT_VALID;
    }
}
