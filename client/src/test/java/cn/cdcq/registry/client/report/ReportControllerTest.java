package cn.cdcq.registry.client.report;

import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.Account;
import cn.cdcq.registry.client.identity.AccountRole;
import cn.cdcq.registry.client.identity.AccountUserDetails;
import cn.cdcq.registry.client.identity.Accounts;
import cn.cdcq.registry.client.web.ProblemDetails;
import cn.cdcq.registry.client.web.SecurityConfiguration;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.report.LateReport;
import cn.cdcq.registry.common.report.PlatformReport;
import cn.cdcq.registry.common.report.PlatformReportInput;
import cn.cdcq.registry.common.report.SelfFiling;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The report API's HTTP face: roles, field-named 400s, what reaches the ledger; the typed client mocked. */
@WebMvcTest(ReportController.class)
@Import({SecurityConfiguration.class, ProblemDetails.class})
class ReportControllerTest {

    static final String USCC = "91500000MA5U7Q1K33";
    static final String TX = "90a01c8af6216e66947ce5e062f774f71de1a3cfa21399bdc2418c9f8f97af70";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    UserGateways gateways;
    @MockitoBean
    AccountUserDetails users;
    @MockitoBean
    Accounts accounts;

    final ReportClient reports = mock(ReportClient.class);

    @BeforeEach
    void typedClient() {
        when(gateways.client(anyString(), any())).thenAnswer(call -> reports);
    }

    static String body(String period, long riders, long inCd, long inCq, long newForm, long injuries) {
        return "{" + (period == null ? "" : "\"period\":\"" + period + "\",")
                + "\"workersByOccupation\":[{\"occupation\":\"4-02-07-10\",\"workers\":" + riders + "}],"
                + "\"workersByRegion\":[{\"regionCode\":\"CQ\",\"workers\":" + inCq + "},{\"regionCode\":\"CD\",\"workers\":"
                + inCd + "}],\"newFormWorkers\":" + newForm + ",\"occupationalInjuries\":" + injuries
                + ",\"complaintsReceived\":4";
    }

    static PlatformReport report(int version, long total) {
        return new PlatformReport(USCC, "CQ", "2026-Q3", version, version == 1 ? null : version - 1,
                List.of(new PlatformReportInput.OccupationCount("4-02-07-10", total)),
                List.of(new PlatformReportInput.RegionCount("CQ", total)), total, 0, 0, 4, "2026-10-15",
                "2026-10-10T02:00:00.000Z", false, "2026-10-10T02:00:00.000Z", "ChongqingMSP/cq-admin",
                version == 1 ? null : "DATA_ERROR", version == 1 ? null : "a count was wrong", TX);
    }

    @Test
    @WithMockUser(username = "cq-admin", roles = "BUREAU")
    void aReportIsFiledWithItsCountsNormalizedAnd201() throws Exception {
        when(reports.file(eq(USCC), any())).thenReturn(report(1, 10));
        mvc.perform(post("/api/v1/enterprises/" + USCC + "/reports").contentType(MediaType.APPLICATION_JSON)
                        .content(body(" 2026-Q3 ", 10, 6, 4, 8, 1) + "}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.totalWorkers").value(10));
        ArgumentCaptor<PlatformReportInput> sent = ArgumentCaptor.forClass(PlatformReportInput.class);
        verify(reports).file(eq(USCC), sent.capture());
        assertThat(sent.getValue().period()).isEqualTo("2026-Q3");
        assertThat(sent.getValue().workersByRegion()).extracting(PlatformReportInput.RegionCount::regionCode)
                .containsExactly("CD", "CQ");
        assertThat(sent.getValue().newFormWorkers()).isEqualTo(8);
    }

    @Test
    @WithMockUser(username = "cq-admin", roles = "BUREAU")
    void negativeCountsABadPeriodAndMissingFieldsAreEach400NamingTheFieldAndNothingReachesTheLedger() throws Exception {
        mvc.perform(post("/api/v1/enterprises/" + USCC + "/reports").contentType(MediaType.APPLICATION_JSON)
                        .content(body("2026-Q5", -3, 6, 4, -1, 1) + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("period"))
                .andExpect(jsonPath("$.errors[*].field").value(contains("period", "workersByOccupation[0].workers",
                        "newFormWorkers")));
        mvc.perform(post("/api/v1/enterprises/" + USCC + "/reports").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"period\":\"2026-Q3\",\"workersByOccupation\":[{\"occupation\":\"4-02-07\",\"workers\":1}],"
                                + "\"workersByRegion\":[{\"regionCode\":\"C1\"}],\"newFormWorkers\":0}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("workersByOccupation[0].occupation",
                        "workersByRegion[0].regionCode", "workersByRegion[0].workers", "occupationalInjuries",
                        "complaintsReceived")));
        mvc.perform(post("/api/v1/enterprises/not-a-uscc/reports").contentType(MediaType.APPLICATION_JSON)
                        .content(body("2026-Q3", 10, 6, 4, 8, 1) + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("uscc"));
        verifyNoInteractions(reports);
    }

    @Test
    @WithMockUser(username = "cq-admin", roles = "BUREAU")
    void rulesAcrossTheCountsAreCheckedBeforeTheLedger() throws Exception {
        mvc.perform(post("/api/v1/enterprises/" + USCC + "/reports").contentType(MediaType.APPLICATION_JSON)
                        .content(body("2026-Q3", 10, 6, 5, 8, 1) + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("workersByRegion"))
                .andExpect(jsonPath("$.detail").value(startsWith("workersByRegion: the workers by occupation add up to 10")));
        mvc.perform(post("/api/v1/enterprises/" + USCC + "/reports").contentType(MediaType.APPLICATION_JSON)
                        .content(body("2026-Q3", 10, 6, 4, 11, 1) + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("newFormWorkers"));
        verifyNoInteractions(reports);
    }

    @Test
    @WithMockUser(username = "cq-admin", roles = "BUREAU")
    void aDuplicatePeriodIsTheLedgers409() throws Exception {
        when(reports.file(eq(USCC), any())).thenThrow(new LedgerException(ErrorCode.ALREADY_EXISTS,
                "enterprise " + USCC + " already has a report for 2026-Q3"));
        mvc.perform(post("/api/v1/enterprises/" + USCC + "/reports").contentType(MediaType.APPLICATION_JSON)
                        .content(body("2026-Q3", 10, 6, 4, 8, 1) + "}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("ALREADY_EXISTS"));
    }

    @Test
    @WithMockUser(username = "cq-admin", roles = "BUREAU")
    void aCorrectionTakesThePeriodFromThePathAndNeedsAReasonCodeAndAReason() throws Exception {
        mvc.perform(put("/api/v1/enterprises/" + USCC + "/reports/2026-Q3").contentType(MediaType.APPLICATION_JSON)
                        .content(body(null, 10, 6, 4, 8, 1) + ",\"reasonCode\":\"TYPO\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(contains("reasonCode", "reason")))
                .andExpect(jsonPath("$.errors[0].code").value("INVALID_REASON"));
        verifyNoInteractions(reports);

        when(reports.correct(eq(USCC), any(), eq("DATA_ERROR"), eq("a count was wrong"))).thenReturn(report(2, 10));
        mvc.perform(put("/api/v1/enterprises/" + USCC + "/reports/2026-Q3").contentType(MediaType.APPLICATION_JSON)
                        .content(body(null, 10, 6, 4, 8, 1) + ",\"reasonCode\":\"DATA_ERROR\",\"reason\":\"a count was wrong\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.supersedes").value(1));
        ArgumentCaptor<PlatformReportInput> sent = ArgumentCaptor.forClass(PlatformReportInput.class);
        verify(reports).correct(eq(USCC), sent.capture(), eq("DATA_ERROR"), eq("a count was wrong"));
        assertThat(sent.getValue().period()).isEqualTo("2026-Q3");
    }

    @Test
    @WithMockUser(username = "cq-inspector", roles = "INSPECTOR")
    void anInspectorReadsButMayNotFileOrCorrect() throws Exception {
        mvc.perform(post("/api/v1/enterprises/" + USCC + "/reports").contentType(MediaType.APPLICATION_JSON)
                        .content(body("2026-Q3", 10, 6, 4, 8, 1) + "}"))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/v1/enterprises/" + USCC + "/reports/2026-Q3").contentType(MediaType.APPLICATION_JSON)
                        .content(body(null, 10, 6, 4, 8, 1) + ",\"reasonCode\":\"DATA_ERROR\",\"reason\":\"x\"}"))
                .andExpect(status().isForbidden());
        verifyNoInteractions(reports);

        when(reports.history(USCC, "2026-Q3")).thenReturn(List.of(report(1, 10), report(2, 12)));
        mvc.perform(get("/api/v1/enterprises/" + USCC + "/reports/2026-Q3/history"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].version").value(contains(1, 2)));
        when(reports.late("2026-Q3")).thenReturn(List.of(new LateReport(USCC, "Platform", "CQ", "2026-Q3", "2026-10-15",
                LateReport.Status.MISSING, null, 3)));
        mvc.perform(get("/api/v1/reports/late").param("period", "2026-Q3"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].status").value("MISSING"));
        mvc.perform(get("/api/v1/reports/late").param("period", "2026-H2"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("period"))
                .andExpect(jsonPath("$.code").value("INVALID_PERIOD"));
    }

    @Test
    @WithMockUser(username = "cq-center", roles = "TRAINING_CENTER")
    void aTrainingCenterReadsNoReport() throws Exception {
        mvc.perform(get("/api/v1/enterprises/" + USCC + "/reports")).andExpect(status().isForbidden());
        verifyNoInteractions(reports);
    }

    // ------------------------------------------------------------------ the enterprise's own account

    static final String OTHER_USCC = "91500000MA5U00002" + cn.cdcq.registry.common.format.Uscc.checkCharacter("91500000MA5U00002");

    /** The account "cq-platform" of role ENTERPRISE, for {@link #USCC}. */
    void platformAccount() {
        when(accounts.find("cq-platform")).thenReturn(Optional.of(new Account("cq-platform", AccountRole.ENTERPRISE,
                null, null, "hash", "pem", "key", "2026-01-01T00:00:00Z", "cq-admin", USCC)));
    }

    static PlatformReport byPlatform(int version, long total) {
        PlatformReport r = report(version, total);
        return new PlatformReport(r.uscc(), r.regionCode(), r.period(), r.version(), r.supersedes(), r.workersByOccupation(),
                r.workersByRegion(), r.totalWorkers(), r.newFormWorkers(), r.occupationalInjuries(), r.complaintsReceived(),
                r.dueOn(), r.firstFiledAt(), r.late(), r.filedAt(), "ChongqingMSP/cq-platform", r.reasonCode(), r.reason(),
                r.txId());
    }

    @Test
    @WithMockUser(username = "cq-platform", roles = "ENTERPRISE")
    void anEnterpriseAccountFilesAndCorrectsItsOwnReport() throws Exception {
        platformAccount();
        when(reports.file(eq(USCC), any())).thenReturn(byPlatform(1, 10));
        mvc.perform(post("/api/v1/enterprises/" + USCC + "/reports").contentType(MediaType.APPLICATION_JSON)
                        .content(body("2026-Q3", 10, 6, 4, 8, 1) + "}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.filedBy").value("ChongqingMSP/cq-platform"));
        verify(reports).file(eq(USCC), any());

        when(reports.correct(eq(USCC), any(), eq("LATE_RECORDS"), eq("two riders more"))).thenReturn(byPlatform(2, 12));
        mvc.perform(put("/api/v1/enterprises/" + USCC + "/reports/2026-Q3").contentType(MediaType.APPLICATION_JSON)
                        .content(body(null, 12, 8, 4, 8, 1) + ",\"reasonCode\":\"LATE_RECORDS\",\"reason\":\"two riders more\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2));
        verify(reports).correct(eq(USCC), any(), eq("LATE_RECORDS"), eq("two riders more"));

        when(reports.history(USCC, "2026-Q3")).thenReturn(List.of(byPlatform(1, 10), byPlatform(2, 12)));
        mvc.perform(get("/api/v1/enterprises/" + USCC + "/reports/2026-Q3/history"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].version").value(contains(1, 2)));
    }

    @Test
    @WithMockUser(username = "cq-platform", roles = "ENTERPRISE")
    void anEnterpriseAccountIsRefusedAnotherEnterprisesReportsBeforeTheLedger() throws Exception {
        platformAccount();
        mvc.perform(post("/api/v1/enterprises/" + OTHER_USCC + "/reports").contentType(MediaType.APPLICATION_JSON)
                        .content(body("2026-Q3", 10, 6, 4, 8, 1) + "}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(
                        "only its own enterprise's reports (" + USCC + "), not " + OTHER_USCC)));
        mvc.perform(put("/api/v1/enterprises/" + OTHER_USCC + "/reports/2026-Q3").contentType(MediaType.APPLICATION_JSON)
                        .content(body(null, 10, 6, 4, 8, 1) + ",\"reasonCode\":\"DATA_ERROR\",\"reason\":\"x\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/enterprises/" + OTHER_USCC + "/reports")).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/enterprises/" + OTHER_USCC + "/reports/2026-Q3")).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/enterprises/" + OTHER_USCC + "/reports/2026-Q3/history")).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/reports/late").param("period", "2026-Q3")).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/reports/totals").param("period", "2026-Q3")).andExpect(status().isForbidden());
        mvc.perform(put("/api/v1/reports/self-filing/CQ").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"allowed\":true}"))
                .andExpect(status().isForbidden());
        verifyNoInteractions(reports);
    }

    @Test
    @WithMockUser(username = "cq-platform", roles = "ENTERPRISE")
    void withTheSwitchOffTheLedgersRefusalIs403() throws Exception {
        platformAccount();
        when(reports.file(eq(USCC), any())).thenThrow(new LedgerException("FORBIDDEN", "region CQ does not let "
                + "enterprises file their own reports (its self-filing switch is off; ...)", List.of(), null));
        mvc.perform(post("/api/v1/enterprises/" + USCC + "/reports").contentType(MediaType.APPLICATION_JSON)
                        .content(body("2026-Q3", 10, 6, 4, 8, 1) + "}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("self-filing switch is off")));
        when(reports.selfFiling("CQ")).thenReturn(SelfFiling.off("CQ"));
        mvc.perform(get("/api/v1/reports/self-filing/CQ"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.allowed").value(false))
                .andExpect(jsonPath("$.revision").value(0));
    }

    @Test
    @WithMockUser(username = "cq-admin", roles = "BUREAU")
    void theBureauSetsTheSwitchAndABureauFilesWithoutAnAccountLookUp() throws Exception {
        when(reports.setSelfFiling("CQ", true)).thenReturn(new SelfFiling("CQ", true, 1, "2026-10-01T02:00:00.000Z",
                "ChongqingMSP/cq-admin"));
        mvc.perform(put("/api/v1/reports/self-filing/CQ").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"allowed\":true}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.allowed").value(true))
                .andExpect(jsonPath("$.revision").value(1))
                .andExpect(jsonPath("$.setBy").value("ChongqingMSP/cq-admin"));
        verify(reports).setSelfFiling("CQ", true);
        mvc.perform(put("/api/v1/reports/self-filing/CQ").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("allowed"));
        mvc.perform(put("/api/v1/reports/self-filing/Chongqing").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"allowed\":false}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("regionCode"));
        when(reports.setSelfFiling("CD", true)).thenThrow(new LedgerException("FORBIDDEN", "only CD's bureau sets it, "
                + "not CQ", List.of(), null));
        mvc.perform(put("/api/v1/reports/self-filing/CD").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"allowed\":true}"))
                .andExpect(status().isForbidden());

        when(reports.file(eq(OTHER_USCC), any())).thenReturn(report(1, 10));
        mvc.perform(post("/api/v1/enterprises/" + OTHER_USCC + "/reports").contentType(MediaType.APPLICATION_JSON)
                        .content(body("2026-Q3", 10, 6, 4, 8, 1) + "}"))
                .andExpect(status().isCreated());
        verify(accounts, never()).find(anyString());
    }

    @Test
    @WithMockUser(username = "cq-inspector", roles = "INSPECTOR")
    void anInspectorReadsTheSwitchButMayNotSetIt() throws Exception {
        mvc.perform(put("/api/v1/reports/self-filing/CQ").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"allowed\":true}"))
                .andExpect(status().isForbidden());
        verify(reports, never()).setSelfFiling(anyString(), org.mockito.ArgumentMatchers.anyBoolean());
        when(reports.selfFiling("CD")).thenReturn(new SelfFiling("CD", true, 3, "2026-10-01T02:00:00.000Z",
                "ChengduMSP/cd-admin"));
        mvc.perform(get("/api/v1/reports/self-filing/CD"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.allowed").value(true));
    }
}
