package cn.cdcq.registry.client.web.bureau;

import cn.cdcq.registry.client.certificate.AccreditationClient;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.AccountUserDetails;
import cn.cdcq.registry.client.web.PageSlices;
import cn.cdcq.registry.common.certificate.Accreditation;
import cn.cdcq.registry.common.certificate.AccreditationRequest;
import cn.cdcq.registry.common.certificate.AccreditationScope;
import cn.cdcq.registry.common.certificate.AccreditationStatus;
import cn.cdcq.registry.common.format.Uscc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The bureau's accreditation page: the API's checks and calls, each problem next to the control it names. */
@WebMvcTest(AccreditationDeskController.class)
@Import(PageSlices.Chengdu.class)
@TestPropertySource(properties = "registry.region-code=CD")
class AccreditationDeskControllerTest {

    static final String CENTER = "5251000MJ0000004" + "1";
    static final String USCC = CENTER.substring(0, 17) + Uscc.checkCharacter(CENTER.substring(0, 17));

    @Autowired
    MockMvc mvc;
    @MockitoBean
    UserGateways gateways;
    @MockitoBean
    AccountUserDetails users;

    final AccreditationClient client = mock(AccreditationClient.class);

    static Accreditation accreditation(AccreditationStatus status) {
        return new Accreditation(USCC, "成都市职业技能鉴定中心", "CD", List.of(new AccreditationScope("4-04-05-01", 3)), "2026-01-01",
                "2029-01-01", status, status == AccreditationStatus.ACTIVE ? null : "QUALITY_CONCERN", null, 1,
                "2026-01-01T00:00:00Z", "ChengduMSP/cd-bureau", "2026-01-01T00:00:00Z", "ChengduMSP/cd-bureau");
    }

    @BeforeEach
    void clients() {
        when(gateways.client(eq("cd-bureau"), any())).thenReturn(client);
        when(client.accreditations("CD")).thenReturn(List.of(accreditation(AccreditationStatus.ACTIVE)));
    }

    @Test
    void thisRegionsAccreditationsAreListedWithTheirScopesAndStatus() throws Exception {
        mvc.perform(get("/bureau/accreditations").with(user("cd-bureau").roles("BUREAU")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-center=\"" + USCC + "\" data-status=\"ACTIVE\"")))
                .andExpect(content().string(containsString("最高至三级/高级工")));
    }

    @Test
    void accreditingSendsTheApisCheckedRequestWithTheFilledScopesOnly() throws Exception {
        when(client.accredit(any())).thenReturn(accreditation(AccreditationStatus.ACTIVE));
        mvc.perform(post("/bureau/accreditations").with(csrf()).with(user("cd-bureau").roles("BUREAU"))
                        .param("centerId", USCC.toLowerCase()).param("name", " 成都市职业技能鉴定中心 ")
                        .param("validFrom", "2026-01-01").param("validTo", "2029-01-01")
                        .param("occupation0", "4-04-05-01").param("highestLevel0", "3")
                        .param("occupation1", "").param("highestLevel1", "3")
                        .param("occupation2", "6-01-02-03").param("highestLevel2", "2"))
                .andExpect(redirectedUrl("/bureau/accreditations"))
                .andExpect(flash().attributeExists("done"));
        ArgumentCaptor<AccreditationRequest> sent = ArgumentCaptor.forClass(AccreditationRequest.class);
        verify(client).accredit(sent.capture());
        assertThat(sent.getValue()).isEqualTo(new AccreditationRequest(USCC, "成都市职业技能鉴定中心",
                List.of(new AccreditationScope("4-04-05-01", 3), new AccreditationScope("6-01-02-03", 2)), "2026-01-01", "2029-01-01"));
    }

    @Test
    void aWrongScopeIsShownNextToItsOwnRowAndNothingIsSent() throws Exception {
        var result = mvc.perform(post("/bureau/accreditations").with(csrf()).with(user("cd-bureau").roles("BUREAU"))
                        .param("centerId", USCC).param("name", "中心").param("validFrom", "2026-01-01").param("validTo", "2025-01-01")
                        .param("occupation0", "4-04-05-01").param("highestLevel0", "3")
                        .param("occupation2", "not-a-code").param("highestLevel2", "2"))
                .andExpect(redirectedUrl("/bureau/accreditations")).andReturn();
        @SuppressWarnings("unchecked")
        Map<String, ?> problems = (Map<String, ?>) result.getFlashMap().get("accreditProblems");
        assertThat(problems).containsOnlyKeys("occupation2", "validTo");
        verifyNoInteractions(client);
    }

    @Test
    void theKindIsChosenWithTheLevelAndItsProblemShowsThere() throws Exception {
        when(client.accredit(any())).thenReturn(accreditation(AccreditationStatus.ACTIVE));
        mvc.perform(post("/bureau/accreditations").with(csrf()).with(user("cd-bureau").roles("BUREAU"))
                        .param("centerId", USCC).param("name", "中心").param("validFrom", "2026-01-01").param("validTo", "2029-01-01")
                        .param("occupation0", "4-04-05-01").param("highestLevel0", "SPECIAL_ABILITY:0")
                        .param("occupation1", "2-02-07-01").param("highestLevel1", "PROFESSIONAL_TITLE:2"))
                .andExpect(flash().attributeExists("done"));
        ArgumentCaptor<AccreditationRequest> sent = ArgumentCaptor.forClass(AccreditationRequest.class);
        verify(client).accredit(sent.capture());
        assertThat(sent.getValue().scopes()).containsExactly(new AccreditationScope("4-04-05-01", 0, "SPECIAL_ABILITY"),
                new AccreditationScope("2-02-07-01", 2, "PROFESSIONAL_TITLE"));

        var result = mvc.perform(post("/bureau/accreditations").with(csrf()).with(user("cd-bureau").roles("BUREAU"))
                        .param("centerId", USCC).param("name", "中心").param("validFrom", "2026-01-01").param("validTo", "2029-01-01")
                        .param("occupation0", "4-04-05-01").param("highestLevel0", "3")
                        .param("occupation1", "4-04-05-02").param("highestLevel1", "PROFESSIONAL_TITLE:2"))
                .andExpect(redirectedUrl("/bureau/accreditations")).andReturn();
        @SuppressWarnings("unchecked")
        Map<String, ?> problems = (Map<String, ?>) result.getFlashMap().get("accreditProblems");
        assertThat(problems).as("a title outside major group 2").containsOnlyKeys("occupation1");
        verify(client).accredit(any());
    }

    @Test
    void theFormOffersEveryKindsLevelsAndTheListNamesEachScopesKind() throws Exception {
        when(client.accreditations("CD")).thenReturn(List.of(new Accreditation(USCC, "成都市职业技能鉴定中心", "CD",
                List.of(new AccreditationScope("4-04-05-01", 0, "SPECIAL_ABILITY"),
                        new AccreditationScope("2-02-07-01", 2, "PROFESSIONAL_TITLE")), "2026-01-01", "2029-01-01",
                AccreditationStatus.ACTIVE, null, null, 1, "2026-01-01T00:00:00Z", "ChengduMSP/cd-bureau",
                "2026-01-01T00:00:00Z", "ChengduMSP/cd-bureau")));
        mvc.perform(get("/bureau/accreditations").with(user("cd-bureau").roles("BUREAU")))
                .andExpect(content().string(containsString("4-04-05-01</code>\n            <span>专项职业能力</span>")))
                .andExpect(content().string(containsString("最高至副高级职称")));
        mvc.perform(get("/bureau/accreditations").with(user("cd-bureau").roles("BUREAU")))
                .andExpect(content().string(containsString("value=\"SPECIAL_ABILITY:0\"")))
                .andExpect(content().string(containsString("value=\"PROFESSIONAL_TITLE:3\"")))
                .andExpect(content().string(containsString("中级职称")))
                .andExpect(content().string(containsString("<option value=\"3\" selected=\"selected\">三级/高级工</option>")));
    }

    @Test
    void suspendingTakesTheApisReasonCodesForAccreditations() throws Exception {
        when(client.suspend(USCC, "QUALITY_CONCERN", "complaints")).thenReturn(accreditation(AccreditationStatus.SUSPENDED));
        mvc.perform(post("/bureau/accreditations/status").with(csrf()).with(user("cd-bureau").roles("BUREAU"))
                        .param("centerId", USCC).param("action", "SUSPEND").param("reasonCode", "QUALITY_CONCERN").param("reason", "complaints"))
                .andExpect(flash().attribute("done", "成都市职业技能鉴定中心的资质现为：已暂停"));
        mvc.perform(post("/bureau/accreditations/status").with(csrf()).with(user("cd-bureau").roles("BUREAU"))
                        .param("centerId", USCC).param("action", "SUSPEND").param("reasonCode", "ISSUED_IN_ERROR").param("reason", "x"))
                .andExpect(flash().attributeExists("statusProblem"));
        verify(client).suspend(USCC, "QUALITY_CONCERN", "complaints");
    }

    @Test
    void aTrainingCenterMayNotOpenIt() throws Exception {
        mvc.perform(get("/bureau/accreditations").with(user("center").roles("TRAINING_CENTER"))).andExpect(status().isForbidden());
    }
}
