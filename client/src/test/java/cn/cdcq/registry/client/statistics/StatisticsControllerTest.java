package cn.cdcq.registry.client.statistics;

import cn.cdcq.registry.client.identity.AccountUserDetails;
import cn.cdcq.registry.client.web.ProblemDetails;
import cn.cdcq.registry.client.web.SecurityConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

import static org.hamcrest.Matchers.startsWith;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The statistics API's HTTP face: roles, field-named 400s, JSON and CSV, the rebuild; the store mocked. */
@WebMvcTest(StatisticsController.class)
@Import({SecurityConfiguration.class, ProblemDetails.class})
class StatisticsControllerTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    StatisticsStore store;
    @MockitoBean
    AccountUserDetails users;

    static final StatisticsTable TABLE = new StatisticsTable("recognitions", "decisions", List.of("region"),
            List.of("GRANTED", "REFUSED"), true, List.of(new StatisticsTable.Row(List.of("CD"), List.of("<5", "x"), "x"),
            new StatisticsTable.Row(List.of("CQ"), List.of("x", "12"), "x")),
            new StatisticsTable.Row(List.of("TOTAL"), List.of("9", "14"), "23"), 5, 40);

    @Test
    @WithMockUser(username = "cq-admin", roles = "BUREAU")
    void aBureauReadsATableAsJsonAndAsCsv() throws Exception {
        when(store.table("recognitions")).thenReturn(TABLE);
        mvc.perform(get("/api/v1/statistics/recognitions")).andExpect(status().isOk())
                .andExpect(jsonPath("$.rows[0].cells[0]").value("<5"))
                .andExpect(jsonPath("$.totals.total").value("23"));
        mvc.perform(get("/api/v1/statistics/recognitions").param("format", "csv")).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", startsWith("text/csv")))
                .andExpect(content().string("region,GRANTED,REFUSED,total\r\nCD,<5,x,x\r\nCQ,x,12,x\r\nTOTAL,9,14,23\r\n"));
    }

    @Test
    @WithMockUser(username = "cq-admin", roles = "BUREAU")
    void anUnknownTableOrFormatIsAFieldNamed400() throws Exception {
        mvc.perform(get("/api/v1/statistics/salaries")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("table")).andExpect(jsonPath("$.code").value("INVALID_VALUE"));
        mvc.perform(get("/api/v1/statistics/reports").param("format", "xlsx")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("format"));
        verifyNoInteractions(store);
    }

    @Test
    @WithMockUser(username = "cd-center", roles = "TRAINING_CENTER")
    void aTrainingCenterMayNotReadThem() throws Exception {
        mvc.perform(get("/api/v1/statistics/certificates")).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/statistics/rebuild")).andExpect(status().isForbidden());
        verifyNoInteractions(store);
    }

    @Test
    void anonymousIsRefused() throws Exception {
        mvc.perform(get("/api/v1/statistics/certificates")).andExpect(status().isUnauthorized());
    }

    @Test
    @WithMockUser(username = "cd-admin", roles = "BUREAU")
    void aRebuildStartsOnceAndASecondIsAConflict() throws Exception {
        when(store.rebuild()).thenReturn(new StatisticsStore.Progress(StatisticsStore.State.RUNNING, 0, 0, "2026-12-03T08:00:00Z",
                null, null, null)).thenThrow(new StatisticsStore.RebuildRunning());
        mvc.perform(post("/api/v1/statistics/rebuild")).andExpect(status().isAccepted()).andExpect(jsonPath("$.state").value("RUNNING"));
        mvc.perform(post("/api/v1/statistics/rebuild")).andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("CONFLICT"));
        when(store.progress()).thenReturn(new StatisticsStore.Progress(StatisticsStore.State.RUNNING, 40, 120, "2026-12-03T08:00:00Z",
                null, null, null));
        mvc.perform(get("/api/v1/statistics/rebuild")).andExpect(status().isOk()).andExpect(jsonPath("$.blocksDone").value(40))
                .andExpect(jsonPath("$.height").value(120));
        verify(store, org.mockito.Mockito.times(2)).rebuild();
    }
}
