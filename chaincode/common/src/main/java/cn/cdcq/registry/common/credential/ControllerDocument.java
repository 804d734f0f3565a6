package cn.cdcq.registry.common.credential;

import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.region.AttestationCertificate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A region's controller document (its did:web DID document): every attestation certificate the
 * region registry holds for it, current and rotated, as a {@code Multikey} verification method
 * {@code <did>#key-<sequence>} usable for {@code assertionMethod}. Each method carries its term
 * from the ledger: {@code validFrom} (a registry term) and, once rotated, {@code expires}
 * (Controlled Identifiers §2.2): a proof counts only if it was created within the term, so a
 * rotation keeps every earlier proof valid and makes the old key useless for new ones.
 */
public final class ControllerDocument {

    private ControllerDocument() {
    }

    /** {@code did:web:host%3Aport} for a service reached at {@code host:port} (did:web §3.1: the port's colon percent-encoded). */
    public static String didWeb(String host, int port) {
        return "did:web:" + URLEncoder.encode(host + ":" + port, StandardCharsets.UTF_8);
    }

    /** Where a did:web's document is: {@code <scheme>://host:port/.well-known/did.json} (did:web prescribes https). */
    public static String didWebDocumentUrl(String did, String scheme) {
        if (did == null || !did.startsWith("did:web:")) {
            throw new IllegalArgumentException("not a did:web: " + did);
        }
        String[] parts = did.substring("did:web:".length()).split(":");
        StringBuilder url = new StringBuilder(scheme).append("://")
                .append(URLDecoder.decode(parts[0], StandardCharsets.UTF_8));
        if (parts.length == 1) {
            url.append("/.well-known");
        }
        for (int i = 1; i < parts.length; i++) {
            url.append('/').append(URLDecoder.decode(parts[i], StandardCharsets.UTF_8));
        }
        return url.append("/did.json").toString();
    }

    /** The verification method id of attestation certificate {@code sequence}. */
    public static String methodId(String did, int sequence) {
        return did + "#key-" + sequence;
    }

    /** The document of {@code did} listing {@code certificates} (the region registry's, any order). */
    public static ObjectNode of(String did, List<AttestationCertificate> certificates) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.putArray("@context").add(Vocabulary.DID_V1).add(Vocabulary.MULTIKEY_V1);
        doc.put("id", did);
        ArrayNode methods = doc.putArray("verificationMethod");
        ArrayNode assertion = doc.putArray(Vocabulary.ASSERTION_METHOD);
        certificates.stream().sorted(java.util.Comparator.comparingInt(AttestationCertificate::sequence)).forEach(c -> {
            String id = methodId(did, c.sequence());
            ObjectNode m = methods.addObject();
            m.put("id", id).put("type", Vocabulary.MULTIKEY).put("controller", did)
                    .put("publicKeyMultibase", Multikey.encode(Signatures.parseCertificate(c.certificatePem()).getPublicKey()))
                    .put("validFrom", c.validFrom());
            if (c.validTo() != null) {
                m.put("expires", c.validTo());
            }
            assertion.add(id);
        });
        return doc;
    }

    /** The verification method {@code methodId} in {@code document}, if it lists it. */
    public static Optional<JsonNode> method(JsonNode document, String methodId) {
        for (JsonNode m : document.path("verificationMethod")) {
            if (methodId.equals(m.path("id").asText())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code document} lists {@code methodId} for {@code relationship} (by id or embedded). */
    public static boolean listsFor(JsonNode document, String relationship, String methodId) {
        for (JsonNode entry : document.path(relationship)) {
            if (methodId.equals(entry.isTextual() ? entry.asText() : entry.path("id").asText())) {
                return true;
            }
        }
        return false;
    }
}
