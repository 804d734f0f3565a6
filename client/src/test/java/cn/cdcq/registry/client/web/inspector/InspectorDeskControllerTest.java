package cn.cdcq.registry.client.web.inspector;

import cn.cdcq.registry.client.cases.CaseRegistryClient;
import cn.cdcq.registry.client.credit.CreditRegistryClient;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.AccountUserDetails;
import cn.cdcq.registry.client.web.PageSlices;
import cn.cdcq.registry.common.credit.CrossRegionNotice;
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

/** The inspector's inbox: due dates, overdue highlighted, acknowledging a notice as the signed-in account. */
@WebMvcTest(InspectorDeskController.class)
@Import(PageSlices.Chengdu.class)
@TestPropertySource(properties = "registry.region-code=CD")
class InspectorDeskControllerTest {

    static final String OVERDUE = "a".repeat(64);
    static final String FRESH = "b".repeat(64);

    @Autowired
    MockMvc mvc;
    @MockitoBean
    UserGateways gateways;
    @MockitoBean
    AccountUserDetails users;

    final CreditRegistryClient credit = mock(CreditRegistryClient.class);
    final CaseRegistryClient cases = mock(CaseRegistryClient.class);

    @BeforeEach
    void clients() {
        // The typed client the controller asks for decides which mock answers.
        when(gateways.client(eq("cd-ins-01"), any())).thenAnswer(call -> {
            Function<RegistryGateway, ?> typed = call.getArgument(1);
            return typed.apply(mock(RegistryGateway.class)) instanceof CaseRegistryClient ? cases : credit;
        });
        when(credit.notices("CD", false)).thenReturn(List.of(
                new CrossRegionNotice(OVERDUE, "91500000MA5U7Q1K33", "CQ", "CD", true, "2020-01-02", "2020-01-02", null, null, null),
                new CrossRegionNotice(FRESH, "91500000MA5U7Q1K33", "CQ", "CD", false, "2099-01-02", "2099-03-31", null, null, null)));
    }

    @Test
    void theInboxShowsDueDatesAndHighlightsWhatIsOverdue() throws Exception {
        when(cases.assistRequests("CD")).thenReturn(List.of());
        mvc.perform(get("/inspector").with(user("cd-ins-01").roles("INSPECTOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-id=\"" + OVERDUE + "\" data-kind=\"NOTICE\" data-done=\"false\" class=\"overdue\"")))
                .andExpect(content().string(containsString("有 1 项已超过期限")))
                .andExpect(content().string(containsString("2020年1月2日")))
                .andExpect(content().string(containsString("id=\"ack-" + FRESH + "\"")));
    }

    @Test
    void acknowledgingSignsAsTheSignedInAccount() throws Exception {
        mvc.perform(post("/inspector/notices/" + OVERDUE + "/acknowledge").with(csrf()).with(user("cd-ins-01").roles("INSPECTOR")))
                .andExpect(redirectedUrl("/inspector"))
                .andExpect(flash().attributeExists("done"));
        verify(credit).acknowledgeNotice(OVERDUE);
    }

    @Test
    void aLedgerRefusalIsShownInThePagesLanguage() throws Exception {
        when(credit.acknowledgeNotice(OVERDUE)).thenThrow(new LedgerException("FORBIDDEN", "not addressed to CD", List.of(), null));
        mvc.perform(post("/inspector/notices/" + OVERDUE + "/acknowledge").with(csrf()).with(user("cd-ins-01").roles("INSPECTOR")))
                .andExpect(flash().attributeExists("actionProblem"));
    }

    @Test
    void withoutItsCsrfTokenNothingIsAcknowledged() throws Exception {
        mvc.perform(post("/inspector/notices/" + OVERDUE + "/acknowledge").with(user("cd-ins-01").roles("INSPECTOR")))
                .andExpect(status().isForbidden());
        verifyNoInteractions(credit);
    }

    @Test
    void aTrainingCenterMayNotOpenIt() throws Exception {
        mvc.perform(get("/inspector").with(user("cd-center-01").roles("TRAINING_CENTER"))).andExpect(status().isForbidden());
    }
}
