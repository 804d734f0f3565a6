package cn.cdcq.registry.chaincode.certificate;

import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.certificate.RecognitionDecision;
import cn.cdcq.registry.common.certificate.RecognitionRule;
import cn.cdcq.registry.common.certificate.RecognitionRuleProposal;
import cn.cdcq.registry.common.certificate.VerificationReport.Recognition;
import cn.cdcq.registry.common.json.Json;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.OCCUPATION;
import static cn.cdcq.registry.chaincode.certificate.CertificateWorld.claims;
import static org.assertj.core.api.Assertions.assertThat;

class RecognitionContractTest {

    private final CertificateWorld world = new CertificateWorld();
    private final RecognitionContract contract = world.recognition;

    private RecognitionRule propose(int minimumLevel, String from, String to, String proposer) {
        String json = Json.write(new RecognitionRuleProposal(OCCUPATION, minimumLevel, from, to, "2025-06-01", null));
        return Json.read(world.network.<String>invoke(world.bureauOf(proposer), ctx -> contract.proposeRule(ctx, json)),
                RecognitionRule.class);
    }

    private RecognitionRule accept(String ruleId, String region) {
        return Json.read(world.network.<String>invoke(world.bureauOf(region), ctx -> contract.acceptRule(ctx, ruleId)),
                RecognitionRule.class);
    }

    private Recognition inCd(String number) {
        return world.verify(number).recognitionIn("CD").orElseThrow();
    }

    @Nested
    class Catalogue {

        @Test
        void aRuleIsInForceOnlyOnceTheOtherRegionAccepts() {
            CertificateClaims level4 = claims("CQ", 1, 1);
            world.issue(level4);
            RecognitionRule rule = propose(4, "CQ", "CD", "CQ");
            assertThat(rule.status()).isEqualTo(RecognitionRule.Status.PROPOSED);
            assertThat(world.lastEventName()).isEqualTo("RecognitionRuleProposed");
            assertThat(inCd(level4.number()).recognized()).isFalse();

            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> contract.acceptRule(ctx, rule.id())),
                    ErrorCode.FORBIDDEN, "only region CD may accept it");
            RecognitionRule accepted = accept(rule.id(), "CD");
            assertThat(accepted.status()).isEqualTo(RecognitionRule.Status.IN_FORCE);
            assertThat(accepted.acceptedBy()).isEqualTo("ChengduMSP/bureau");
            assertThat(world.lastEventName()).isEqualTo("RecognitionRuleAccepted");

            Recognition recognition = inCd(level4.number());
            assertThat(recognition.recognized()).isTrue();
            assertThat(recognition.basis()).isEqualTo(Recognition.RULE);
            assertThat(recognition.ruleId()).isEqualTo(rule.id());
        }

        @Test
        void theReceivingRegionMayProposeAndTheIssuingRegionAccept() {
            RecognitionRule rule = propose(4, "CQ", "CD", "CD");
            assertThat(accept(rule.id(), "CQ").status()).isEqualTo(RecognitionRule.Status.IN_FORCE);
        }

        @Test
        void recognizesOnlyTheMinimumLevelAndMoreAdvancedOnesInTheRulesDirection() {
            CertificateClaims level4 = claims("CQ", 1, 1);
            CertificateClaims level3 = claims("CQ", 2, 2, OCCUPATION, 3);
            CertificateClaims fromCd = claims("CD", 3, 3);
            world.issue(level4);
            world.issue(level3);
            world.issue(fromCd);
            accept(propose(3, "CQ", "CD", "CQ").id(), "CD");
            assertThat(inCd(level3.number()).recognized()).isTrue();
            assertThat(inCd(level4.number()).recognized()).isFalse();
            assertThat(inCd(level4.number()).reason()).contains("no rule in force recognizes occupation " + OCCUPATION
                    + " at level 4 from CQ in CD");
            assertThat(world.verify(fromCd.number()).recognitionIn("CQ").orElseThrow().recognized()).isFalse();
        }

        @Test
        void aRuleRecognizesOnlyItsOwnKindOfCredential() {
            world.accreditEveryKind();
            CertificateClaims skill = claims("CQ", 1, 1, OCCUPATION, 3);
            CertificateClaims title = CertificateWorld.titleClaims("CQ", 2, 2, 2);
            CertificateClaims lowerTitle = CertificateWorld.titleClaims("CQ", 3, 3, 3);
            CertificateClaims ability = CertificateWorld.abilityClaims("CQ", 4, 4);
            world.issue(skill);
            world.issue(title);
            world.issue(ability);
            world.issue(lowerTitle);
            String json = Json.write(new RecognitionRuleProposal(CertificateWorld.TITLE_OCCUPATION, 2, "CQ", "CD",
                    "2025-06-01", null, "PROFESSIONAL_TITLE"));
            RecognitionRule titles = Json.read(world.network.<String>invoke(world.cqBureau, ctx -> contract.proposeRule(ctx, json)),
                    RecognitionRule.class);
            assertThat(titles.kind()).isEqualTo("PROFESSIONAL_TITLE");
            accept(titles.id(), "CD");
            assertThat(inCd(title.number()).recognized()).isTrue();
            assertThat(inCd(lowerTitle.number()).recognized()).as("grade 3 is below the rule's grade 2").isFalse();
            assertThat(inCd(skill.number()).recognized()).as("a title rule says nothing of skill levels").isFalse();
            assertThat(inCd(ability.number()).recognized()).isFalse();
            // a skill level rule of the same occupation says nothing of the special ability
            accept(propose(3, "CQ", "CD", "CQ").id(), "CD");
            assertThat(inCd(skill.number()).recognized()).isTrue();
            assertThat(inCd(ability.number()).recognized()).isFalse();
            String abilityRule = Json.write(new RecognitionRuleProposal(OCCUPATION, 0, "CQ", "CD", "2025-06-01", null,
                    "SPECIAL_ABILITY"));
            accept(Json.read(world.network.<String>invoke(world.cqBureau, ctx -> contract.proposeRule(ctx, abilityRule)),
                    RecognitionRule.class).id(), "CD");
            assertThat(inCd(ability.number()).recognized()).isTrue();
            String badLevel = Json.write(new RecognitionRuleProposal(OCCUPATION, 3, "CQ", "CD", "2025-06-01", null,
                    "SPECIAL_ABILITY"));
            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> contract.proposeRule(ctx, badLevel)),
                    ErrorCode.INVALID_INPUT, "special vocational ability");
        }

        @Test
        void eitherRegionMayWithdrawARuleInForceWhichEndsIt() {
            CertificateClaims level4 = claims("CQ", 1, 1);
            world.issue(level4);
            RecognitionRule rule = accept(propose(4, "CQ", "CD", "CQ").id(), "CD");
            RecognitionRule withdrawn = Json.read(world.network.<String>invoke(world.cdBureau,
                    ctx -> contract.withdrawRule(ctx, rule.id(), "Standards diverged")), RecognitionRule.class);
            assertThat(withdrawn.status()).isEqualTo(RecognitionRule.Status.WITHDRAWN);
            assertThat(withdrawn.closedByRegion()).isEqualTo("CD");
            assertThat(world.lastEventName()).isEqualTo("RecognitionRuleWithdrawn");
            assertThat(inCd(level4.number()).recognized()).isFalse();
            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> contract.withdrawRule(ctx, rule.id(), "x")),
                    ErrorCode.CONFLICT, "already WITHDRAWN");
        }

        @Test
        void theOtherRegionMayDeclineAProposal() {
            RecognitionRule rule = propose(4, "CQ", "CD", "CQ");
            world.refused(() -> world.network.invoke(world.cdBureau, ctx -> contract.withdrawRule(ctx, rule.id(), "x")),
                    ErrorCode.CONFLICT, "declines it");
            RecognitionRule declined = Json.read(world.network.<String>invoke(world.cdBureau,
                    ctx -> contract.declineRule(ctx, rule.id(), "Assessment standards differ")), RecognitionRule.class);
            assertThat(declined.status()).isEqualTo(RecognitionRule.Status.DECLINED);
            assertThat(declined.closeReason()).isEqualTo("Assessment standards differ");
            assertThat(world.lastEventName()).isEqualTo("RecognitionRuleDeclined");
            world.refused(() -> world.network.invoke(world.cdBureau, ctx -> contract.acceptRule(ctx, rule.id())),
                    ErrorCode.CONFLICT, "only a PROPOSED rule can be accepted");
        }

        @Test
        void overlappingRulesAndBadProposalsAreRefused() {
            propose(4, "CQ", "CD", "CQ");
            String overlap = Json.write(new RecognitionRuleProposal(OCCUPATION, 5, "CQ", "CD", "2026-01-01", "2026-12-31"));
            world.refused(() -> world.network.invoke(world.cdBureau, ctx -> contract.proposeRule(ctx, overlap)),
                    ErrorCode.CONFLICT, "overlapping dates");
            String unknownRegion = Json.write(new RecognitionRuleProposal(OCCUPATION, 4, "CQ", "GZ", "2026-01-01", null));
            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> contract.proposeRule(ctx, unknownRegion)),
                    ErrorCode.NOT_FOUND, "region GZ is not registered");
            String badLevel = Json.write(new RecognitionRuleProposal(OCCUPATION, 0, "CD", "CQ", "2026-01-01", null));
            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> contract.proposeRule(ctx, badLevel)),
                    ErrorCode.INVALID_INPUT, "skill level 0 does not exist");
            world.refused(() -> world.network.invoke(world.cqCenter, ctx -> contract.proposeRule(ctx, badLevel)),
                    ErrorCode.FORBIDDEN, "needs the role bureau");
        }
    }

    @Nested
    class Cases {

        private final CertificateClaims certificate = claims("CQ", 1, 1);

        private RecognitionDecision submit() {
            return Json.read(world.network.<String>invoke(world.cqBureau, ctx -> contract.submitCase(ctx,
                    certificate.number(), "CD", "Worker moved to Chengdu; curriculum attached to file 2026-88")),
                    RecognitionDecision.class);
        }

        @Test
        void theTargetRegionAcceptsACaseWhichRecognizesTheCertificateThere() {
            world.issue(certificate);
            RecognitionDecision submitted = submit();
            assertThat(submitted.status()).isEqualTo(RecognitionDecision.Status.SUBMITTED);
            assertThat(world.lastEventName()).isEqualTo("RecognitionCaseSubmitted");
            assertThat(inCd(certificate.number()).reason()).contains("awaits CD's decision");

            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> contract.decideCase(ctx,
                    certificate.number(), "CD", "ACCEPTED", "EQUIVALENT_STANDARD", "x")), ErrorCode.FORBIDDEN,
                    "only region CD's bureau decides");
            RecognitionDecision decided = Json.read(world.network.<String>invoke(world.cdBureau, ctx -> contract.decideCase(
                    ctx, certificate.number(), "CD", "ACCEPTED", "EQUIVALENT_STANDARD", "Same national standard")),
                    RecognitionDecision.class);
            assertThat(decided.status()).isEqualTo(RecognitionDecision.Status.ACCEPTED);
            assertThat(decided.decidedBy()).isEqualTo("ChengduMSP/bureau");
            assertThat(world.lastEventName()).isEqualTo("RecognitionDecisionMade");

            Recognition recognition = inCd(certificate.number());
            assertThat(recognition.recognized()).isTrue();
            assertThat(recognition.basis()).isEqualTo(Recognition.CASE_DECISION);
            assertThat(recognition.caseId()).isEqualTo(submitted.caseId());
        }

        @Test
        void aRefusalIsReportedWithItsReasonAndTheCaseMayBeSubmittedAgain() {
            world.issue(certificate);
            submit();
            world.network.invoke(world.cdBureau, ctx -> contract.decideCase(ctx, certificate.number(), "CD", "REFUSED",
                    "LEVEL_NOT_EQUIVALENT", "Practical exam hours below CD standard"));
            Recognition recognition = inCd(certificate.number());
            assertThat(recognition.recognized()).isFalse();
            assertThat(recognition.reason()).contains("refused", "LEVEL_NOT_EQUIVALENT", "Practical exam hours");
            RecognitionDecision again = submit();
            assertThat(again.status()).isEqualTo(RecognitionDecision.Status.SUBMITTED);
        }

        @Test
        void refusesCasesThatNeedNoDecisionOrAreAlreadyOpen() {
            world.issue(certificate);
            world.refused(() -> world.network.invoke(world.cqBureau, ctx -> contract.submitCase(ctx,
                    certificate.number(), "CQ", "x")), ErrorCode.INVALID_INPUT, "needs no recognition there");
            submit();
            world.refused(this::submit, ErrorCode.CONFLICT, "is already SUBMITTED");
            world.refused(() -> world.network.invoke(world.cdBureau, ctx -> contract.decideCase(ctx,
                    certificate.number(), "CD", "MAYBE", "OTHER", "x")), ErrorCode.INVALID_INPUT, "not ACCEPTED or REFUSED");
            world.refused(() -> world.network.invoke(world.cdBureau, ctx -> contract.decideCase(ctx,
                    certificate.number(), "CD", "REFUSED", "EQUIVALENT_STANDARD", "x")), ErrorCode.INVALID_INPUT,
                    "choose one of NO_EQUIVALENT_OCCUPATION");
            world.refused(() -> world.network.invoke(world.cdBureau, ctx -> contract.withdrawCase(ctx,
                    certificate.number(), "CD", "x")), ErrorCode.FORBIDDEN, "only that region may withdraw it");
            RecognitionDecision withdrawn = Json.read(world.network.<String>invoke(world.cqBureau,
                    ctx -> contract.withdrawCase(ctx, certificate.number(), "CD", "Worker went back")),
                    RecognitionDecision.class);
            assertThat(withdrawn.status()).isEqualTo(RecognitionDecision.Status.WITHDRAWN);
        }

        @Test
        void aCertificateTheCatalogueAlreadyRecognizesNeedsNoCase() {
            world.issue(certificate);
            accept(propose(4, "CQ", "CD", "CQ").id(), "CD");
            world.refused(this::submit, ErrorCode.CONFLICT, "no case is needed");
        }

        @Test
        void aRevokedCertificateCannotBeSubmitted() {
            world.issue(certificate);
            world.network.invoke(world.cqBureau, ctx -> world.certificates.revoke(ctx, certificate.number(), "OTHER", "x"));
            world.refused(this::submit, ErrorCode.CONFLICT, "is REVOKED");
        }

        @Test
        void casesAreListedPerCertificate() {
            world.issue(certificate);
            submit();
            List<RecognitionDecision> cases = Json.readList(world.network.<String>evaluate(world.cqInspector,
                    ctx -> contract.listCases(ctx, certificate.number())), RecognitionDecision.class);
            assertThat(cases).extracting(RecognitionDecision::targetRegion).containsExactly("CD");
        }
    }
}
