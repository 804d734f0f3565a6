package cn.cdcq.registry.client.config;

import cn.cdcq.registry.client.credit.CreditController;
import cn.cdcq.registry.client.credit.CreditRegistryClient;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.AccountUserDetails;
import cn.cdcq.registry.client.identity.Accounts;
import cn.cdcq.registry.client.identity.PublicReader;
import cn.cdcq.registry.client.region.RegionAttestation;
import cn.cdcq.registry.client.web.ProblemDetails;
import cn.cdcq.registry.client.web.SecurityConfiguration;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.credit.EnterpriseKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.file.Path;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A number or a boolean where the body has text is refused with the field named, never turned into text. */
@WebMvcTest(CreditController.class)
@Import({SecurityConfiguration.class, ProblemDetails.class, StrictJsonInput.class})
class StrictJsonInputTest {

    static final String USCC = "91500000MA5U7Q1K33";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    UserGateways gateways;
    @MockitoBean
    RegionAttestation attestation;
    @MockitoBean
    AccountUserDetails users;
    @MockitoBean
    ServiceProperties properties;
    @MockitoBean
    PublicReader publicReader;
    @MockitoBean
    Accounts accounts;

    final CreditRegistryClient credit = mock(CreditRegistryClient.class);

    @BeforeEach
    void typedClient() {
        when(gateways.client(anyString(), any())).thenAnswer(call -> credit);
        when(properties.admin()).thenReturn(new ServiceProperties.Admin("cd-admin", Path.of("pw")));
    }

    @Test
    @WithMockUser(username = "cq-admin", roles = "BUREAU")
    void aNumberOrABooleanForTextIsA400NamingTheField() throws Exception {
        for (String body : new String[] {"{\"uscc\":915000001,\"name\":\"Agency\"}", "{\"uscc\":9.5,\"name\":\"Agency\"}",
                "{\"uscc\":\"" + USCC + "\",\"name\":true}"}) {
            String field = body.contains("true") ? "name" : "uscc";
            mvc.perform(post("/api/v1/enterprises").contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("INVALID_JSON"))
                    .andExpect(jsonPath("$.field").value(field));
        }
        verify(credit, never()).registerEnterprise(any(), any(), anyBoolean(), any());
    }

    @Test
    @WithMockUser(username = "cq-admin", roles = "BUREAU")
    void textIsStillText() throws Exception {
        Enterprise e = Enterprise.registered(USCC, "123", "CQ", EnterpriseKind.OTHER, "2026-01-01T00:00:00Z", "m/a");
        when(credit.registerEnterprise(USCC, "123", false, null)).thenReturn(e);
        mvc.perform(post("/api/v1/enterprises").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"uscc\":\"" + USCC + "\",\"name\":\"123\",\"platform\":false}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("123"));
    }
}
