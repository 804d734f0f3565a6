package cn.cdcq.registry.client.events;

import cn.cdcq.registry.common.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InboxRulesTest {

    static boolean chongqingMustAct(String event, String payload) {
        return InboxRules.needsAction(event, Json.tree(payload), "ChongqingMSP", "CQ");
    }

    @Test
    void aNoticeATransferredComplaintAndAnAssistRequestNeedTheAddressedRegionsActionOnly() {
        String notice = "{\"violationId\":\"v1\",\"fromRegion\":\"CD\",\"toRegion\":\"CQ\",\"dueOn\":\"2026-03-31\"}";
        assertThat(chongqingMustAct("CrossRegionNoticeRaised", notice)).isTrue();
        assertThat(InboxRules.needsAction("CrossRegionNoticeRaised", Json.tree(notice), "ChengduMSP", "CD")).isFalse();
        assertThat(chongqingMustAct("ComplaintTransferred", "{\"fromRegion\":\"CD\",\"toRegion\":\"CQ\"}")).isTrue();
        assertThat(chongqingMustAct("ComplaintTransferred", "{\"fromRegion\":\"CQ\",\"toRegion\":\"CD\"}")).isFalse();
        assertThat(chongqingMustAct("AssistRequested", "{\"fromRegion\":\"CD\",\"toRegion\":\"CQ\"}")).isTrue();
        assertThat(chongqingMustAct("ViolationRecorded", "{\"fromRegion\":\"CD\"}")).isFalse();
        assertThat(chongqingMustAct("CrossRegionNoticeAcknowledged", "{\"toRegion\":\"CQ\"}")).isFalse();
    }

    @Test
    void spotChecksAskEveryParticipantToCommitAndTheOtherToRevealAndOverdueFlagsConcernBoth() {
        assertThat(chongqingMustAct("SpotCheckOpened", "{\"participants\":[\"CD\",\"CQ\"]}")).isTrue();
        assertThat(chongqingMustAct("SpotCheckOpened", "{\"participants\":[\"CD\"]}")).isFalse();
        assertThat(chongqingMustAct("SpotCheckRevealed", "{\"regionCode\":\"CD\"}")).isTrue();
        assertThat(chongqingMustAct("SpotCheckRevealed", "{\"regionCode\":\"CQ\"}")).isFalse();
        assertThat(chongqingMustAct("OverdueFlagged", "{\"noticeViolationIds\":[\"v1\"]}")).isTrue();
    }

    @Test
    void theDueDateComesFromTheNoticeOrTheComplaintsDeadline() {
        assertThat(InboxRules.dueDate(Json.tree("{\"dueOn\":\"2026-03-31\"}"))).isEqualTo("2026-03-31");
        assertThat(InboxRules.dueDate(Json.tree("{\"acceptanceDueOn\":\"2026-03-20\"}"))).isEqualTo("2026-03-20");
        assertThat(InboxRules.dueDate(Json.tree("{\"proposalId\":\"p1\"}"))).isNull();
        assertThat(new InboxItem(1, "CrossRegionNoticeRaised", "tx", 3, true, "now", "{\"dueOn\":\"2026-03-31\"}").dueDate())
                .isEqualTo("2026-03-31");
    }

    @Test
    void aRuleProposedByTheOtherRegionAwaitsThisOnesAnswerButNotItsOwn() {
        String proposedByCq = "{\"ruleId\":\"r\",\"fromRegion\":\"CQ\",\"toRegion\":\"CD\",\"status\":\"PROPOSED\",\"proposedByRegion\":\"CQ\"}";
        assertThat(InboxRules.needsAction("RecognitionRuleProposed", Json.tree(proposedByCq), "ChengduMSP", "CD")).isTrue();
        assertThat(InboxRules.needsAction("RecognitionRuleProposed", Json.tree(proposedByCq), "ChongqingMSP", "CQ")).isFalse();
        assertThat(InboxRules.needsAction("RecognitionRuleAccepted", Json.tree(proposedByCq), "ChengduMSP", "CD")).isFalse();
    }

    @Test
    void aCaseAwaitsTheDecisionOfItsTargetRegion() {
        String toCd = "{\"caseId\":\"c\",\"fromRegion\":\"CQ\",\"targetRegion\":\"CD\",\"status\":\"SUBMITTED\"}";
        assertThat(InboxRules.needsAction("RecognitionCaseSubmitted", Json.tree(toCd), "ChengduMSP", "CD")).isTrue();
        assertThat(InboxRules.needsAction("RecognitionCaseSubmitted", Json.tree(toCd), "ChongqingMSP", "CQ")).isFalse();
    }
}
