package cn.cdcq.registry.chaincode.certificate;

import cn.cdcq.registry.common.format.CredentialKind;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.certificate.RecognitionDecision;
import cn.cdcq.registry.common.certificate.RecognitionRule;
import cn.cdcq.registry.common.certificate.VerificationReport.Recognition;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The recognition catalogue ({@code recognitionRule/<id>}) and case decisions
 * ({@code recognitionCase/<number>/<target region>}), and the answer to "is this certificate
 * recognized in that region today, and why".
 *
 * <p>The catalogue is read whole when a certificate is checked: it holds one rule per occupation
 * and direction at most, a few thousand at the very most, which a peer reads in milliseconds.
 */
final class Recognitions {

    static final String RULE = "recognitionRule";
    static final String CASE = "recognitionCase";

    private final Ledger ledger;

    Recognitions(Ledger ledger) {
        this.ledger = ledger;
    }

    Optional<RecognitionRule> rule(String id) {
        return ledger.get(ledger.key(RULE, id), RecognitionRule.class);
    }

    RecognitionRule requireRule(String id) {
        return rule(id).orElseThrow(() -> RegistryException.notFound("no recognition rule " + id));
    }

    List<RecognitionRule> rules() {
        return ledger.list(RecognitionRule.class, RULE);
    }

    void put(RecognitionRule rule) {
        ledger.put(ledger.key(RULE, rule.id()), rule);
    }

    Optional<RecognitionDecision> caseOf(String number, String targetRegion) {
        return ledger.get(ledger.key(CASE, number, targetRegion), RecognitionDecision.class);
    }

    List<RecognitionDecision> casesOf(String number) {
        return ledger.list(RecognitionDecision.class, CASE, number);
    }

    void put(RecognitionDecision decision) {
        ledger.put(ledger.key(CASE, decision.certificateNumber(), decision.targetRegion()), decision);
    }

    /** The rule in force today that recognizes the certificate in {@code region}, if any. */
    Optional<RecognitionRule> ruleRecognizing(CertificateClaims claims, String region, LocalDate today) {
        return rules().stream().filter(r -> r.recognizes(claims, region, today)).findFirst();
    }

    /** Whether, and on what basis, the certificate is recognized in {@code region} on {@code today}. */
    Recognition in(CertificateClaims claims, String region, LocalDate today, List<RecognitionRule> catalogue) {
        if (claims.region().equals(region)) {
            return new Recognition(region, true, Recognition.HOME_REGION, null, null,
                    "issued in " + region + ", its home region");
        }
        Optional<RecognitionRule> rule = catalogue.stream().filter(r -> r.recognizes(claims, region, today)).findFirst();
        if (rule.isPresent()) {
            RecognitionRule r = rule.get();
            return new Recognition(region, true, Recognition.RULE, r.id(), null, "recognized by catalogue rule " + r.id()
                    + ": " + kindText(r.credentialKind()) + "occupation " + r.occupation() + " at level " + r.minimumLevel() + " or more advanced, from "
                    + r.fromRegion() + " to " + r.toRegion() + ", effective " + r.effectiveFrom()
                    + (r.effectiveTo() == null ? "" : " to " + r.effectiveTo()) + ", accepted on " + r.acceptedAt());
        }
        Optional<RecognitionDecision> decision = caseOf(claims.number(), region);
        if (decision.isPresent()) {
            RecognitionDecision d = decision.get();
            switch (d.status()) {
                case ACCEPTED:
                    return new Recognition(region, true, Recognition.CASE_DECISION, null, d.caseId(), "recognized by "
                            + region + "'s case decision " + d.caseId() + " of " + d.decidedAt() + " (" + d.reasonCode()
                            + ": " + d.reason() + ")");
                case REFUSED:
                    return new Recognition(region, false, Recognition.CASE_DECISION, null, d.caseId(), "refused by "
                            + region + "'s case decision " + d.caseId() + " of " + d.decidedAt() + " (" + d.reasonCode()
                            + ": " + d.reason() + ")");
                case SUBMITTED:
                    return new Recognition(region, false, Recognition.CASE_DECISION, null, d.caseId(), "not recognized "
                            + "yet: case " + d.caseId() + " submitted on " + d.submittedAt() + " awaits " + region
                            + "'s decision");
                default:
                    break;
            }
        }
        return new Recognition(region, false, Recognition.NONE, null, null, "no rule in force recognizes "
                + kindText(claims.kind()) + "occupation " + claims.occupation() + " at level " + claims.level() + " from " + claims.region() + " in " + region
                + ", and " + region + " has made no case decision for it; a bureau may submit it as a case");
    }

    /** Nothing for a skill level certificate (as before kinds existed), the kind's name otherwise. */
    private static String kindText(CredentialKind kind) {
        return kind == CredentialKind.SKILL_LEVEL ? ""
                : kind.englishName() + "s (" + kind.chineseName() + ") of ";
    }
}
