package cn.cdcq.registry.client.web.bureau;

import cn.cdcq.registry.client.certificate.CertificateClient;
import cn.cdcq.registry.client.certificate.RecognitionClient;
import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.AccountUserDetails;
import cn.cdcq.registry.client.identity.Accounts;
import cn.cdcq.registry.client.web.PageSlices;
import cn.cdcq.registry.common.certificate.RecognitionRule;
import cn.cdcq.registry.common.certificate.RecognitionRuleProposal;
import cn.cdcq.registry.common.certificate.SkillCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;
import java.util.function.Function;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The bureau's desk: certificate status with the API's reason codes, the recognition catalogue, accounts for administrators. */
@WebMvcTest(BureauDeskController.class)
@Import(PageSlices.Chengdu.class)
@TestPropertySource(properties = "registry.region-code=CD")
class BureauDeskControllerTest {

    static final String NUMBER = "S000151000001264000001";
    static final String RULE = "d".repeat(64);

    @Autowired
    MockMvc mvc;
    @MockitoBean
    UserGateways gateways;
    @MockitoBean
    Accounts accounts;
    @MockitoBean
    AccountUserDetails users;

    final CertificateClient certificates = mock(CertificateClient.class);
    final RecognitionClient recognition = mock(RecognitionClient.class);

    @BeforeEach
    void clients() {
        when(gateways.client(eq("cd-bureau"), any())).thenAnswer(call -> {
            Function<RegistryGateway, ?> typed = call.getArgument(1);
            return typed.apply(mock(RegistryGateway.class)) instanceof CertificateClient ? certificates : recognition;
        });
        when(recognition.rules()).thenReturn(List.of(new RecognitionRule(RULE, "6-01-02-03", 4, "CQ", "CD", "2026-01-01", null,
                RecognitionRule.Status.PROPOSED, "CQ", "cq-admin", "2026-01-01T00:00:00Z", null, null, null, null, null, null)));
    }

    @Test
    void theOtherRegionsProposalCanBeAcceptedHereAndAccountsAreForAdministratorsOnly() throws Exception {
        mvc.perform(get("/bureau").with(user("cd-bureau").roles("BUREAU")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"accept-" + RULE + "\"")))
                .andExpect(content().string(containsString("重庆 的证书在 成都（四川） 认可")))
                .andExpect(content().string(not(containsString("id=\"account-form\""))));
    }

    @Test
    void aRuleIsProposedForTheKindChosenWithItsLevelAndShownInThatKindsWords() throws Exception {
        RecognitionRule titles = new RecognitionRule(RULE, "2-02-07-01", 2, "CD", "CQ", "2026-01-01", null,
                RecognitionRule.Status.PROPOSED, "CD", "cd-bureau", "2026-01-01T00:00:00Z", null, null, null, null, null, null,
                "PROFESSIONAL_TITLE");
        when(recognition.proposeRule(any())).thenReturn(titles);
        mvc.perform(post("/bureau/recognition-rules").with(csrf()).with(user("cd-bureau").roles("BUREAU"))
                        .param("occupation", " 2-02-07-01 ").param("minimumLevel", "PROFESSIONAL_TITLE:2")
                        .param("effectiveFrom", "2026-01-01").param("direction", "OUT"))
                .andExpect(flash().attributeExists("done"));
        verify(recognition).proposeRule(new RecognitionRuleProposal("2-02-07-01", 2, "CD", "CQ", "2026-01-01", null,
                "PROFESSIONAL_TITLE"));
        when(recognition.rules()).thenReturn(List.of(titles));
        mvc.perform(get("/bureau").with(user("cd-bureau").roles("BUREAU")))
                .andExpect(content().string(containsString("副高级职称")));
    }

    @Test
    void revokingTakesTheApisReasonCodes() throws Exception {
        SkillCertificate revoked = mock(SkillCertificate.class);
        when(revoked.number()).thenReturn(NUMBER);
        when(revoked.status()).thenReturn(cn.cdcq.registry.common.certificate.CertificateStatus.REVOKED);
        when(certificates.revoke(NUMBER, "ISSUED_IN_ERROR", "wrong person")).thenReturn(revoked);
        mvc.perform(post("/bureau/certificates/status").with(csrf()).with(user("cd-bureau").roles("BUREAU"))
                        .param("number", NUMBER).param("action", "REVOKE").param("reasonCode", "ISSUED_IN_ERROR").param("reason", "wrong person"))
                .andExpect(flash().attributeExists("done"));
        verify(certificates).revoke(NUMBER, "ISSUED_IN_ERROR", "wrong person");
    }

    @Test
    void aReasonCodeOfAnotherActionIsRefusedBeforeTheLedger() throws Exception {
        mvc.perform(post("/bureau/certificates/status").with(csrf()).with(user("cd-bureau").roles("BUREAU"))
                        .param("number", NUMBER).param("action", "REVOKE").param("reasonCode", "UNDER_INVESTIGATION").param("reason", "x"))
                .andExpect(flash().attributeExists("statusProblem"));
        verify(certificates, never()).revoke(anyString(), anyString(), anyString());
    }

    @Test
    void aPlainBureauAccountMayNotCreateAccounts() throws Exception {
        mvc.perform(post("/bureau/accounts").with(csrf()).with(user("cd-bureau").roles("BUREAU"))
                        .param("name", "cd-ins-0009").param("role", "INSPECTOR").param("attribute", "CD-INS-0009")
                        .param("password", "a-long-password"))
                .andExpect(status().isForbidden());
        verify(accounts, never()).create(any(), anyString(), anyString());
    }

    @Test
    void aCenterMayNotOpenIt() throws Exception {
        mvc.perform(get("/bureau").with(user("cd-center").roles("TRAINING_CENTER"))).andExpect(status().isForbidden());
    }
}
