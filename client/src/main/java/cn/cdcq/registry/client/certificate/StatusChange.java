package cn.cdcq.registry.client.certificate;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A bureau's reason for a status change or a decision: a code from the action's list
 * ({@link cn.cdcq.registry.common.certificate.ReasonCodes}) and free text. Both go on the ledger,
 * so the text must hold no personal data.
 */
public record StatusChange(
        @Schema(description = "one of the action's reason codes, e.g. UNDER_INVESTIGATION", example = "UNDER_INVESTIGATION")
        String reasonCode,
        @Schema(description = "1 to 500 characters on one line, no personal data", example = "complaint 2026-041 under review")
        String reason) {
}
