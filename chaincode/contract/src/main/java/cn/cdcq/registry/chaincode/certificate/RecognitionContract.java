package cn.cdcq.registry.chaincode.certificate;

import cn.cdcq.registry.chaincode.region.Regions;
import cn.cdcq.registry.chaincode.support.Arguments;
import cn.cdcq.registry.chaincode.support.Caller;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.certificate.CertificateEvents;
import cn.cdcq.registry.common.certificate.CertificateEvents.RecognitionCaseChanged;
import cn.cdcq.registry.common.certificate.CertificateEvents.RecognitionRuleChanged;
import cn.cdcq.registry.common.certificate.CertificateStatus;
import cn.cdcq.registry.common.certificate.ReasonCodes;
import cn.cdcq.registry.common.certificate.RecognitionDecision;
import cn.cdcq.registry.common.certificate.RecognitionRule;
import cn.cdcq.registry.common.certificate.RecognitionRuleProposal;
import cn.cdcq.registry.common.certificate.RecognitionTransactions;
import cn.cdcq.registry.common.certificate.SkillCertificate;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.region.Region;
import org.hyperledger.fabric.contract.Context;
import cn.cdcq.registry.chaincode.support.RegistryContract;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Mutual recognition of skill certificates between regions.
 *
 * <p>The catalogue: a region's bureau proposes a rule (occupation, minimum level, from-region,
 * to-region, effective dates) between its region and another; the rule is in force only once the
 * other region's bureau accepts it; that region may decline it instead, and once in force either
 * region may withdraw, which ends it.
 *
 * <p>Case decisions: a certificate no rule recognizes can be submitted, by either region's bureau,
 * for recognition in a region other than its own; that region's bureau accepts or refuses it,
 * with a reason code and text.
 */
@Contract(name = RecognitionTransactions.CONTRACT, info = @Info(title = "Mutual recognition of skill certificates",
        description = "The recognition catalogue agreed by both regions, and case-by-case decisions",
        version = "1", contact = @Contact(name = "Chengdu-Chongqing labor registry")))
public final class RecognitionContract implements RegistryContract {

    /** Proposes a rule between the caller's region and another; {@code proposalJson} is a {@link RecognitionRuleProposal}. */
    @Transaction(name = RecognitionTransactions.PROPOSE_RULE, intent = Transaction.TYPE.SUBMIT)
    public String proposeRule(Context ctx, String proposalJson) {
        Bureau bureau = Bureau.of(ctx);
        RecognitionRuleProposal proposal = Arguments.valid(() ->
                Arguments.json(proposalJson, RecognitionRuleProposal.class).validate());
        bureau.regions.require(proposal.fromRegion());
        bureau.regions.require(proposal.toRegion());
        String own = bureau.region.code();
        if (!own.equals(proposal.fromRegion()) && !own.equals(proposal.toRegion())) {
            throw RegistryException.forbidden("region " + own + " may propose only rules between itself and another "
                    + "region, not from " + proposal.fromRegion() + " to " + proposal.toRegion());
        }
        Recognitions recognitions = new Recognitions(bureau.ledger);
        for (RecognitionRule existing : recognitions.rules()) {
            boolean live = existing.status() == RecognitionRule.Status.PROPOSED || existing.status() == RecognitionRule.Status.IN_FORCE;
            if (live && existing.overlaps(proposal)) {
                throw RegistryException.conflict("rule " + existing.id() + " (" + existing.status() + ") already covers "
                        + "occupation " + existing.occupation() + " from " + existing.fromRegion() + " to "
                        + existing.toRegion() + " on overlapping dates; withdraw it first or choose other dates");
            }
        }
        Ledger ledger = bureau.ledger;
        RecognitionRule rule = RecognitionRule.proposed(ledger.txId(), proposal, own, bureau.caller.id(), ledger.nowIso());
        recognitions.put(rule);
        ledger.emit(CertificateEvents.RECOGNITION_RULE_PROPOSED, RecognitionRuleChanged.of(rule));
        return Json.write(rule);
    }

    /** The other region's bureau accepts a proposed rule, which brings it in force. */
    @Transaction(name = RecognitionTransactions.ACCEPT_RULE, intent = Transaction.TYPE.SUBMIT)
    public String acceptRule(Context ctx, String ruleId) {
        Bureau bureau = Bureau.of(ctx);
        Recognitions recognitions = new Recognitions(bureau.ledger);
        RecognitionRule rule = proposedRuleForCounterpart(recognitions, ruleId, bureau, "accept");
        RecognitionRule accepted = rule.accepted(bureau.caller.id(), bureau.ledger.nowIso());
        recognitions.put(accepted);
        bureau.ledger.emit(CertificateEvents.RECOGNITION_RULE_ACCEPTED, RecognitionRuleChanged.of(accepted));
        return Json.write(accepted);
    }

    /** The other region's bureau declines a proposed rule, with its reason. */
    @Transaction(name = RecognitionTransactions.DECLINE_RULE, intent = Transaction.TYPE.SUBMIT)
    public String declineRule(Context ctx, String ruleId, String reason) {
        Bureau bureau = Bureau.of(ctx);
        String text = Arguments.valid(() -> ReasonCodes.requireText(reason));
        Recognitions recognitions = new Recognitions(bureau.ledger);
        RecognitionRule rule = proposedRuleForCounterpart(recognitions, ruleId, bureau, "decline");
        RecognitionRule declined = rule.closed(RecognitionRule.Status.DECLINED, bureau.region.code(), bureau.caller.id(),
                bureau.ledger.nowIso(), text);
        recognitions.put(declined);
        bureau.ledger.emit(CertificateEvents.RECOGNITION_RULE_DECLINED, RecognitionRuleChanged.of(declined));
        return Json.write(declined);
    }

    /**
     * Either region withdraws its side of a rule in force, which ends it; the proposer may also
     * withdraw its proposal before it is accepted.
     */
    @Transaction(name = RecognitionTransactions.WITHDRAW_RULE, intent = Transaction.TYPE.SUBMIT)
    public String withdrawRule(Context ctx, String ruleId, String reason) {
        Bureau bureau = Bureau.of(ctx);
        String text = Arguments.valid(() -> ReasonCodes.requireText(reason));
        Recognitions recognitions = new Recognitions(bureau.ledger);
        RecognitionRule rule = recognitions.requireRule(ruleId);
        String own = bureau.region.code();
        if (!own.equals(rule.fromRegion()) && !own.equals(rule.toRegion())) {
            throw RegistryException.forbidden("rule " + rule.id() + " is between " + rule.fromRegion() + " and "
                    + rule.toRegion() + "; region " + own + " has no side in it to withdraw");
        }
        if (rule.status() == RecognitionRule.Status.PROPOSED && !own.equals(rule.proposedByRegion())) {
            throw RegistryException.conflict("rule " + rule.id() + " is still a proposal of region "
                    + rule.proposedByRegion() + "; region " + own + " declines it (declineRule) rather than withdraws");
        }
        if (rule.status() != RecognitionRule.Status.PROPOSED && rule.status() != RecognitionRule.Status.IN_FORCE) {
            throw RegistryException.conflict("rule " + rule.id() + " is already " + rule.status());
        }
        RecognitionRule withdrawn = rule.closed(RecognitionRule.Status.WITHDRAWN, own, bureau.caller.id(),
                bureau.ledger.nowIso(), text);
        recognitions.put(withdrawn);
        bureau.ledger.emit(CertificateEvents.RECOGNITION_RULE_WITHDRAWN, RecognitionRuleChanged.of(withdrawn));
        return Json.write(withdrawn);
    }

    @Transaction(name = RecognitionTransactions.GET_RULE, intent = Transaction.TYPE.EVALUATE)
    public String getRule(Context ctx, String ruleId) {
        return Json.write(new Recognitions(new Ledger(ctx)).requireRule(ruleId));
    }

    /** The whole catalogue, every status, in id order. */
    @Transaction(name = RecognitionTransactions.LIST_RULES, intent = Transaction.TYPE.EVALUATE)
    public String listRules(Context ctx) {
        return Json.write(new Recognitions(new Ledger(ctx)).rules());
    }

    /**
     * Submits a certificate that no rule recognizes for recognition in {@code targetRegion}, on the
     * worker's behalf; either region's bureau may submit.
     */
    @Transaction(name = RecognitionTransactions.SUBMIT_CASE, intent = Transaction.TYPE.SUBMIT)
    public String submitCase(Context ctx, String certificateNumber, String targetRegion, String note) {
        Bureau bureau = Bureau.of(ctx);
        String number = Arguments.certificateNumber(certificateNumber);
        String target = Arguments.region(targetRegion);
        String text = Arguments.valid(() -> ReasonCodes.requireText("note", note));
        bureau.regions.require(target);
        Ledger ledger = bureau.ledger;
        SkillCertificate certificate = new Certificates(ledger).require(number);
        if (certificate.claims().region().equals(target)) {
            throw RegistryException.invalid("certificate " + number + " was issued in " + target
                    + ", so it needs no recognition there; choose the other region");
        }
        LocalDate today = ledger.today();
        CertificateStatus status = CertificateVerifier.effectiveStatus(certificate, today);
        if (status != CertificateStatus.VALID) {
            throw RegistryException.conflict("certificate " + number + " is " + status
                    + "; only a valid certificate can be submitted for recognition");
        }
        Recognitions recognitions = new Recognitions(ledger);
        Optional<RecognitionRule> rule = recognitions.ruleRecognizing(certificate.claims(), target, today);
        if (rule.isPresent()) {
            throw RegistryException.conflict("certificate " + number + " is already recognized in " + target
                    + " by catalogue rule " + rule.get().id() + "; no case is needed");
        }
        Optional<RecognitionDecision> open = recognitions.caseOf(number, target)
                .filter(d -> d.status() == RecognitionDecision.Status.SUBMITTED || d.status() == RecognitionDecision.Status.ACCEPTED);
        if (open.isPresent()) {
            throw RegistryException.conflict("case " + open.get().caseId() + " for certificate " + number + " in "
                    + target + " is already " + open.get().status());
        }
        RecognitionDecision submitted = RecognitionDecision.submitted(ledger.txId(), number,
                certificate.claims().region(), target, bureau.region.code(), bureau.caller.id(), ledger.nowIso(), text);
        recognitions.put(submitted);
        ledger.emit(CertificateEvents.RECOGNITION_CASE_SUBMITTED, RecognitionCaseChanged.of(submitted));
        return Json.write(submitted);
    }

    /**
     * The target region's bureau decides a submitted case: {@code decision} is {@code ACCEPTED} or
     * {@code REFUSED}, with a reason code from {@link ReasonCodes#RECOGNITION_ACCEPT} or
     * {@link ReasonCodes#RECOGNITION_REFUSE} and a reason text.
     */
    @Transaction(name = RecognitionTransactions.DECIDE_CASE, intent = Transaction.TYPE.SUBMIT)
    public String decideCase(Context ctx, String certificateNumber, String targetRegion, String decision,
                             String reasonCode, String reason) {
        Bureau bureau = Bureau.of(ctx);
        String number = Arguments.certificateNumber(certificateNumber);
        String target = Arguments.region(targetRegion);
        String given = decision == null ? "" : decision.strip();
        RecognitionDecision.Status outcome;
        List<String> codes;
        if (given.equals(RecognitionDecision.Status.ACCEPTED.name())) {
            outcome = RecognitionDecision.Status.ACCEPTED;
            codes = ReasonCodes.RECOGNITION_ACCEPT;
        } else if (given.equals(RecognitionDecision.Status.REFUSED.name())) {
            outcome = RecognitionDecision.Status.REFUSED;
            codes = ReasonCodes.RECOGNITION_REFUSE;
        } else {
            throw RegistryException.invalid("decision \"" + given + "\" is not ACCEPTED or REFUSED");
        }
        String code = Arguments.valid(() -> ReasonCodes.require("a recognition " + given.toLowerCase(), reasonCode, codes));
        String text = Arguments.valid(() -> ReasonCodes.requireText(reason));
        if (!bureau.region.code().equals(target)) {
            throw RegistryException.forbidden("only region " + target + "'s bureau decides whether " + target
                    + " recognizes certificate " + number + ", not region " + bureau.region.code() + "'s");
        }
        Recognitions recognitions = new Recognitions(bureau.ledger);
        RecognitionDecision current = recognitions.caseOf(number, target).orElseThrow(() -> RegistryException.notFound(
                "no case for certificate " + number + " in region " + target + "; submit it first"));
        if (current.status() != RecognitionDecision.Status.SUBMITTED) {
            throw RegistryException.conflict("case " + current.caseId() + " is " + current.status()
                    + ", not SUBMITTED; only a submitted case can be decided");
        }
        RecognitionDecision decided = current.decided(outcome, bureau.caller.id(), bureau.ledger.nowIso(), code, text);
        recognitions.put(decided);
        bureau.ledger.emit(CertificateEvents.RECOGNITION_DECISION_MADE, RecognitionCaseChanged.of(decided));
        return Json.write(decided);
    }

    /** The submitting region withdraws a case before it is decided. */
    @Transaction(name = RecognitionTransactions.WITHDRAW_CASE, intent = Transaction.TYPE.SUBMIT)
    public String withdrawCase(Context ctx, String certificateNumber, String targetRegion, String reason) {
        Bureau bureau = Bureau.of(ctx);
        String number = Arguments.certificateNumber(certificateNumber);
        String target = Arguments.region(targetRegion);
        String text = Arguments.valid(() -> ReasonCodes.requireText(reason));
        Recognitions recognitions = new Recognitions(bureau.ledger);
        RecognitionDecision current = recognitions.caseOf(number, target).orElseThrow(() -> RegistryException.notFound(
                "no case for certificate " + number + " in region " + target));
        if (!current.submittedByRegion().equals(bureau.region.code())) {
            throw RegistryException.forbidden("case " + current.caseId() + " was submitted by region "
                    + current.submittedByRegion() + "; only that region may withdraw it");
        }
        if (current.status() != RecognitionDecision.Status.SUBMITTED) {
            throw RegistryException.conflict("case " + current.caseId() + " is already " + current.status());
        }
        RecognitionDecision withdrawn = current.decided(RecognitionDecision.Status.WITHDRAWN, bureau.caller.id(),
                bureau.ledger.nowIso(), null, text);
        recognitions.put(withdrawn);
        bureau.ledger.emit(CertificateEvents.RECOGNITION_CASE_WITHDRAWN, RecognitionCaseChanged.of(withdrawn));
        return Json.write(withdrawn);
    }

    @Transaction(name = RecognitionTransactions.GET_CASE, intent = Transaction.TYPE.EVALUATE)
    public String getCase(Context ctx, String certificateNumber, String targetRegion) {
        String number = Arguments.certificateNumber(certificateNumber);
        String target = Arguments.region(targetRegion);
        return Json.write(new Recognitions(new Ledger(ctx)).caseOf(number, target).orElseThrow(() ->
                RegistryException.notFound("no case for certificate " + number + " in region " + target)));
    }

    /** Every case of a certificate, one per target region. */
    @Transaction(name = RecognitionTransactions.LIST_CASES, intent = Transaction.TYPE.EVALUATE)
    public String listCases(Context ctx, String certificateNumber) {
        return Json.write(new Recognitions(new Ledger(ctx)).casesOf(Arguments.certificateNumber(certificateNumber)));
    }

    private static RecognitionRule proposedRuleForCounterpart(Recognitions recognitions, String ruleId, Bureau bureau,
                                                              String action) {
        RecognitionRule rule = recognitions.requireRule(ruleId);
        String own = bureau.region.code();
        if (own.equals(rule.proposedByRegion())) {
            throw RegistryException.forbidden("region " + own + " proposed rule " + rule.id() + "; only region "
                    + rule.counterpartOf(own) + " may " + action + " it");
        }
        if (!own.equals(rule.fromRegion()) && !own.equals(rule.toRegion())) {
            throw RegistryException.forbidden("rule " + rule.id() + " is between " + rule.fromRegion() + " and "
                    + rule.toRegion() + "; region " + own + " may not " + action + " it");
        }
        if (rule.status() != RecognitionRule.Status.PROPOSED) {
            throw RegistryException.conflict("rule " + rule.id() + " is " + rule.status()
                    + "; only a PROPOSED rule can be " + action + (action.endsWith("e") ? "d" : "ed"));
        }
        return rule;
    }

    /** A bureau user of a registered region: who may act on recognition. */
    private record Bureau(Caller caller, Ledger ledger, Regions regions, Region region) {
        static Bureau of(Context ctx) {
            Caller caller = Caller.of(ctx);
            caller.requireRole(Caller.BUREAU);
            Ledger ledger = new Ledger(ctx);
            Regions regions = new Regions(ledger);
            return new Bureau(caller, ledger, regions, regions.regionOf(caller));
        }
    }
}
