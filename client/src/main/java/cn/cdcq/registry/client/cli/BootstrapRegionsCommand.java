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
@Command(name = "bootstrap-regions", description = "Registers both regions of the local network and their division "
        + "prefixes (Chengdu 51, Chongqing 50; each proposes, the other approves), through both services as their "
        + "administrators. Skips what is done.")
final class BootstrapRegionsCommand implements Callable<Integer> {

    private static final Map<String, String> BUREAUS = Map.of(
            "CD", "Chengdu Human Resources and Social Security Bureau",
            "CQ", "Chongqing Human Resources and Social Security Bureau");

    /** The administrative divisions each region covers (USCC characters 3-4): Sichuan and Chongqing. */
    private static final Map<String, String> DIVISIONS = Map.of("CD", "51", "CQ", "50");

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
        bootstrapDivisions(admins, any);
        System.out.println(Output.pretty(any.get("/api/v1/regions")));
        return 0;
    }

    /**
     * Each region proposes the divisions it covers and every other region approves (a joint
     * change: region:proposeDivisions). A region that already has divisions is left alone.
     */
    private static void bootstrapDivisions(Map<String, ServiceApi> admins, ServiceApi any) {
        for (var entry : admins.entrySet()) {
            String code = entry.getKey();
            String prefixes = DIVISIONS.get(code);
            if (prefixes == null) {
                System.err.println("region " + code + ": no division prefixes known to bootstrap-regions, none proposed");
                continue;
            }
            JsonNode inForce = any.get("/api/v1/regions/" + code).path("divisionPrefixes");
            if (inForce.isArray() && !inForce.isEmpty()) {
                System.err.println("region " + code + " covers divisions " + inForce + ": nothing to do");
                continue;
            }
            String pending = pending(any, "DIVISIONS", code);
            if (pending == null) {
                JsonNode body = Json.mapper().createObjectNode().put("divisionPrefixes", prefixes);
                pending = entry.getValue().post("/api/v1/region-proposals/divisions", body).path("id").asText();
                System.err.println("region " + code + " proposed divisions " + prefixes + ": " + pending);
            }
            for (var approver : admins.entrySet()) {
                if (!approver.getKey().equals(code)) {
                    awaitVisible(approver.getValue(), pending);
                    JsonNode result = approver.getValue().post("/api/v1/region-proposals/" + pending + "/approve", null);
                    System.err.println("divisions " + prefixes + " of region " + code + " approved by " + approver.getKey()
                            + ": " + result.path("status").asText());
                }
            }
        }
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
        return pending(api, "REGISTER", code);
    }

    private static String pending(ServiceApi api, String kind, String code) {
        for (JsonNode p : api.get("/api/v1/region-proposals")) {
            if (p.path("kind").asText().equals(kind) && p.path("regionCode").asText().equals(code)) {
                return p.path("id").asText();
            }
        }
        return null;
    }
}
