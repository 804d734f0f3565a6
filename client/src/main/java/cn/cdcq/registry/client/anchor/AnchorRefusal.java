package cn.cdcq.registry.client.anchor;

import cn.cdcq.registry.client.api.CodedException;

/** A checkpoint or proof request the service refuses: the code says why (CONFLICT, NOT_FOUND, ...). */
public final class AnchorRefusal extends CodedException {

    private static final long serialVersionUID = 1L;

    /** Anchoring is not configured on this service (registry.anchor.enabled is false). */
    public static final String ANCHOR_NOT_CONFIGURED = "ANCHOR_NOT_CONFIGURED";

    AnchorRefusal(String code, String message) {
        super(code, message, null);
    }

    AnchorRefusal(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
