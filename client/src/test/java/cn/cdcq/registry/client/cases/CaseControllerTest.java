package cn.cdcq.registry.client.cases;

import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.AccountUserDetails;
import cn.cdcq.registry.client.web.ProblemDetails;
import cn.cdcq.registry.client.web.SecurityConfiguration;
import cn.cdcq.registry.common.cases.AssistRequest;
import cn.cdcq.registry.common.cases.AssistRequestInput;
import cn.cdcq.registry.common.cases.ComplaintCategory;
import cn.cdcq.registry.common.cases.ComplaintInput;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The cases API's HTTP face, the typed ledger client mocked at its boundary. */
@WebMvcTest(CaseController.class)
@Import({SecurityConfiguration.class, ProblemDetails.class})
class CaseControllerTest {

    static final String USCC = "91500000MA5U7Q1K33";
    static final String HASH = "86ae35d58a6aa3b5742df94ef9d7162219f0106a911ae1954c1f0604aaec805d";
    static final String WORKER = "ab".repeat(32);

    @Autowired
    MockMvc mvc;
    @MockitoBean
    UserGateways gateways;
    @MockitoBean
    AccountUserDetails users;

    final CaseRegistryClient cases = mock(CaseRegistryClient.class);

    @BeforeEach
    void typedClient() {
        when(gateways.<CaseRegistryClient>client(anyString(), any())).thenReturn(cases);
    }

    @Test
    @WithMockUser(username = "cd-ins-0007", roles = "INSPECTOR")
    void aComplaintGoesToTheLedgerWithThePseudonymOnly() throws Exception {
        mvc.perform(post("/api/v1/complaints").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"workerPseudonym\":\"" + WORKER + "\",\"employerUscc\":\"" + USCC + "\",\"category\":\"WAGE_ARREARS\","
                                + "\"documentHash\":\"" + HASH + "\"}"))
                .andExpect(status().isOk());
        verify(cases).fileComplaint(new ComplaintInput(WORKER, USCC, ComplaintCategory.WAGE_ARREARS, HASH, null));
    }

    @Test
    @WithMockUser(username = "cd-ins-0007", roles = "INSPECTOR")
    void aNameWhereThePseudonymBelongsIsRefusedBeforeTheLedger() throws Exception {
        mvc.perform(post("/api/v1/complaints").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"workerPseudonym\":\"Zhang San\",\"employerUscc\":\"" + USCC + "\",\"category\":\"WAGE_ARREARS\","
                                + "\"documentHash\":\"" + HASH + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("workerPseudonym"))
                .andExpect(jsonPath("$.detail").value(startsWith("workerPseudonym: workerPseudonym is not a pseudonym")))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(containsString("Zhang"))));
        verifyNoInteractions(cases);
    }

    @Test
    @WithMockUser(username = "cq-admin", roles = "BUREAU")
    void aDeclineNeedsAKnownReasonCode() throws Exception {
        mvc.perform(post("/api/v1/complaints/c1/decline").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"BORED\",\"decisionDocumentHash\":\"" + HASH + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("reason"))
                .andExpect(jsonPath("$.detail").value(startsWith("reason: 'BORED' is not one of [NOT_A_LABOR_MATTER")));
        verifyNoInteractions(cases);
    }

    @Test
    @WithMockUser(username = "cq-admin", roles = "BUREAU")
    void anAssistRequestIsTypedAndTheOtherRegionsRefusalKeepsItsCode() throws Exception {
        AssistRequestInput input = new AssistRequestInput(AssistRequest.Kind.INQUIRY, "CD", USCC, null, HASH, "2026-03-10");
        when(cases.requestAssist(input)).thenThrow(new LedgerException("INVALID_INPUT",
                "sentOn 2026-03-10 must be between ... and today", List.of(), null));
        mvc.perform(post("/api/v1/assist-requests").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"INQUIRY\",\"toRegion\":\"CD\",\"uscc\":\"" + USCC + "\",\"requestDocumentHash\":\""
                                + HASH + "\",\"sentOn\":\"2026-03-10\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_INPUT"))
                .andExpect(jsonPath("$.detail").value(startsWith("sentOn 2026-03-10")));
        verify(cases).requestAssist(input);
    }

    @Test
    @WithMockUser(username = "cd-ins-0007", roles = "INSPECTOR")
    void onlyABureauSetsTheCalendarAndSweepsOverdueItems() throws Exception {
        mvc.perform(put("/api/v1/calendar").contentType(MediaType.APPLICATION_JSON).content("{\"year\":2026,\"holidays\":[]}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/overdue/flag")).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/overdue")).andExpect(status().isOk());
        verify(cases).overdue();
    }

    @Test
    @WithMockUser(username = "cd-center", roles = "TRAINING_CENTER")
    void aTrainingCenterSeesNoCases() throws Exception {
        mvc.perform(get("/api/v1/complaints").param("region", "CD")).andExpect(status().isForbidden());
        verifyNoInteractions(cases);
    }

    @Test
    @WithMockUser(username = "cq-admin", roles = "BUREAU")
    void theDeadlineOutOfRangeIsTheOneNamed() throws Exception {
        mvc.perform(put("/api/v1/case-settings").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"acceptanceWorkingDays\":5,\"assistWorkingDays\":61}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("assistWorkingDays"))
                .andExpect(jsonPath("$.detail").value(containsString("1 to 60 working days")));
        verifyNoInteractions(cases);
    }

    @Test
    @WithMockUser(username = "cq-admin", roles = "BUREAU")
    void aCalendarDayOutsideItsYearIsNamed() throws Exception {
        mvc.perform(put("/api/v1/calendar").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"year\":2026,\"holidays\":[\"2027-01-01\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("holidays[0]"))
                .andExpect(jsonPath("$.detail").value(startsWith("holidays[0]: holidays[0] 2027-01-01 is not in 2026")));
        verifyNoInteractions(cases);
    }
}
