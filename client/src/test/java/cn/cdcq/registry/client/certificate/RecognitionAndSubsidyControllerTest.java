package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.AccountUserDetails;
import cn.cdcq.registry.client.web.ProblemDetails;
import cn.cdcq.registry.client.web.SecurityConfiguration;
import cn.cdcq.registry.common.certificate.RecognitionDecision;
import cn.cdcq.registry.common.certificate.RecognitionRule;
import cn.cdcq.registry.common.certificate.RecognitionRuleProposal;
import cn.cdcq.registry.common.certificate.SubsidyClaim;
import cn.cdcq.registry.common.certificate.SubsidyClaimOutcome;
import cn.cdcq.registry.common.certificate.SubsidyClaimRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

import static cn.cdcq.registry.client.certificate.CertificateWebTest.NUMBER;
import static cn.cdcq.registry.client.certificate.CertificateWebTest.TX;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Recognition rules and cases, and subsidy claims, over HTTP with the typed ledger clients mocked. */
@WebMvcTest({RecognitionController.class, SubsidyController.class})
@Import({SecurityConfiguration.class, ProblemDetails.class})
class RecognitionAndSubsidyControllerTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    UserGateways gateways;
    @MockitoBean
    AccountUserDetails users;

    final RecognitionClient recognition = mock(RecognitionClient.class);
    final SubsidyClient subsidy = mock(SubsidyClient.class);

    @BeforeEach
    void ledgerClients() {
        // Each controller builds one kind of typed client; answer with the mock of that kind.
        when(gateways.client(anyString(), any())).thenAnswer(call -> {
            Object probe = ((java.util.function.Function<?, ?>) call.getArgument(1)).apply(null);
            return probe instanceof RecognitionClient ? recognition : subsidy;
        });
    }

    static RecognitionRule rule(RecognitionRule.Status status) {
        return new RecognitionRule(TX, "4-04-05-01", 4, "CQ", "CD", "2026-01-01", null, status, "CQ",
                "ChongqingMSP/cq-admin", "2026-01-01T00:00:00Z", null, null, null, null, null, null);
    }

    @Nested
    class Rules {

        @Test
        @WithMockUser(username = "cd-admin", roles = {"BUREAU_ADMIN", "BUREAU"})
        void aProposalIsCheckedFieldByFieldAndSentNormalized() throws Exception {
            mvc.perform(post("/api/v1/recognition-rules").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"occupation\":\"4-04-05-01\",\"minimumLevel\":4,\"fromRegion\":\"CD\",\"toRegion\":\"cd\","
                                    + "\"effectiveFrom\":\"2026-01-01\"}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("toRegion"))
                    .andExpect(jsonPath("$.code").value("INVALID_REGION"));
            mvc.perform(post("/api/v1/recognition-rules").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"occupation\":\"4-04-05-01\",\"minimumLevel\":9,\"fromRegion\":\"CD\",\"toRegion\":\"CQ\","
                                    + "\"effectiveFrom\":\"2026-01-01\",\"effectiveTo\":\"2025-01-01\"}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.contains("minimumLevel", "effectiveTo")));
            verifyNoInteractions(recognition);

            when(recognition.proposeRule(any())).thenReturn(rule(RecognitionRule.Status.PROPOSED));
            mvc.perform(post("/api/v1/recognition-rules").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"occupation\":\" 4-04-05-01\",\"minimumLevel\":4,\"fromRegion\":\"cq\",\"toRegion\":\"CD\","
                                    + "\"effectiveFrom\":\"2026-01-01\"}"))
                    .andExpect(status().isOk());
            verify(recognition).proposeRule(new RecognitionRuleProposal("4-04-05-01", 4, "CQ", "CD", "2026-01-01", null));
        }

        @Test
        @WithMockUser(username = "cd-ins-0001", roles = "INSPECTOR")
        void anInspectorReadsTheCatalogueButDecidesNothing() throws Exception {
            when(recognition.rules()).thenReturn(List.of(rule(RecognitionRule.Status.IN_FORCE)));
            mvc.perform(get("/api/v1/recognition-rules")).andExpect(status().isOk())
                    .andExpect(jsonPath("$[0].status").value("IN_FORCE"));
            mvc.perform(post("/api/v1/recognition-rules/" + TX + "/accept")).andExpect(status().isForbidden());
            verify(recognition, org.mockito.Mockito.never()).acceptRule(anyString());
        }

        @Test
        @WithMockUser(username = "cd-admin", roles = {"BUREAU_ADMIN", "BUREAU"})
        void acceptDeclineAndWithdrawNameTheRuleByItsLedgerId() throws Exception {
            when(recognition.acceptRule(TX)).thenReturn(rule(RecognitionRule.Status.IN_FORCE));
            mvc.perform(post("/api/v1/recognition-rules/" + TX + "/accept")).andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("IN_FORCE"));
            mvc.perform(post("/api/v1/recognition-rules/rule-1/decline").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"reason\":\"no equivalent standard\"}"))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("ruleId"));
            mvc.perform(post("/api/v1/recognition-rules/" + TX + "/withdraw").contentType(MediaType.APPLICATION_JSON)
                            .content("{}"))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("reason"));
            when(recognition.declineRule(TX, "no equivalent standard")).thenThrow(new LedgerException("FORBIDDEN",
                    "region CD proposed rule " + TX + "; only region CQ may decline it", List.of(), null));
            mvc.perform(post("/api/v1/recognition-rules/" + TX + "/decline").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"reason\":\"no equivalent standard\"}"))
                    .andExpect(status().isForbidden()).andExpect(jsonPath("$.detail").value(containsString("only region CQ")));
        }
    }

    @Nested
    class Cases {

        static RecognitionDecision decided(RecognitionDecision.Status status) {
            return new RecognitionDecision(TX, NUMBER, "CQ", "CD", status, "CQ", "ChongqingMSP/cq-admin",
                    "2026-01-01T00:00:00Z", "moving worker", "ChengduMSP/cd-admin", "2026-01-02T00:00:00Z",
                    "LEVEL_NOT_EQUIVALENT", "level 4 here needs practical hours");
        }

        @Test
        @WithMockUser(username = "cd-admin", roles = {"BUREAU_ADMIN", "BUREAU"})
        void theTargetRegionRefusesACaseWithAReasonOfTheRefusalList() throws Exception {
            mvc.perform(post("/api/v1/certificates/" + NUMBER + "/recognition-cases/CD/refuse").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"reasonCode\":\"EQUIVALENT_STANDARD\",\"reason\":\"x\"}"))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("reasonCode"));
            when(recognition.decideCase(NUMBER, "CD", "REFUSED", "LEVEL_NOT_EQUIVALENT", "level 4 here needs practical hours"))
                    .thenReturn(decided(RecognitionDecision.Status.REFUSED));
            mvc.perform(post("/api/v1/certificates/" + NUMBER + "/recognition-cases/cd/refuse").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"reasonCode\":\"LEVEL_NOT_EQUIVALENT\",\"reason\":\"level 4 here needs practical hours\"}"))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("REFUSED"));
        }

        @Test
        @WithMockUser(username = "cd-admin", roles = {"BUREAU_ADMIN", "BUREAU"})
        void aSubmissionNamesItsTargetRegionAndANote() throws Exception {
            mvc.perform(post("/api/v1/certificates/" + NUMBER + "/recognition-cases").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"targetRegion\":\"Chengdu\",\"note\":\"moving worker\"}"))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("targetRegion"));
            when(recognition.submitCase(NUMBER, "CD", "moving worker")).thenReturn(decided(RecognitionDecision.Status.SUBMITTED));
            mvc.perform(post("/api/v1/certificates/" + NUMBER + "/recognition-cases").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"targetRegion\":\"CD\",\"note\":\"moving worker\"}"))
                    .andExpect(status().isOk());
        }
    }

    @Nested
    class Subsidies {

        static SubsidyClaim claim() {
            return new SubsidyClaim(TX, NUMBER, "b".repeat(64), "4-04-05-01", 4, "CD", 150000, "2026-01-10", "PAY-1",
                    "2026-01-10T00:00:00Z", "ChengduMSP/cd-admin");
        }

        @Test
        @WithMockUser(username = "cd-center", roles = "TRAINING_CENTER")
        void onlyBureausClaimOrReadSubsidies() throws Exception {
            mvc.perform(post("/api/v1/subsidy-claims").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"certificateNumber\":\"" + NUMBER + "\",\"amountFen\":150000,\"paidDate\":\"2026-01-10\"}"))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/certificates/" + NUMBER + "/subsidy-claim")).andExpect(status().isForbidden());
            verifyNoInteractions(subsidy);
        }

        @Test
        @WithMockUser(username = "cd-admin", roles = {"BUREAU_ADMIN", "BUREAU"})
        void aClaimIsCheckedThen201WhenAcceptedAnd200WithTheEarlierClaimWhenRefused() throws Exception {
            mvc.perform(post("/api/v1/subsidy-claims").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"certificateNumber\":\"" + NUMBER + "\",\"amountFen\":0,\"paidDate\":\"2026-02-30\"}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.contains("amountFen", "paidDate")));
            verifyNoInteractions(subsidy);

            SubsidyClaimRequest request = new SubsidyClaimRequest(NUMBER, 150000, "2026-01-10", "PAY-1");
            when(subsidy.claim(request)).thenReturn(new SubsidyClaimOutcome(SubsidyClaimOutcome.Outcome.ACCEPTED, claim(), null))
                    .thenReturn(new SubsidyClaimOutcome(SubsidyClaimOutcome.Outcome.REFUSED, null, new SubsidyClaimOutcome.Refusal("d".repeat(64),
                            NUMBER, "CD", "2026-01-11T00:00:00Z", "ChengduMSP/cd-admin", TX, "CQ", "2026-01-09")));
            String body = "{\"certificateNumber\":\"" + NUMBER + "\",\"amountFen\":150000,\"paidDate\":\"2026-01-10\",\"reference\":\"PAY-1\"}";
            mvc.perform(post("/api/v1/subsidy-claims").contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isCreated()).andExpect(jsonPath("$.outcome").value("ACCEPTED"));
            mvc.perform(post("/api/v1/subsidy-claims").contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.outcome").value("REFUSED"))
                    .andExpect(jsonPath("$.refusal.earlierRegion").value("CQ"));
        }
    }
}
