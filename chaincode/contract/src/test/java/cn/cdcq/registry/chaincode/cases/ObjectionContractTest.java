package cn.cdcq.registry.chaincode.cases;

import cn.cdcq.registry.chaincode.credit.CreditFixture;
import cn.cdcq.registry.chaincode.credit.JointMeasures;
import cn.cdcq.registry.chaincode.credit.CreditLedger;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.chaincode.testing.EmittedEvent;
import cn.cdcq.registry.chaincode.testing.TestIdentity;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.cases.CreditRepair;
import cn.cdcq.registry.common.cases.Objection;
import cn.cdcq.registry.common.cases.ObjectionEvents;
import cn.cdcq.registry.common.credit.CreditRating;
import cn.cdcq.registry.common.credit.CreditRatingStatement;
import cn.cdcq.registry.common.credit.JointRestriction;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.credit.ViolationStatus;
import cn.cdcq.registry.common.credit.ViolationType;
import cn.cdcq.registry.common.credit.WageArrearsListing;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.settings.SettingProposal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static cn.cdcq.registry.chaincode.credit.CreditFixture.CD_FIRM;
import static cn.cdcq.registry.chaincode.credit.CreditFixture.hash;
import static cn.cdcq.registry.chaincode.credit.CreditFixture.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Objections and credit repair (docs/objections.md) on the in-memory channel: CD_FIRM is a
 * Chengdu enterprise, so Chengdu's bureau files for it and the region that made each record
 * decides. Friday 2026-11-20, a 2026 calendar with Tuesday 2026-11-24 a holiday.
 */
class ObjectionContractTest {

    static final Instant START = Instant.parse("2026-11-20T02:00:00Z");
    static final String HOLIDAY = "2026-11-24";

    CreditFixture f;
    final ObjectionContract objections = new ObjectionContract();
    final RepairContract repairs = new RepairContract();

    @BeforeEach
    void setUp() {
        f = new CreditFixture(START);
        f.agreeCalendar(f.cdBureau, f.cqBureau, "{\"year\":2026,\"holidays\":[\"" + HOLIDAY + "\"]}");
        f.agreeCalendar(f.cqBureau, f.cdBureau, "{\"year\":2027,\"holidays\":[\"2027-01-01\"]}");
    }

    // ------------------------------------------------------------------ helpers

    Objection file(TestIdentity bureau, Objection.Target target, String recordId) {
        String json = Json.write(new Objection.Input(target, recordId, "FACTS_INCORRECT",
                "the workers named were adults; see the birth register extract", List.of(hash("extract"))));
        return read(f.network.<String>invoke(bureau, ctx -> objections.file(ctx, json)), Objection.class);
    }

    Objection decide(TestIdentity bureau, String id, Objection.Status outcome, Objection.Correction correction) {
        String json = Json.write(new Objection.DecisionInput(outcome, "reviewed the evidence", correction));
        return read(f.network.<String>invoke(bureau, ctx -> objections.decide(ctx, id, json)), Objection.class);
    }

    Map<String, Object> effectiveLevel(TestIdentity who) {
        com.fasterxml.jackson.databind.JsonNode n = Json.tree(f.network.<String>evaluate(who,
                ctx -> f.ratings.getEffectiveLevel(ctx, CD_FIRM)));
        Map<String, Object> out = new java.util.HashMap<>();
        n.properties().forEach(e -> out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue()));
        return out;
    }

    List<JointRestriction> restrictions() {
        return f.network.evaluate(f.cdBureau, ctx -> new JointMeasures(new CreditLedger(new Ledger(ctx)))
                .inForce(CD_FIRM, LocalDate.parse("2026-11-20")));
    }

    /** Chongqing's inspector finds child labor at the Chengdu firm; Chongqing rates it C for 2026. */
    Violation chongqingChildLaborRatedC() {
        Violation v = f.penalized(f.cqInspector, CD_FIRM, "CHILD_LABOR", "2026-11-01");
        CreditRating r = f.rate(f.cqBureau, f.cqAttestation, CD_FIRM, 2026, "", "");
        assertThat(r.statement().level().name()).isEqualTo("C");
        return v;
    }

    WageArrearsListing chongqingListing() {
        f.setThreshold(f.cqBureau, 1_000_000);
        Violation v = f.record(f.cqInspector, CD_FIRM, "WAGE_ARREARS", 5_000_000, "2026-11-01", false, false, "PENALIZED");
        String json = "{\"violationId\":\"" + v.id() + "\",\"orderIgnored\":true,\"responsiblePersonPseudonyms\":[]}";
        return read(f.network.<String>invoke(f.cqBureau, ctx -> f.blacklist.list(ctx, json)), WageArrearsListing.class);
    }

    // ------------------------------------------------------------------ objections

    @Nested
    class AcceptedObjections {

        @Test
        void annullingChongqingsViolationChangesTheLevelBothRegionsReadAndTheOutcomeIsAnEvent() {
            Violation v = chongqingChildLaborRatedC();
            assertThat(effectiveLevel(f.cdBureau).get("effectiveLevel")).isEqualTo("C");
            assertThat(restrictions()).extracting(JointRestriction::cause).containsExactly(JointRestriction.Cause.C_RATING);

            Instant txTime = f.network.clock();
            Objection o = file(f.cdBureau, Objection.Target.VIOLATION, v.id());
            assertThat(o.filingRegion()).isEqualTo("CD");
            assertThat(o.decidingRegion()).isEqualTo("CQ");
            assertThat(o.status()).isEqualTo(Objection.Status.PENDING);
            assertThat(o.filedBy()).isEqualTo(CreditFixture.CD_MSP + "/cd-bureau");
            assertThat(o.filedByRole()).isEqualTo("bureau");
            assertThat(Instant.parse(o.filedAt())).as("the transaction's time, not the wall clock").isEqualTo(txTime);
            assertThat(f.network.lastEvent().orElseThrow().name()).isEqualTo(ObjectionEvents.OBJECTION_FILED);

            Objection decided = decide(f.cqBureau, o.id(), Objection.Status.ANNULLED, null);
            assertThat(decided.status()).isEqualTo(Objection.Status.ANNULLED);
            assertThat(decided.decision().decidedBy()).isEqualTo(CreditFixture.CQ_MSP + "/cq-bureau");
            assertThat(decided.decision().decidedByRole()).isEqualTo("bureau");
            assertThat(decided.decision().reason()).isEqualTo("reviewed the evidence");
            assertThat(decided.decision().decidedAt()).startsWith("2026-11-20T02:00");
            assertThat(decided.decision().late()).isFalse();
            assertThat(decided.decision().ratingsAdjusted()).containsExactly(CD_FIRM + "/CQ/2026/r1");
            EmittedEvent event = f.network.lastEvent().orElseThrow();
            assertThat(event.name()).isEqualTo(ObjectionEvents.OBJECTION_DECIDED);
            ObjectionEvents.ObjectionChanged payload = Json.read(event.payloadAsString(), ObjectionEvents.ObjectionChanged.class);
            assertThat(payload.status()).isEqualTo(Objection.Status.ANNULLED);
            assertThat(payload.filingRegion()).isEqualTo("CD");

            Violation after = read(f.network.<String>evaluate(f.cdBureau, ctx -> f.violations.getViolation(ctx, v.id())),
                    Violation.class);
            assertThat(after.status()).isEqualTo(ViolationStatus.ANNULLED);
            for (TestIdentity reader : List.of(f.cdBureau, f.cqBureau, f.cqInspector)) {
                assertThat(effectiveLevel(reader).get("effectiveLevel")).as("read by %s", reader).isEqualTo("A");
            }
            assertThat(restrictions()).isEmpty();
            // The signed statement is untouched: its signature still verifies; the objection sits beside it.
            CreditRating r = read(f.network.<String>evaluate(f.cdBureau, ctx -> f.ratings.getRating(ctx, CD_FIRM, "CQ",
                    "2026")), CreditRating.class);
            assertThat(r.statement().level().name()).isEqualTo("C");
            assertThat(r.levelInForce().name()).isEqualTo("A");
            assertThat(r.objection().objectionId()).isEqualTo(o.id());
            assertThat(CreditRatingStatement.verify(r.statement(), Signatures.parseCertificate(
                    f.cqAttestation.certificatePem()).getPublicKey(), cn.cdcq.registry.common.crypto.Hashes.fromHex(
                    r.signatureHex()))).isTrue();
            // A new rating of the year by the rules no longer counts the annulled violation.
            assertThat(f.preview(f.cqBureau, CD_FIRM, 2026, "", "").level().name()).isEqualTo("A");
        }

        @Test
        void correctingAViolationsTypeReratesByTheRules() {
            Violation v = chongqingChildLaborRatedC();
            Objection o = file(f.cdBureau, Objection.Target.VIOLATION, v.id());
            Objection decided = decide(f.cqBureau, o.id(), Objection.Status.CORRECTED,
                    new Objection.Correction(ViolationType.ILLEGAL_OVERTIME, null, null, null));
            assertThat(decided.decision().correction().type()).isEqualTo(ViolationType.ILLEGAL_OVERTIME);
            assertThat(decided.decision().correction().major()).isFalse();
            assertThat(effectiveLevel(f.cdBureau).get("effectiveLevel")).isEqualTo("B");
        }

        @Test
        void correctingARatingsLevelLiftsTheRestriction() {
            chongqingChildLaborRatedC();
            Objection o = file(f.cdBureau, Objection.Target.RATING, CD_FIRM + "/CQ/2026");
            assertThat(o.recordRevision()).isEqualTo(1);
            decide(f.cqBureau, o.id(), Objection.Status.CORRECTED, new Objection.Correction(null, null, null,
                    cn.cdcq.registry.common.credit.CreditLevel.B));
            assertThat(effectiveLevel(f.cqBureau).get("effectiveLevel")).isEqualTo("B");
            assertThat(restrictions()).isEmpty();
        }

        @Test
        void annullingARatingLeavesTheRegionUnrated() {
            chongqingChildLaborRatedC();
            Objection o = file(f.cdBureau, Objection.Target.RATING, CD_FIRM + "/CQ/2026");
            decide(f.cqBureau, o.id(), Objection.Status.ANNULLED, null);
            assertThat(effectiveLevel(f.cdBureau)).doesNotContainKey("effectiveLevel");
            f.assertRefused(ErrorCode.CONFLICT, () -> file(f.cdBureau, Objection.Target.RATING, CD_FIRM + "/CQ/2026"));
        }

        @Test
        void annullingAListingEndsItInBothRegions() {
            WageArrearsListing l = chongqingListing();
            assertThat(restrictions()).extracting(JointRestriction::recordId).containsExactly(l.id());
            Objection o = file(f.cdBureau, Objection.Target.LISTING, l.id());
            assertThat(o.decidingRegion()).isEqualTo("CQ");
            decide(f.cqBureau, o.id(), Objection.Status.ANNULLED, null);
            assertThat(restrictions()).isEmpty();
            Map<?, ?> status = read(f.network.<String>evaluate(f.cdBureau, ctx -> f.blacklist.getStatus(ctx, CD_FIRM)),
                    Map.class);
            assertThat(status.get("listed")).isEqualTo(false);
        }

        @Test
        void annullingTheViolationAListingRestsOnAnnulsTheListing() {
            WageArrearsListing l = chongqingListing();
            Objection o = file(f.cdBureau, Objection.Target.VIOLATION, l.violationId());
            Objection decided = decide(f.cqBureau, o.id(), Objection.Status.ANNULLED, null);
            assertThat(decided.decision().listingsAnnulled()).containsExactly(l.id());
            assertThat(restrictions()).isEmpty();
        }

        @Test
        void aRejectionChangesNothingButTheObjection() {
            Violation v = chongqingChildLaborRatedC();
            Objection o = file(f.cdBureau, Objection.Target.VIOLATION, v.id());
            Objection decided = decide(f.cqBureau, o.id(), Objection.Status.REJECTED, null);
            assertThat(decided.status()).isEqualTo(Objection.Status.REJECTED);
            assertThat(effectiveLevel(f.cdBureau).get("effectiveLevel")).isEqualTo("C");
            List<?> pending = read(f.network.<String>evaluate(f.cqBureau, ctx -> objections.list(ctx, "", "CQ", "PENDING")),
                    List.class);
            assertThat(pending).isEmpty();
            List<?> mine = read(f.network.<String>evaluate(f.cqBureau, ctx -> objections.list(ctx, CD_FIRM, "", "")),
                    List.class);
            assertThat(mine).hasSize(1);
        }
    }

    @Nested
    class Deadlines {

        @Test
        void theDeadlineCountsWorkingDaysOnTheSharedCalendarSkippingTheHoliday() {
            SettingProposal p = read(f.network.<String>invoke(f.cdBureau, ctx -> f.settings.proposeCaseSettings(ctx,
                    "{\"acceptanceWorkingDays\":5,\"assistWorkingDays\":10,\"objectionWorkingDays\":3}")),
                    SettingProposal.class);
            f.network.invoke(f.cqBureau, ctx -> f.settings.acceptProposal(ctx, p.id()));
            Violation v = chongqingChildLaborRatedC();
            Objection o = file(f.cdBureau, Objection.Target.VIOLATION, v.id());
            // Fri 20 filed; Mon 23 (1), Tue 24 holiday, Wed 25 (2), Thu 26 (3).
            assertThat(o.dueOn()).isEqualTo("2026-11-26");
        }

        @Test
        void withoutASettingTheDefaultFifteenWorkingDaysApply() {
            Violation v = chongqingChildLaborRatedC();
            Objection o = file(f.cdBureau, Objection.Target.VIOLATION, v.id());
            // 15 working days after Fri 2026-11-20, Tue 24 off: Dec 11 without the holiday, so Dec 14.
            assertThat(o.dueOn()).isEqualTo("2026-12-14");
        }

        @Test
        void aDecisionAfterTheDeadlineIsRecordedAsLate() {
            Violation v = chongqingChildLaborRatedC();
            Objection o = file(f.cdBureau, Objection.Target.VIOLATION, v.id());
            f.network.setClock(Instant.parse("2026-12-15T02:00:00Z"));
            assertThat(decide(f.cqBureau, o.id(), Objection.Status.REJECTED, null).decision().late()).isTrue();
        }
    }

    @Nested
    class Refusals {

        @Test
        void theOtherRegionCannotDecideNorFileForAnEnterpriseNotItsOwn() {
            Violation v = chongqingChildLaborRatedC();
            f.assertRefused(ErrorCode.FORBIDDEN, () -> file(f.cqBureau, Objection.Target.VIOLATION, v.id()));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> file(f.cdInspector, Objection.Target.VIOLATION, v.id()));
            Objection o = file(f.cdBureau, Objection.Target.VIOLATION, v.id());
            f.assertRefused(ErrorCode.FORBIDDEN, () -> decide(f.cdBureau, o.id(), Objection.Status.ANNULLED, null));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> decide(f.cqInspector, o.id(), Objection.Status.ANNULLED, null));
            assertThat(effectiveLevel(f.cdBureau).get("effectiveLevel")).isEqualTo("C");
        }

        @Test
        void closedRecordsAndSecondObjectionsAreRefused() {
            Violation v = chongqingChildLaborRatedC();
            Objection o = file(f.cdBureau, Objection.Target.VIOLATION, v.id());
            f.assertRefused(ErrorCode.ALREADY_EXISTS, () -> file(f.cdBureau, Objection.Target.VIOLATION, v.id()));
            decide(f.cqBureau, o.id(), Objection.Status.ANNULLED, null);
            f.assertRefused(ErrorCode.CONFLICT, () -> file(f.cdBureau, Objection.Target.VIOLATION, v.id()));
            f.assertRefused(ErrorCode.CONFLICT, () -> decide(f.cqBureau, o.id(), Objection.Status.REJECTED, null));
            // A decided objection closes the record to objections, whatever the outcome.
            Violation other = f.penalized(f.cdInspector, CD_FIRM, "ILLEGAL_OVERTIME", "2026-11-02");
            Objection rejected = file(f.cdBureau, Objection.Target.VIOLATION, other.id());
            decide(f.cdBureau, rejected.id(), Objection.Status.REJECTED, null);
            f.assertRefused(ErrorCode.CONFLICT, () -> file(f.cdBureau, Objection.Target.VIOLATION, other.id()));
        }

        @Test
        void aListingRemovedEarlyIsClosed() {
            WageArrearsListing l = chongqingListing();
            f.network.setClock(Instant.parse("2027-06-01T02:00:00Z"));
            String removal = "{\"listingId\":\"" + l.id() + "\",\"wagesPaid\":true,\"rectificationDate\":\"2026-11-20\","
                    + "\"pledgeDocumentHash\":\"" + hash("pledge") + "\"}";
            f.network.invoke(f.cqBureau, ctx -> f.blacklist.removeEarly(ctx, removal));
            f.assertRefused(ErrorCode.CONFLICT, () -> file(f.cdBureau, Objection.Target.LISTING, l.id()));
        }

        @Test
        void aRecordClosedWhileTheObjectionWasPendingCannotBeDecided() {
            WageArrearsListing l = chongqingListing();
            Objection o = file(f.cdBureau, Objection.Target.LISTING, l.id());
            f.network.setClock(Instant.parse("2027-06-01T02:00:00Z"));
            String removal = "{\"listingId\":\"" + l.id() + "\",\"wagesPaid\":true,\"rectificationDate\":\"2026-11-20\","
                    + "\"pledgeDocumentHash\":\"" + hash("pledge") + "\"}";
            f.network.invoke(f.cqBureau, ctx -> f.blacklist.removeEarly(ctx, removal));
            f.assertRefused(ErrorCode.CONFLICT, () -> decide(f.cqBureau, o.id(), Objection.Status.ANNULLED, null));
        }

        @Test
        void badInputIsRefusedNamingTheFieldAndWritesNothing() {
            Violation v = chongqingChildLaborRatedC();
            String id = v.id();
            assertInvalid("reasonCode", () -> f.network.invoke(f.cdBureau, ctx -> objections.file(ctx,
                    "{\"target\":\"VIOLATION\",\"recordId\":\"" + id + "\",\"reasonCode\":\"DISLIKE\",\"reason\":\"x\"}")));
            assertInvalid("reason holds a resident ID number", () -> f.network.invoke(f.cdBureau, ctx -> objections.file(ctx,
                    "{\"target\":\"VIOLATION\",\"recordId\":\"" + id + "\",\"reasonCode\":\"OTHER\",\"reason\":"
                            + "\"the worker 11010519491231002X was an adult\"}")));
            assertInvalid("evidenceHashes[0]", () -> f.network.invoke(f.cdBureau, ctx -> objections.file(ctx,
                    "{\"target\":\"VIOLATION\",\"recordId\":\"" + id + "\",\"reasonCode\":\"OTHER\",\"reason\":\"x\","
                            + "\"evidenceHashes\":[\"not-a-hash\"]}")));
            assertInvalid("USCC/REGION/YEAR", () -> f.network.invoke(f.cdBureau, ctx -> objections.file(ctx,
                    "{\"target\":\"RATING\",\"recordId\":\"" + CD_FIRM + "-CQ-2026\",\"reasonCode\":\"OTHER\",\"reason\":\"x\"}")));
            f.assertRefused(ErrorCode.NOT_FOUND, () -> file(f.cdBureau, Objection.Target.VIOLATION, "no-such-violation"));
            Objection o = file(f.cdBureau, Objection.Target.VIOLATION, id);
            assertInvalid("correction is missing", () -> f.network.invoke(f.cqBureau, ctx -> objections.decide(ctx, o.id(),
                    "{\"outcome\":\"CORRECTED\",\"reason\":\"x\"}")));
            assertInvalid("changes nothing", () -> f.network.invoke(f.cqBureau, ctx -> objections.decide(ctx, o.id(),
                    "{\"outcome\":\"CORRECTED\",\"reason\":\"x\",\"correction\":{\"type\":\"CHILD_LABOR\"}}")));
            assertInvalid("for a rating", () -> f.network.invoke(f.cqBureau, ctx -> objections.decide(ctx, o.id(),
                    "{\"outcome\":\"CORRECTED\",\"reason\":\"x\",\"correction\":{\"level\":\"A\"}}")));
            assertInvalid("PENDING", () -> f.network.invoke(f.cqBureau, ctx -> objections.decide(ctx, o.id(),
                    "{\"outcome\":\"PENDING\",\"reason\":\"x\"}")));
            WageArrearsListing l = chongqingListing();
            Objection onListing = file(f.cdBureau, Objection.Target.LISTING, l.id());
            assertInvalid("nothing in it to correct", () -> f.network.invoke(f.cqBureau, ctx -> objections.decide(ctx,
                    onListing.id(), "{\"outcome\":\"CORRECTED\",\"reason\":\"x\",\"correction\":{\"major\":true}}")));
        }

        private void assertInvalid(String message, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
            f.assertRefused(ErrorCode.INVALID_INPUT, call);
            assertThatThrownBy(call).hasMessageContaining(message);
        }
    }

    // ------------------------------------------------------------------ credit repair

    @Nested
    class Repair {

        String repairJson(String listingId, boolean paid, String rectified) {
            return Json.write(new CreditRepair.Input(listingId, paid, rectified, hash("pledge"), List.of(hash("receipt"))));
        }

        CreditRepair apply(TestIdentity bureau, String json) {
            return read(f.network.<String>invoke(bureau, ctx -> repairs.apply(ctx, json)), CreditRepair.class);
        }

        CreditRepair decide(TestIdentity bureau, String id, CreditRepair.Status outcome) {
            String json = Json.write(new CreditRepair.DecisionInput(outcome, "wages paid, pledge on file"));
            return read(f.network.<String>invoke(bureau, ctx -> repairs.decide(ctx, id, json)), CreditRepair.class);
        }

        @Test
        void aRepairTooEarlyIsRefusedSayingWhenItBecomesPossible() {
            WageArrearsListing l = chongqingListing();
            f.assertRefused(ErrorCode.TOO_EARLY, () -> apply(f.cdBureau, repairJson(l.id(), true, "2026-11-19")));
            assertThatThrownBy(() -> apply(f.cdBureau, repairJson(l.id(), true, "2026-11-19")))
                    .hasMessageContaining("possible from 2027-05-20");
            f.network.setClock(Instant.parse("2027-05-19T15:59:00Z")); // 2027-05-19 23:59 in China
            f.assertRefused(ErrorCode.TOO_EARLY, () -> apply(f.cdBureau, repairJson(l.id(), true, "2026-11-19")));
            f.network.setClock(Instant.parse("2027-05-19T16:00:00Z"));
            CreditRepair r = apply(f.cdBureau, repairJson(l.id(), true, "2026-11-19"));
            assertThat(r.earliestOn()).isEqualTo("2027-05-20");
            assertThat(r.decidingRegion()).isEqualTo("CQ");
            assertThat(r.appliedBy()).isEqualTo(CreditFixture.CD_MSP + "/cd-bureau");
        }

        @Test
        void theListingRegionGrantsAndTheListingEndsEarlyInBothRegions() {
            WageArrearsListing l = chongqingListing();
            f.network.setClock(Instant.parse("2027-06-01T02:00:00Z"));
            CreditRepair r = apply(f.cdBureau, repairJson(l.id(), true, "2026-12-01"));
            assertThat(f.network.lastEvent().orElseThrow().name()).isEqualTo(ObjectionEvents.REPAIR_APPLIED);
            f.assertRefused(ErrorCode.ALREADY_EXISTS, () -> apply(f.cdBureau, repairJson(l.id(), true, "2026-12-01")));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> decide(f.cdBureau, r.id(), CreditRepair.Status.GRANTED));
            CreditRepair granted = decide(f.cqBureau, r.id(), CreditRepair.Status.GRANTED);
            assertThat(granted.status()).isEqualTo(CreditRepair.Status.GRANTED);
            assertThat(granted.decision().decidedBy()).isEqualTo(CreditFixture.CQ_MSP + "/cq-bureau");
            assertThat(granted.decision().decidedAt()).startsWith("2027-06-01T02:00");
            assertThat(f.network.lastEvent().orElseThrow().name()).isEqualTo(ObjectionEvents.REPAIR_DECIDED);
            WageArrearsListing after = read(f.network.<String>evaluate(f.cdBureau, ctx -> f.blacklist.getListing(ctx,
                    l.id())), WageArrearsListing.class);
            assertThat(after.status()).isEqualTo(WageArrearsListing.Status.REMOVED_EARLY);
            assertThat(after.removal().removedBy()).isEqualTo(CreditFixture.CQ_MSP + "/cq-bureau");
            f.assertRefused(ErrorCode.CONFLICT, () -> decide(f.cqBureau, r.id(), CreditRepair.Status.REFUSED));
            f.assertRefused(ErrorCode.CONFLICT, () -> apply(f.cdBureau, repairJson(l.id(), true, "2026-12-01")));
        }

        @Test
        void aRefusalKeepsTheListingAndOnlyTheEnterprisesRegionApplies() {
            WageArrearsListing l = chongqingListing();
            f.network.setClock(Instant.parse("2027-06-01T02:00:00Z"));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> apply(f.cqBureau, repairJson(l.id(), true, "2026-12-01")));
            f.assertRefused(ErrorCode.CONFLICT, () -> apply(f.cdBureau, repairJson(l.id(), false, "2026-12-01")));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> apply(f.cdBureau, repairJson(l.id(), true, "2027-07-01")));
            f.assertRefused(ErrorCode.NOT_FOUND, () -> apply(f.cdBureau, repairJson("nope", true, "2026-12-01")));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.network.invoke(f.cdBureau, ctx -> repairs.apply(ctx,
                    "{\"listingId\":\"" + l.id() + "\",\"wagesPaid\":true,\"rectificationDate\":\"2026-12-01\"}")));
            CreditRepair r = apply(f.cdBureau, repairJson(l.id(), true, "2026-12-01"));
            decide(f.cqBureau, r.id(), CreditRepair.Status.REFUSED);
            WageArrearsListing after = read(f.network.<String>evaluate(f.cdBureau, ctx -> f.blacklist.getListing(ctx,
                    l.id())), WageArrearsListing.class);
            assertThat(after.status()).isEqualTo(WageArrearsListing.Status.LISTED);
            assertThat(restrictions()).extracting(JointRestriction::recordId).containsExactly(l.id());
        }
    }
}
