package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.common.certificate.RecognitionTransactions;
import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.common.certificate.RecognitionDecision;
import cn.cdcq.registry.common.certificate.RecognitionRule;
import cn.cdcq.registry.common.certificate.RecognitionRuleProposal;
import cn.cdcq.registry.common.json.Json;

import java.util.List;

/** The recognition contract ("recognition") as typed calls, for one user through one peer. */
public final class RecognitionClient {

    private static final String CONTRACT = RecognitionTransactions.CONTRACT;
    private final RegistryGateway gateway;

    public RecognitionClient(RegistryGateway gateway) {
        this.gateway = gateway;
    }

    public RecognitionRule proposeRule(RecognitionRuleProposal proposal) {
        return Json.read(gateway.submit(CONTRACT, RecognitionTransactions.PROPOSE_RULE, Json.write(proposal)), RecognitionRule.class);
    }

    public RecognitionRule acceptRule(String ruleId) {
        return Json.read(gateway.submit(CONTRACT, RecognitionTransactions.ACCEPT_RULE, ruleId), RecognitionRule.class);
    }

    public RecognitionRule declineRule(String ruleId, String reason) {
        return Json.read(gateway.submit(CONTRACT, RecognitionTransactions.DECLINE_RULE, ruleId, reason), RecognitionRule.class);
    }

    public RecognitionRule withdrawRule(String ruleId, String reason) {
        return Json.read(gateway.submit(CONTRACT, RecognitionTransactions.WITHDRAW_RULE, ruleId, reason), RecognitionRule.class);
    }

    public RecognitionRule rule(String ruleId) {
        return Json.read(gateway.evaluate(CONTRACT, RecognitionTransactions.GET_RULE, ruleId), RecognitionRule.class);
    }

    public List<RecognitionRule> rules() {
        return Json.readList(gateway.evaluate(CONTRACT, RecognitionTransactions.LIST_RULES), RecognitionRule.class);
    }

    public RecognitionDecision submitCase(String certificateNumber, String targetRegion, String note) {
        return Json.read(gateway.submit(CONTRACT, RecognitionTransactions.SUBMIT_CASE, certificateNumber, targetRegion, note),
                RecognitionDecision.class);
    }

    /** {@code decision} is {@link RecognitionDecision#ACCEPTED} or {@link RecognitionDecision#REFUSED}. */
    public RecognitionDecision decideCase(String certificateNumber, String targetRegion, String decision,
                                          String reasonCode, String reason) {
        return Json.read(gateway.submit(CONTRACT, RecognitionTransactions.DECIDE_CASE, certificateNumber, targetRegion, decision, reasonCode,
                reason), RecognitionDecision.class);
    }

    public RecognitionDecision withdrawCase(String certificateNumber, String targetRegion, String reason) {
        return Json.read(gateway.submit(CONTRACT, RecognitionTransactions.WITHDRAW_CASE, certificateNumber, targetRegion, reason),
                RecognitionDecision.class);
    }

    public RecognitionDecision caseOf(String certificateNumber, String targetRegion) {
        return Json.read(gateway.evaluate(CONTRACT, RecognitionTransactions.GET_CASE, certificateNumber, targetRegion), RecognitionDecision.class);
    }

    public List<RecognitionDecision> cases(String certificateNumber) {
        return Json.readList(gateway.evaluate(CONTRACT, RecognitionTransactions.LIST_CASES, certificateNumber), RecognitionDecision.class);
    }
}
