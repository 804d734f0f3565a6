package cn.cdcq.registry.client.web.bureau;

import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.AccountUserDetails;
import cn.cdcq.registry.client.report.ReportClient;
import cn.cdcq.registry.client.web.PageSlices;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.report.LateReport;
import cn.cdcq.registry.common.report.PeriodTotals;
import cn.cdcq.registry.common.report.PlatformReport;
import cn.cdcq.registry.common.report.PlatformReportInput;
import cn.cdcq.registry.common.report.ReportPeriod;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The bureau's report page: the late list and totals of a quarter, a platform's reports and one report's versions. */
@WebMvcTest(ReportDeskController.class)
@Import(PageSlices.Chengdu.class)
@TestPropertySource(properties = "registry.region-code=CD")
class ReportDeskPageTest {

    static final String USCC = "91510100MA61R5XX0" + cn.cdcq.registry.common.format.Uscc.checkCharacter("91510100MA61R5XX0");
    static final String CQ_USCC = "91500000MA5U7Q1K33";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    UserGateways gateways;
    @MockitoBean
    AccountUserDetails users;

    final ReportClient reports = mock(ReportClient.class);

    @BeforeEach
    void client() {
        when(gateways.client(eq("cd-bureau"), any())).thenAnswer(call -> reports);
    }

    static PlatformReport version(int v, long riders, String code, String reason) {
        return new PlatformReport(USCC, "CD", "2026-Q3", v, v == 1 ? null : v - 1,
                List.of(new PlatformReportInput.OccupationCount("4-02-07-10", riders)),
                List.of(new PlatformReportInput.RegionCount("CD", riders)), riders, riders, 1, 2, "2026-10-15",
                "2026-10-20T02:00:00.000Z", true, "2026-10-2" + v + "T02:00:00.000Z", "ChengduMSP/cd-bureau", code, reason,
                "f".repeat(64));
    }

    @Test
    void theLateListOfBothRegionsAndTheQuartersTotalsAreShown() throws Exception {
        when(reports.late("2026-Q3")).thenReturn(List.of(
                new LateReport(USCC, "Chengdu Rider Platform", "CD", "2026-Q3", "2026-10-15", LateReport.Status.FILED_LATE,
                        "2026-10-20T02:00:00.000Z", 5),
                new LateReport(CQ_USCC, "Chongqing Delivery Platform", "CQ", "2026-Q3", "2026-10-15", LateReport.Status.MISSING,
                        null, 49)));
        when(reports.totals("2026-Q3")).thenReturn(new PeriodTotals("2026-Q3", new PeriodTotals.Totals(null, 1, 45, 45, 1, 2),
                List.of(new PeriodTotals.Totals("CD", 1, 45, 45, 1, 2))));
        mvc.perform(get("/bureau/reports").param("period", "2026-Q3").with(user("cd-bureau").roles("BUREAU")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-uscc=\"" + USCC + "\" data-status=\"FILED_LATE\"")))
                .andExpect(content().string(containsString("data-uscc=\"" + CQ_USCC + "\" data-status=\"MISSING\"")))
                .andExpect(content().string(containsString("未报送")))
                .andExpect(content().string(containsString("逾期报送")))
                .andExpect(content().string(containsString("<tr id=\"totals-all\">")));
    }

    @Test
    void aPlatformsReportsAndTheVersionsOfOneAreShownWithWhoWhenAndWhy() throws Exception {
        when(reports.late(anyString())).thenReturn(List.of());
        when(reports.totals(anyString())).thenReturn(new PeriodTotals("2026-Q3", new PeriodTotals.Totals(null, 0, 0, 0, 0, 0), List.of()));
        when(reports.reports(USCC)).thenReturn(List.of(version(2, 45, "LATE_RECORDS", "five riders added")));
        when(reports.history(USCC, "2026-Q3")).thenReturn(List.of(version(1, 40, null, null),
                version(2, 45, "LATE_RECORDS", "five riders added")));
        mvc.perform(get("/bureau/reports").param("period", "2026-Q3").param("uscc", USCC.toLowerCase())
                        .param("history", "2026-Q3").with(user("cd-bureau").roles("BUREAU")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-period=\"2026-Q3\" data-version=\"2\"")))
                .andExpect(content().string(containsString("<tr data-version=\"1\">")))
                .andExpect(content().string(containsString("报送后补充的记录 · five riders added")))
                .andExpect(content().string(containsString("首次报送")))
                .andExpect(content().string(containsString("4-02-07-10: 40")));
    }

    @Test
    void aBadQuarterOrALedgerRefusalIsShownNextToItsField() throws Exception {
        mvc.perform(get("/bureau/reports").param("period", "2026-H2").with(user("cd-bureau").roles("BUREAU")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"period-problem\"")))
                .andExpect(content().string(not(containsString("id=\"late-table\""))));
        when(reports.late(anyString())).thenReturn(List.of());
        when(reports.totals(anyString())).thenReturn(new PeriodTotals("2026-Q3", new PeriodTotals.Totals(null, 0, 0, 0, 0, 0), List.of()));
        when(reports.reports(USCC)).thenThrow(new LedgerException(ErrorCode.NOT_FOUND, "enterprise not registered"));
        mvc.perform(get("/bureau/reports").param("uscc", USCC).with(user("cd-bureau").roles("BUREAU")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"find-problem\"")));
    }

    @Test
    void withoutAQuarterTheLatestPastItsDueDateIsShown() {
        assertThat(ReportDeskController.latestDue(LocalDate.of(2026, 12, 3))).isEqualTo(new ReportPeriod(2026, 3));
        assertThat(ReportDeskController.latestDue(LocalDate.of(2026, 10, 15))).isEqualTo(new ReportPeriod(2026, 2));
        assertThat(ReportDeskController.latestDue(LocalDate.of(2026, 10, 16))).isEqualTo(new ReportPeriod(2026, 3));
        assertThat(ReportDeskController.latestDue(LocalDate.of(2027, 1, 10))).isEqualTo(new ReportPeriod(2026, 3));
    }

    @Test
    void aTrainingCenterMayNotOpenThePage() throws Exception {
        mvc.perform(get("/bureau/reports").with(user("cd-center").roles("TRAINING_CENTER")))
                .andExpect(status().isForbidden());
        verifyNoInteractions(reports);
    }
}
