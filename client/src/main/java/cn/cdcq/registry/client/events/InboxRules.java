package cn.cdcq.registry.client.events;

import cn.cdcq.registry.common.cases.CaseEvents;
import cn.cdcq.registry.common.cases.ObjectionEvents;
import cn.cdcq.registry.common.certificate.CertificateEvents;
import cn.cdcq.registry.common.credit.CreditEvents;
import cn.cdcq.registry.common.region.RegionEvents;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * Which chaincode events this region has to act on, by event name. An event not in the table is
 * kept in the inbox as information. Add a row when a contract adds an event.
 */
public final class InboxRules {

    /** Decides from an event's payload whether the region of {@code mspId} / {@code regionCode} must act. */
    public interface Rule {
        boolean needsAction(JsonNode payload, String mspId, String regionCode);
    }

    /** The event was raised by another organization (its {@code field} names that MSP): the other region waits for us. */
    static Rule fromOtherRegion(String mspField) {
        return (payload, mspId, regionCode) -> payload.hasNonNull(mspField) && !payload.path(mspField).asText().equals(mspId);
    }

    /** The event is addressed to this region ({@code field} holds a region code). */
    static Rule addressedTo(String regionField) {
        return (payload, mspId, regionCode) -> payload.path(regionField).asText("").equals(regionCode);
    }

    /** The event came from the other region ({@code field} holds the acting region's code). */
    static Rule fromOtherRegionCode(String regionField) {
        return (payload, mspId, regionCode) -> payload.hasNonNull(regionField) && !payload.path(regionField).asText().equals(regionCode);
    }

    /** This region is one of those listed in {@code field} (an array of region codes). */
    static Rule listedIn(String arrayField) {
        return (payload, mspId, regionCode) -> {
            for (JsonNode code : payload.path(arrayField)) {
                if (code.asText().equals(regionCode)) {
                    return true;
                }
            }
            return false;
        };
    }

    static final Rule INFORMATION = (payload, mspId, regionCode) -> false;

    /** Deadline fields of event payloads, by name; the first present is the item's due date. */
    static final java.util.List<String> DUE_FIELDS = java.util.List.of("dueOn", "acceptanceDueOn");

    /** A recognition rule proposed by the other region between it and this one awaits our acceptance or refusal. */
    static final Rule RULE_TO_ANSWER = (payload, mspId, regionCode) -> "PROPOSED".equals(payload.path("status").asText())
            && !regionCode.equals(payload.path("proposedByRegion").asText(regionCode))
            && (regionCode.equals(payload.path("fromRegion").asText()) || regionCode.equals(payload.path("toRegion").asText()));

    static final Map<String, Rule> RULES = Map.ofEntries(
            // Contract "region": the other region's registration or rotation awaits our approval.
            Map.entry(RegionEvents.REGION_CHANGE_PROPOSED, fromOtherRegion("mspId")),
            Map.entry(RegionEvents.REGION_CHANGE_APPROVED, INFORMATION),
            Map.entry(RegionEvents.REGION_REGISTERED, INFORMATION),
            Map.entry(RegionEvents.ATTESTATION_ROTATED, INFORMATION),
            Map.entry(RegionEvents.REGION_CHANGE_WITHDRAWN, INFORMATION),
            // Credit: a violation against one of our enterprises recorded by the other region, to acknowledge by dueOn.
            Map.entry(CreditEvents.CROSS_REGION_NOTICE_RAISED, addressedTo("toRegion")),
            // Spot checks: every participant reveals its signature over the draw before the deadline;
            // the other region's consent to one more draw of our register in a period.
            Map.entry(CreditEvents.SPOT_CHECK_OPENED, listedIn("participants")),
            Map.entry(CreditEvents.SPOT_CHECK_REVEALED, fromOtherRegionCode("regionCode")),
            Map.entry(CreditEvents.SPOT_CHECK_REDRAW_CONSENTED, addressedTo("registerRegion")),
            // Cases: the region with jurisdiction accepts or declines by acceptanceDueOn; the region asked answers by dueOn.
            Map.entry(CaseEvents.COMPLAINT_TRANSFERRED, addressedTo("toRegion")),
            Map.entry(CaseEvents.COMPLAINT_FILED, addressedTo("toRegion")),
            Map.entry(CaseEvents.ASSIST_REQUESTED, addressedTo("toRegion")),
            // Objections and credit repair (docs/objections.md): the region that made the record decides an
            // objection by dueOn, and a repair of its listing; the region that filed tells the enterprise
            // the outcome (both inboxes keep every event).
            Map.entry(ObjectionEvents.OBJECTION_FILED, addressedTo("decidingRegion")),
            Map.entry(ObjectionEvents.OBJECTION_DECIDED, addressedTo("filingRegion")),
            Map.entry(ObjectionEvents.REPAIR_APPLIED, addressedTo("decidingRegion")),
            Map.entry(ObjectionEvents.REPAIR_DECIDED, addressedTo("applyingRegion")),
            // The sweep names overdue items of both regions (ids only): each region looks at its own.
            Map.entry(CaseEvents.OVERDUE_FLAGGED, (payload, mspId, regionCode) -> true),
            // Contract "recognition": the other region's rule proposal awaits our answer; a case
            // submitted for recognition here awaits our decision.
            Map.entry(CertificateEvents.RECOGNITION_RULE_PROPOSED, RULE_TO_ANSWER),
            Map.entry(CertificateEvents.RECOGNITION_CASE_SUBMITTED, addressedTo("targetRegion")));

    private InboxRules() {
    }

    /** The deadline an event carries (yyyy-MM-dd), or null. */
    public static String dueDate(JsonNode payload) {
        for (String field : DUE_FIELDS) {
            if (payload.hasNonNull(field)) {
                return payload.path(field).asText();
            }
        }
        return null;
    }

    public static boolean needsAction(String eventName, JsonNode payload, String mspId, String regionCode) {
        return RULES.getOrDefault(eventName, INFORMATION).needsAction(payload, mspId, regionCode);
    }
}
