package cn.cdcq.registry.common.credential;

import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A {@code BitstringStatusListCredential} (Bitstring Status List v1.0 §2.2) before its proof: the
 * region's list for one purpose, valid from when it was signed until {@code validUntil}, after
 * which a verifier treats it as stale and fetches it again.
 */
public final class StatusListCredential {

    private StatusListCredential() {
    }

    public static ObjectNode unsigned(String url, String issuerId, String purpose, BitstringStatusList list,
                                      Instant validFrom, Instant validUntil) {
        ObjectNode vc = Json.mapper().createObjectNode();
        vc.putArray("@context").add(Vocabulary.CREDENTIALS_V2);
        vc.put("id", url);
        vc.putArray("type").add(Vocabulary.VERIFIABLE_CREDENTIAL).add(Vocabulary.STATUS_LIST_CREDENTIAL);
        vc.put("issuer", issuerId);
        vc.put("validFrom", validFrom.truncatedTo(ChronoUnit.SECONDS).toString());
        vc.put("validUntil", validUntil.truncatedTo(ChronoUnit.SECONDS).toString());
        vc.putObject("credentialSubject").put("id", url + "#list").put("type", Vocabulary.STATUS_LIST)
                .put("statusPurpose", purpose).put("encodedList", list.encode());
        return vc;
    }
}
