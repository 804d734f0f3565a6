package cn.cdcq.registry.chaincode.cases;

import cn.cdcq.registry.chaincode.credit.CreditFixture;
import cn.cdcq.registry.chaincode.testing.EmittedEvent;
import cn.cdcq.registry.chaincode.testing.TestIdentity;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.cases.AssistRequest;
import cn.cdcq.registry.common.cases.Complaint;
import cn.cdcq.registry.common.cases.OverdueReport;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.profile.CreditProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static cn.cdcq.registry.chaincode.credit.CreditFixture.CD_FIRM;
import static cn.cdcq.registry.chaincode.credit.CreditFixture.CQ_FIRM;
import static org.assertj.core.api.Assertions.assertThat;

class CasesContractTest {

    /** Wednesday 2026-09-30, 10:00 in Chengdu: the day before the National Day holiday. */
    private final CreditFixture f = new CreditFixture(Instant.parse("2026-09-30T02:00:00Z"));
    private static final String WORKER = CreditFixture.hash("pseudonym of a worker");

    @BeforeEach
    void calendar() {
        // Illustrative calendar: 1-7 October off, Sunday 27 September and Saturday 10 October worked.
        f.agreeCalendar(f.cqBureau, f.cdBureau, "{\"year\":2026,\"holidays\":[\"2026-10-01\","
                + "\"2026-10-02\",\"2026-10-05\",\"2026-10-06\",\"2026-10-07\",\"2026-12-31\"],"
                + "\"adjustedWorkingDays\":[\"2026-09-27\",\"2026-10-10\"]}");
        f.agreeCalendar(f.cdBureau, f.cqBureau, "{\"year\":2027,\"holidays\":[\"2027-01-01\"]}");
    }

    private Complaint file(TestIdentity who, String uscc, String receivedOn) {
        String json = "{\"workerPseudonym\":\"" + WORKER + "\",\"employerUscc\":\"" + uscc + "\",\"category\":\"WAGE_ARREARS\","
                + "\"documentHash\":\"" + CreditFixture.hash("complaint file") + "\""
                + (receivedOn == null ? "" : ",\"receivedOn\":\"" + receivedOn + "\"") + "}";
        return Json.read(f.network.<String>invoke(who, ctx -> f.cases.fileComplaint(ctx, json)), Complaint.class);
    }

    private AssistRequest ask(TestIdentity who, String toRegion, String sentOn) {
        String json = "{\"kind\":\"EVIDENCE_COLLECTION\",\"toRegion\":\"" + toRegion + "\",\"uscc\":\"" + CQ_FIRM + "\","
                + "\"requestDocumentHash\":\"" + CreditFixture.hash("letter") + "\""
                + (sentOn == null ? "" : ",\"sentOn\":\"" + sentOn + "\"") + "}";
        return Json.read(f.network.<String>invoke(who, ctx -> f.cases.requestAssist(ctx, json)), AssistRequest.class);
    }

    private OverdueReport overdue() {
        return Json.read(f.network.<String>evaluate(f.cqBureau, ctx -> f.cases.listOverdue(ctx)), OverdueReport.class);
    }

    private void at(String isoDateInChina) {
        f.network.setClock(Instant.parse(isoDateInChina + "T02:00:00Z"));
    }

    @Nested
    class Calendar {

        @Test
        void deadlinesSkipHolidaysAndWeekendsAndCountAdjustedWorkingDays() {
            @SuppressWarnings("unchecked")
            Map<String, Object> due = Json.read(f.network.<String>evaluate(f.cdBureau,
                    ctx -> f.calendar.addWorkingDays(ctx, "2026-09-30", "5")), Map.class);
            // 8 Thu, 9 Fri, 10 Sat (worked), 12 Mon, 13 Tue.
            assertThat(due.get("date")).isEqualTo("2026-10-13");
            @SuppressWarnings("unchecked")
            Map<String, Object> acrossYears = Json.read(f.network.<String>evaluate(f.cdBureau,
                    ctx -> f.calendar.addWorkingDays(ctx, "2026-12-29", "3")), Map.class);
            // 30 Wed, (31 holiday), (1 Jan holiday), (2, 3 weekend), 4 Mon, 5 Tue.
            assertThat(acrossYears.get("date")).isEqualTo("2027-01-05");
        }

        @Test
        void aDeadlineIntoAYearWithoutACalendarIsRefused() {
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.evaluate(f.cdBureau,
                    ctx -> f.calendar.addWorkingDays(ctx, "2027-12-20", "10")));
        }

        @Test
        void onlyABureauMaintainsItAndAWorkdayCannotBeAnAdjustedWorkingDay() {
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cdInspector,
                    ctx -> f.settings.proposeCalendar(ctx, "{\"year\":2028}")));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.settings.proposeCalendar(ctx, "{\"year\":2028,\"adjustedWorkingDays\":[\"2028-01-04\"]}")));
        }
    }

    @Nested
    class Complaints {

        @Test
        void filedInChengduAgainstAChongqingEmployerIsTransferredAcceptedAndClosed() {
            Complaint c = file(f.cdBureau, CQ_FIRM, null);
            assertThat(c.transferred()).isTrue();
            assertThat(c.jurisdictionRegion()).isEqualTo("CQ");
            assertThat(c.acceptanceDueOn()).isEqualTo("2026-10-13");
            EmittedEvent e = f.network.lastEvent().orElseThrow();
            assertThat(e.name()).isEqualTo("ComplaintTransferred");
            assertThat(e.payloadAsString()).contains("\"toRegion\":\"CQ\"").doesNotContain(WORKER);

            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cdBureau, ctx -> f.cases.acceptComplaint(ctx, c.id())));
            Complaint accepted = Json.read(f.network.<String>invoke(f.cqInspector,
                    ctx -> f.cases.acceptComplaint(ctx, c.id())), Complaint.class);
            assertThat(accepted.status()).isEqualTo(Complaint.Status.ACCEPTED);
            assertThat(accepted.decidedBy()).isEqualTo("CQ-INS-0001");
            Complaint closed = Json.read(f.network.<String>invoke(f.cqBureau, ctx -> f.cases.closeComplaint(ctx, c.id(),
                    "UPHELD_RECTIFIED", CreditFixture.hash("report"))), Complaint.class);
            assertThat(closed.status()).isEqualTo(Complaint.Status.CLOSED);
            assertThat(closed.outcome()).isEqualTo(Complaint.Outcome.UPHELD_RECTIFIED);
        }

        @Test
        void actionsOnClosedOrDeclinedComplaintsAreRefused() {
            Complaint c = file(f.cdBureau, CQ_FIRM, null);
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cqBureau, ctx -> f.cases.closeComplaint(ctx, c.id(),
                    "NOT_UPHELD", CreditFixture.hash("r"))));
            f.network.<String>invoke(f.cqBureau, ctx -> f.cases.acceptComplaint(ctx, c.id()));
            f.network.<String>invoke(f.cqBureau, ctx -> f.cases.closeComplaint(ctx, c.id(), "NOT_UPHELD", CreditFixture.hash("r")));
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cqBureau, ctx -> f.cases.acceptComplaint(ctx, c.id())));
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cqBureau, ctx -> f.cases.closeComplaint(ctx, c.id(),
                    "NOT_UPHELD", CreditFixture.hash("r"))));
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cqBureau, ctx -> f.cases.declineComplaint(ctx, c.id(),
                    "DUPLICATE", CreditFixture.hash("d"))));

            Complaint other = file(f.cqBureau, CD_FIRM, null);
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.cases.declineComplaint(ctx, other.id(), "because I say so", CreditFixture.hash("d"))));
            Complaint declined = Json.read(f.network.<String>invoke(f.cdBureau, ctx -> f.cases.declineComplaint(ctx,
                    other.id(), "UNDER_ARBITRATION_OR_LITIGATION", CreditFixture.hash("d"))), Complaint.class);
            assertThat(declined.declineReason()).isEqualTo(Complaint.DeclineReason.UNDER_ARBITRATION_OR_LITIGATION);
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cdBureau, ctx -> f.cases.acceptComplaint(ctx, other.id())));
        }

        @Test
        void theSameWorkersOpenComplaintIsNotFiledTwiceInEitherRegion() {
            file(f.cdBureau, CQ_FIRM, null);
            f.assertRefused(ErrorCode.ALREADY_EXISTS, () -> file(f.cqInspector, CQ_FIRM, null));
        }

        @Test
        void noPersonalDataAndNoBadDates() {
            String withName = "{\"workerPseudonym\":\"Li Si\",\"employerUscc\":\"" + CQ_FIRM + "\",\"category\":\"OTHER\","
                    + "\"documentHash\":\"" + CreditFixture.hash("x") + "\"}";
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.network.invoke(f.cdBureau, ctx -> f.cases.fileComplaint(ctx, withName)));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> file(f.cdBureau, CQ_FIRM, "2026-10-01"));
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> file(f.cdBureau, CQ_FIRM, "2026-08-01"));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> file(f.cdCenter, CQ_FIRM, null));
        }

        @Test
        void aComplaintNotDecidedInTimeIsOverdueAndFlaggedOnce() {
            Complaint c = file(f.cdBureau, CQ_FIRM, null);
            at("2026-10-13");
            assertThat(overdue().complaints()).isEmpty();
            at("2026-10-14");
            assertThat(overdue().complaints()).extracting(Complaint::id).containsExactly(c.id());
            OverdueReport flagged = Json.read(f.network.<String>invoke(f.cdBureau, ctx -> f.cases.flagOverdue(ctx)),
                    OverdueReport.class);
            assertThat(flagged.complaints()).extracting(Complaint::overdueFlaggedOn).containsExactly("2026-10-14");
            EmittedEvent e = f.network.lastEvent().orElseThrow();
            assertThat(e.name()).isEqualTo("OverdueFlagged");
            assertThat(e.payloadAsString()).contains(c.id()).doesNotContain(WORKER);
            OverdueReport again = Json.read(f.network.<String>invoke(f.cqBureau, ctx -> f.cases.flagOverdue(ctx)),
                    OverdueReport.class);
            assertThat(again.complaints()).isEmpty();
            Complaint late = Json.read(f.network.<String>invoke(f.cqBureau, ctx -> f.cases.acceptComplaint(ctx, c.id())),
                    Complaint.class);
            assertThat(late.overdueFlaggedOn()).isEqualTo("2026-10-14");
            assertThat(overdue().complaints()).isEmpty();
        }
    }

    @Nested
    class AssistRequests {

        @Test
        void areDueInTenWorkingDaysAndAnsweredOnlyByTheRegionAsked() {
            AssistRequest r = ask(f.cdInspector, "CQ", null);
            // 8, 9, 10 (worked), 12-16, 19, 20 October.
            assertThat(r.dueOn()).isEqualTo("2026-10-20");
            assertThat(f.network.lastEvent()).map(EmittedEvent::name).hasValue("AssistRequested");
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.cases.answerAssist(ctx, r.id(), CreditFixture.hash("answer"))));
            at("2026-10-20");
            AssistRequest answered = Json.read(f.network.<String>invoke(f.cqInspector2,
                    ctx -> f.cases.answerAssist(ctx, r.id(), CreditFixture.hash("answer"))), AssistRequest.class);
            assertThat(answered.answeredLate()).isFalse();
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.cases.answerAssist(ctx, r.id(), CreditFixture.hash("answer"))));
        }

        @Test
        void anUnansweredRequestIsOverdueForBothRegionsAndALateAnswerIsMarked() {
            AssistRequest r = ask(f.cdBureau, "CQ", "2026-09-15");
            assertThat(r.dueOn()).as("15 Sep + 10 working days, 27 Sep worked").isEqualTo("2026-09-28");
            assertThat(overdue().assistRequests()).extracting(AssistRequest::id).containsExactly(r.id());
            AssistRequest answered = Json.read(f.network.<String>invoke(f.cqBureau,
                    ctx -> f.cases.answerAssist(ctx, r.id(), CreditFixture.hash("answer"))), AssistRequest.class);
            assertThat(answered.answeredLate()).isTrue();
            assertThat(overdue().assistRequests()).isEmpty();
        }

        @Test
        void goesToTheOtherRegionOnly() {
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> ask(f.cdBureau, "CD", null));
            f.assertRefused(ErrorCode.NOT_FOUND, () -> ask(f.cdBureau, "GZ", null));
        }
    }

    @Test
    void theProfileShowsOpenCasesWithoutTheWorker() {
        Complaint c = file(f.cdBureau, CQ_FIRM, null);
        AssistRequest r = ask(f.cdBureau, "CQ", null);
        String json = f.network.evaluate(f.cdInspector, ctx -> f.enterprises.getCreditProfile(ctx, CQ_FIRM));
        CreditProfile p = Json.read(json, CreditProfile.class);
        assertThat(p.openComplaints()).extracting(CreditProfile.OpenCase::complaintId).containsExactly(c.id());
        assertThat(p.openAssistRequests()).extracting(AssistRequest::id).containsExactly(r.id());
        assertThat(json).doesNotContain(WORKER);
    }
}
