package cn.cdcq.registry.client.api;

import cn.cdcq.registry.common.json.Json;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Ledger records go to the HTTP answer as the registry's own canonical JSON (registry-common's
 * {@link Json}, Jackson 2), written once, never re-mapped by the web layer's Jackson 3: what a
 * client reads is what the ledger holds, field for field.
 */
public final class LedgerJson {

    private LedgerJson() {
    }

    /** 200 with {@code ledgerJson} (already JSON, e.g. an evaluate's answer) as the body. */
    public static ResponseEntity<String> raw(String ledgerJson) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ledgerJson);
    }

    /** 200 with the canonical JSON of a ledger record (or list of them) from a typed client. */
    public static ResponseEntity<String> ok(Object record) {
        return raw(Json.write(record));
    }
}
