package cn.cdcq.registry.client.cases;

import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.AccountUserDetails;
import cn.cdcq.registry.client.identity.Accounts;
import cn.cdcq.registry.client.identity.PublicReader;
import cn.cdcq.registry.client.web.ProblemDetails;
import cn.cdcq.registry.client.web.SecurityConfiguration;
import cn.cdcq.registry.common.cases.CreditRepair;
import cn.cdcq.registry.common.cases.Objection;
import cn.cdcq.registry.common.credit.ViolationType;
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

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The objection and credit-repair API's HTTP face, the typed ledger client mocked at its boundary. */
@WebMvcTest(ObjectionController.class)
@Import({SecurityConfiguration.class, ProblemDetails.class})
class ObjectionControllerTest {

    static final String USCC = "91500000MA5U7Q1K33";
    static final String HASH = "86ae35d58a6aa3b5742df94ef9d7162219f0106a911ae1954c1f0604aaec805d";
    static final String TX = "90a01c8af6216e66947ce5e062f774f71de1a3cfa21399bdc2418c9f8f97af70";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    UserGateways gateways;
    @MockitoBean
    AccountUserDetails users;
    @MockitoBean
    ServiceProperties properties;
    @MockitoBean
    PublicReader publicReader;
    @MockitoBean
    Accounts accounts;

    final ObjectionClient client = mock(ObjectionClient.class);

    @BeforeEach
    void typedClient() {
        when(gateways.client(anyString(), any())).thenAnswer(call -> client);
        when(properties.admin()).thenReturn(new ServiceProperties.Admin("cd-admin", Path.of("pw")));
    }

    static Objection pending() {
        return new Objection(TX, Objection.Target.VIOLATION, TX, null, USCC, "CQ", "CD", "FACTS_INCORRECT", "adults",
                List.of(HASH), "2026-11-20", "2026-11-20T02:00:00.000Z", "ChongqingMSP/cq-admin", "bureau", "2026-12-11",
                Objection.Status.PENDING, null);
    }

    @Test
    @WithMockUser(username = "cq-admin", roles = "BUREAU")
    void aFilingReachesTheLedgerChecked() throws Exception {
        when(client.file(any())).thenReturn(pending());
        mvc.perform(post("/api/v1/objections").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"target\":\"VIOLATION\",\"recordId\":\"" + TX + "\",\"reasonCode\":\"FACTS_INCORRECT\","
                                + "\"reason\":\" adults \",\"evidenceHashes\":[\"" + HASH.toUpperCase() + "\"]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.dueOn").value("2026-12-11"));
        ArgumentCaptor<Objection.Input> input = ArgumentCaptor.forClass(Objection.Input.class);
        verify(client).file(input.capture());
        assertThat(input.getValue().reason()).isEqualTo("adults");
        assertThat(input.getValue().evidenceHashes()).containsExactly(HASH);
    }

    @Test
    @WithMockUser(username = "cq-admin", roles = "BUREAU")
    void aRatingIsNamedByEnterpriseRegionAndYear() throws Exception {
        when(client.file(any())).thenReturn(pending());
        mvc.perform(post("/api/v1/objections").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"target\":\"RATING\",\"recordId\":\"" + USCC + "/CD/2026\",\"reasonCode\":\"OTHER\","
                                + "\"reason\":\"x\"}"))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/objections").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"target\":\"RATING\",\"recordId\":\"" + TX + "\",\"reasonCode\":\"OTHER\",\"reason\":\"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("recordId"))
                .andExpect(jsonPath("$.detail").value(containsString("USCC/REGION/YEAR")));
    }

    @Test
    @WithMockUser(username = "cq-admin", roles = "BUREAU")
    void badFieldsAre400sNamingEachAndNothingReachesTheLedger() throws Exception {
        mvc.perform(post("/api/v1/objections").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"target\":\"COMPLAINT\",\"recordId\":\"abc\",\"reasonCode\":\"OTHER\",\"reason\":\"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("target"))
                .andExpect(jsonPath("$.errors[1].field").value("recordId"));
        mvc.perform(post("/api/v1/objections").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"target\":\"VIOLATION\",\"recordId\":\"" + TX + "\",\"reasonCode\":\"DISLIKE\",\"reason\":\"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("reasonCode"));
        mvc.perform(post("/api/v1/objections").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"target\":\"VIOLATION\",\"recordId\":\"" + TX + "\",\"reasonCode\":\"OTHER\",\"reason\":\"x\","
                                + "\"evidenceHashes\":[\"" + HASH + "\",\"zz\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("evidenceHashes[1]"));
        mvc.perform(post("/api/v1/objections/" + TX + "/decision").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"outcome\":\"CORRECTED\",\"reason\":\"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("correction"));
        mvc.perform(post("/api/v1/objections/" + TX + "/decision").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"outcome\":\"CORRECTED\",\"reason\":\"x\",\"correction\":{\"level\":\"D\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("correction.level"));
        mvc.perform(post("/api/v1/objections/not-an-id/decision").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"outcome\":\"ANNULLED\",\"reason\":\"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("id"));
        mvc.perform(post("/api/v1/credit-repairs").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"listingId\":\"" + TX + "\",\"wagesPaid\":true,\"rectificationDate\":\"2026-02-30\","
                                + "\"pledgeDocumentHash\":\"" + HASH + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("rectificationDate"));
        mvc.perform(get("/api/v1/objections").param("status", "OPEN"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("status"));
        verifyNoInteractions(client);
    }

    @Test
    @WithMockUser(username = "cd-admin", roles = "BUREAU")
    void aCorrectionReachesTheLedgerAndTheOtherRegionsRefusalKeepsItsCode() throws Exception {
        when(client.decide(eq(TX), any())).thenReturn(pending());
        mvc.perform(post("/api/v1/objections/" + TX + "/decision").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"outcome\":\"CORRECTED\",\"reason\":\"reviewed\",\"correction\":{\"type\":\"ILLEGAL_OVERTIME\","
                                + "\"major\":false}}"))
                .andExpect(status().isOk());
        ArgumentCaptor<Objection.DecisionInput> input = ArgumentCaptor.forClass(Objection.DecisionInput.class);
        verify(client).decide(eq(TX), input.capture());
        assertThat(input.getValue().correction()).isEqualTo(new Objection.Correction(ViolationType.ILLEGAL_OVERTIME,
                false, null, null));

        when(client.decide(eq(TX), any())).thenThrow(new LedgerException("FORBIDDEN",
                "objection x is to a record region CQ made; only that region decides it, not CD", List.of(), null));
        mvc.perform(post("/api/v1/objections/" + TX + "/decision").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"outcome\":\"ANNULLED\",\"reason\":\"x\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
    }

    @Test
    @WithMockUser(username = "cq-admin", roles = "BUREAU")
    void aRepairTooEarlyIsA409SayingWhen() throws Exception {
        when(client.applyForRepair(any())).thenThrow(new LedgerException("TOO_EARLY",
                "credit repair of listing x is possible from 2027-05-20", List.of(), null));
        mvc.perform(post("/api/v1/credit-repairs").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"listingId\":\"" + TX + "\",\"wagesPaid\":true,\"rectificationDate\":\"2026-11-19\","
                                + "\"pledgeDocumentHash\":\"" + HASH + "\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("TOO_EARLY"))
                .andExpect(jsonPath("$.detail").value(containsString("possible from 2027-05-20")));
        ArgumentCaptor<CreditRepair.Input> input = ArgumentCaptor.forClass(CreditRepair.Input.class);
        verify(client).applyForRepair(input.capture());
        assertThat(input.getValue().pledgeDocumentHash()).isEqualTo(HASH);
    }

    @Test
    @WithMockUser(username = "cd-inspector", roles = "INSPECTOR")
    void inspectorsReadButNeitherFileNorDecide() throws Exception {
        when(client.objections(USCC, "CD", Objection.Status.PENDING)).thenReturn(List.of(pending()));
        mvc.perform(get("/api/v1/objections").param("uscc", USCC).param("decidingRegion", "CD").param("status", "PENDING"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(TX));
        mvc.perform(post("/api/v1/objections").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"target\":\"VIOLATION\",\"recordId\":\"" + TX + "\",\"reasonCode\":\"OTHER\",\"reason\":\"x\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/credit-repairs/" + TX + "/decision").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"outcome\":\"GRANTED\",\"reason\":\"x\"}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void anonymousCallersAreTurnedAway() throws Exception {
        mvc.perform(get("/api/v1/objections/" + TX)).andExpect(status().isUnauthorized());
    }

}
