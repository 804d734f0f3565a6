package cn.cdcq.registry.client.e2e;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where the test network's parts are, as scripts/test.sh describes them in
 * {@code DATA/network.properties}: the end-to-end tests that drive the contracts through the
 * Gateway directly (the regional services read their own typed configuration instead).
 */
public record NetworkDescription(String channel, String chaincode, Map<String, RegionEndpoint> regions,
                                 OrdererCa ordererCa) {

    /** The ordering organization's CA (the joint office's): no region, but tests enroll at it. */
    public record OrdererCa(String url, String name, Path cert) {
    }

    /** One region's organization: its peer, CA and the folder of enrolled users. */
    public record RegionEndpoint(String name, String mspId, String regionCode, String peerEndpoint,
                                 String peerHostAlias, Path tlsCaCert, Path usersDir, String caUrl, String caName,
                                 Path caCert, String centerUscc) {

        /** The MSP folder of an enrolled user of this region (e.g. "bureau", "center"). */
        public Path userMsp(String user) {
            return usersDir.resolve(user).resolve("msp");
        }
    }

    public static NetworkDescription load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the network description " + file
                    + " (written by scripts/start.sh): " + e.getMessage(), e);
        }
        Map<String, RegionEndpoint> regions = new LinkedHashMap<>();
        for (String name : Arrays.stream(required(p, "regions", file).split(",")).map(String::strip).toList()) {
            regions.put(name, new RegionEndpoint(name,
                    required(p, name + ".mspId", file), required(p, name + ".regionCode", file),
                    required(p, name + ".peerEndpoint", file), required(p, name + ".peerHostAlias", file),
                    Path.of(required(p, name + ".tlsCaCert", file)), Path.of(required(p, name + ".usersDir", file)),
                    required(p, name + ".caUrl", file), required(p, name + ".caName", file),
                    Path.of(required(p, name + ".caCert", file)), p.getProperty(name + ".centerUscc")));
        }
        OrdererCa ordererCa = new OrdererCa(required(p, "orderer.caUrl", file), required(p, "orderer.caName", file),
                Path.of(required(p, "orderer.caCert", file)));
        return new NetworkDescription(required(p, "channel", file), required(p, "chaincode", file), Map.copyOf(regions),
                ordererCa);
    }

    public RegionEndpoint region(String name) {
        RegionEndpoint r = regions.get(name);
        if (r == null) {
            throw new IllegalArgumentException("no region '" + name + "' in the network description; known: " + regions.keySet());
        }
        return r;
    }

    private static String required(Properties p, String key, Path file) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("the network description " + file + " has no '" + key + "'");
        }
        return v.strip();
    }
}
