package cn.cdcq.registry.client.events;

import cn.cdcq.registry.common.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InboxRulesTest {

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
