package cn.cdcq.registry.client.e2e;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading a verification report (the public endpoint's and the CLI's JSON) in end-to-end tests. */
final class VerificationReports {

    private VerificationReports() {
    }

    /** The result (PASS, FAIL, NOT_APPLICABLE) of the report's step {@code check}; a report without it fails the test. */
    static String step(JsonNode report, String check) {
        for (JsonNode s : report.path("steps")) {
            if (s.path("check").asText().equals(check)) {
                return s.path("result").asText();
            }
        }
        throw new AssertionError("no step " + check + " in " + report);
    }

    /** The report's recognition entry for {@code region}; a report without it fails the test. */
    static JsonNode recognition(JsonNode report, String region) {
        for (JsonNode r : report.path("recognition")) {
            if (r.path("region").asText().equals(region)) {
                return r;
            }
        }
        throw new AssertionError("no recognition in " + region + " in " + report);
    }
}
