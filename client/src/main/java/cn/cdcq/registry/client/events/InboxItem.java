package cn.cdcq.registry.client.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One chaincode event as the region's inbox keeps it. {@code payload} is the event's JSON as
 * the chaincode emitted it.
 */
public record InboxItem(
        @Schema(description = "Position in this service's inbox, from 1") long sequence,
        String eventName, String txId, long blockNumber,
        @Schema(description = "Whether this region has to act on it (e.g. approve the other region's proposal)") boolean needsAction,
        String receivedAt,
        @JsonRawValue @Schema(type = "object", description = "The event's payload as the chaincode emitted it") String payload) {

    /** The deadline the event carries (a notice's dueOn, a complaint's acceptanceDueOn), yyyy-MM-dd, or null. */
    @JsonProperty("dueDate")
    @Schema(description = "Deadline the event carries (yyyy-MM-dd), if any")
    public String dueDate() {
        try {
            return InboxRules.dueDate(cn.cdcq.registry.common.json.Json.tree(payload));
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
