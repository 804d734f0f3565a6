package cn.cdcq.registry.client.cli;

import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * The local stand-in for the two bureaus agreeing to start the registry: each region's
 * administrator proposes its region with the service's attestation certificate, and each
 * approves the other's proposal. Does what is missing only; safe to run again.
 */
@Command(name = "bootstrap-regions", description = "Registers both regions of the local network (each proposes, "
        + "the other approves), through both services as their administrators. Skips what is done.")
final class BootstrapRegionsCommand implements Callable<Integer> {

    private static final Map<String, String> BUREAUS = Map.of(
            "CD", "Chengdu Human Resources and Social Security Bureau",
            "CQ", "Chongqing Human Resources and Social Security Bureau");

    @Override
    public Integer call() {
        Properties services = RegistryCli.services();
        Map<String, ServiceApi> admins = new LinkedHashMap<>();
        for (String region : RegistryCli.required(services, "regions").split(",")) {
            String code = RegistryCli.required(services, region + ".regionCode");
            admins.put(code, new ServiceApi(RegistryCli.required(services, region + ".url"),
                    RegistryCli.required(services, region + ".adminAccount"),
                    RegistryCli.password(Path.of(RegistryCli.required(services, region + ".adminPasswordFile")))));
        }
        ServiceApi any = admins.values().iterator().next();
        Map<String, String> proposalOf = new LinkedHashMap<>();
        for (var entry : admins.entrySet()) {
            String code = entry.getKey();
            if (registered(any, code)) {
                System.err.println("region " + code + " is registered");
                continue;
            }
            String pending = pendingRegistration(any, code);
            if (pending == null) {
                JsonNode body = Json.mapper().createObjectNode().put("regionCode", code).put("bureauName", BUREAUS.getOrDefault(code, code));
                pending = entry.getValue().post("/api/v1/region-proposals/registration", body).path("id").asText();
                System.err.println("region " + code + " proposed: " + pending);
            }
            proposalOf.put(code, pending);
        }
        for (var entry : proposalOf.entrySet()) {
            for (var approver : admins.entrySet()) {
                if (!approver.getKey().equals(entry.getKey())) {
                    awaitVisible(approver.getValue(), entry.getValue());
                    JsonNode result = approver.getValue().post("/api/v1/region-proposals/" + entry.getValue() + "/approve", null);
                    System.err.println("region " + entry.getKey() + " approved by " + approver.getKey() + ": " + result.path("status").asText());
                }
            }
        }
        System.out.println(Output.pretty(any.get("/api/v1/regions")));
        return 0;
    }

    /**
     * A proposal committed through one region's peer reaches the other's a moment later; the
     * approver's service must see it before approving (at most 10 s).
     */
    private static void awaitVisible(ServiceApi api, String proposalId) {
        long end = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                api.get("/api/v1/region-proposals/" + proposalId);
                return;
            } catch (ServiceApi.ApiException e) {
                if (e.status() != 404 || System.nanoTime() > end) {
                    throw e;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static boolean registered(ServiceApi api, String code) {
        for (JsonNode r : api.get("/api/v1/regions")) {
            if (r.path("code").asText().equals(code)) {
                return true;
            }
        }
        return false;
    }

    private static String pendingRegistration(ServiceApi api, String code) {
        for (JsonNode p : api.get("/api/v1/region-proposals")) {
            if (p.path("kind").asText().equals("REGISTER") && p.path("regionCode").asText().equals(code)) {
                return p.path("id").asText();
            }
        }
        return null;
    }
}
