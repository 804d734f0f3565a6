package cn.cdcq.registry.client.identity;

import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.web.ProblemDetails;
import cn.cdcq.registry.client.web.SecurityConfiguration;
import cn.cdcq.registry.client.config.ServiceProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.file.Path;
import java.util.Optional;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Account management: who may create accounts, and what a valid request is, before the CA is asked. */
@WebMvcTest(AccountController.class)
@Import({SecurityConfiguration.class, ProblemDetails.class, AccountControllerTest.Region.class})
class AccountControllerTest {

    @TestConfiguration
    static class Region {
        @Bean
        ServiceProperties properties() {
            return new ServiceProperties("chengdu", "CD", "ChengduMSP", "laborchannel", "registry",
                    new ServiceProperties.Peer("127.0.0.1:1", "peer0-chengdu", Path.of("tls.pem")),
                    new ServiceProperties.Ca("https://127.0.0.1:2", "ca-chengdu", Path.of("ca.pem"), Path.of("registrar")),
                    Path.of("data"), Path.of("attestation"), Path.of("consortium.pepper"), new ServiceProperties.Admin("cd-admin", Path.of("pw")), null);
        }
    }

    @Autowired
    MockMvc mvc;
    @MockitoBean
    Accounts accounts;
    @MockitoBean
    UserGateways gateways;
    @MockitoBean
    AccountUserDetails users;

    @Test
    @WithMockUser(username = "cd-ins-0001", roles = "INSPECTOR")
    void onlyABureauAdministratorCreatesAccounts() throws Exception {
        mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"cd-ins-0002\",\"role\":\"INSPECTOR\",\"inspectorId\":\"CD-INS-0002\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        verify(accounts, never()).create(any(), anyString(), anyString());
    }

    @Test
    @WithMockUser(username = "cd-admin", roles = {"BUREAU_ADMIN", "BUREAU"})
    void anInspectorOfTheOtherRegionIsRefusedBeforeTheCaIsAsked() throws Exception {
        mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"cd-ins-0002\",\"role\":\"INSPECTOR\",\"inspectorId\":\"CQ-INS-0002\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_INSPECTOR_ID"));
        verify(accounts, never()).create(any(), anyString(), anyString());
    }

    @Test
    @WithMockUser(username = "cd-admin", roles = {"BUREAU_ADMIN", "BUREAU"})
    void aTrainingCenterNeedsAValidUscc() throws Exception {
        mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"cd-center-2\",\"role\":\"TRAINING_CENTER\",\"centerId\":\"91510100MA61234567\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_USCC"));
    }

    @Test
    @WithMockUser(username = "cd-admin", roles = {"BUREAU_ADMIN", "BUREAU"})
    void theServicesPublicReaderCannotBeCreatedOrImpersonatedByName() throws Exception {
        mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"cd-reader\",\"role\":\"PUBLIC_READER\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_ACCOUNT"));
        mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"public-reader\",\"role\":\"BUREAU\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_ACCOUNT"));
        verify(accounts, never()).create(any(), anyString(), anyString());
    }

    static final String PLATFORM = "91510100MA6100021" + cn.cdcq.registry.common.format.Uscc.checkCharacter("91510100MA6100021");

    @Test
    @WithMockUser(username = "cd-admin", roles = {"BUREAU_ADMIN", "BUREAU"})
    void anEnterpriseAccountIsCreatedWithItsUscc() throws Exception {
        when(accounts.create(any(), anyString(), eq("cd-admin"))).thenAnswer(call -> {
            NewAccount req = call.getArgument(0);
            return new Account(req.name(), req.role(), null, null, "hash", TestPem.CERTIFICATE, "v1:x",
                    "2026-01-01T00:00:00Z", "cd-admin", req.uscc());
        });
        mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"cd-platform-1\",\"role\":\"ENTERPRISE\",\"uscc\":\"" + PLATFORM + "\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.role").value("ENTERPRISE"))
                .andExpect(jsonPath("$.uscc").value(PLATFORM))
                .andExpect(jsonPath("$.centerId").doesNotExist());
        org.mockito.ArgumentCaptor<NewAccount> sent = org.mockito.ArgumentCaptor.forClass(NewAccount.class);
        verify(accounts).create(sent.capture(), anyString(), eq("cd-admin"));
        org.assertj.core.api.Assertions.assertThat(sent.getValue().uscc()).isEqualTo(PLATFORM);
        org.assertj.core.api.Assertions.assertThat(AccountRole.ENTERPRISE.fabricRole()).isEqualTo("enterprise");
    }

    @Test
    @WithMockUser(username = "cd-admin", roles = {"BUREAU_ADMIN", "BUREAU"})
    void anEnterpriseAccountNeedsAValidUsccAndNoOtherRoleTakesOne() throws Exception {
        mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"cd-platform-1\",\"role\":\"ENTERPRISE\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_USCC"));
        mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"cd-platform-1\",\"role\":\"ENTERPRISE\",\"uscc\":\"91510100MA61000210\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_USCC"));
        mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"cd-platform-1\",\"role\":\"ENTERPRISE\",\"uscc\":\"" + PLATFORM
                                + "\",\"centerId\":\"" + PLATFORM + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_ACCOUNT"));
        mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"cd-ins-0002\",\"role\":\"INSPECTOR\",\"inspectorId\":\"CD-INS-0002\","
                                + "\"uscc\":\"" + PLATFORM + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_ACCOUNT"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("uscc is only for ENTERPRISE")));
        mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"cd-bureau-2\",\"role\":\"BUREAU\",\"uscc\":\"" + PLATFORM + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_ACCOUNT"));
        verify(accounts, never()).create(any(), anyString(), anyString());
    }

    @Test
    @WithMockUser(username = "cd-admin", roles = {"BUREAU_ADMIN", "BUREAU"})
    void personalNamesAndShortPasswordsAreRefusedWithTheFieldsNamed() throws Exception {
        mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Li Lei\",\"role\":\"BUREAU\",\"password\":\"short\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("name:"), org.hamcrest.Matchers.containsString("password:"))));
    }

    @Test
    @WithMockUser(username = "cd-admin", roles = {"BUREAU_ADMIN", "BUREAU"})
    void aCreatedAccountWithoutAGivenPasswordGetsOneShownOnce() throws Exception {
        when(accounts.create(any(), anyString(), eq("cd-admin"))).thenAnswer(call -> {
            NewAccount req = call.getArgument(0);
            return new Account(req.name(), req.role(), null, req.inspectorId(), "hash", TestPem.CERTIFICATE, "v1:x",
                    "2026-01-01T00:00:00Z", "cd-admin");
        });
        mvc.perform(post("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"cd-ins-0002\",\"role\":\"INSPECTOR\",\"inspectorId\":\"CD-INS-0002\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("cd-ins-0002"))
                .andExpect(jsonPath("$.mspId").value("ChengduMSP"))
                .andExpect(jsonPath("$.initialPassword").isString())
                .andExpect(jsonPath("$.passwordHash").doesNotExist());
    }

    @Test
    @WithMockUser(username = "cd-ins-0001", roles = "INSPECTOR")
    void whoamiCombinesTheAccountWithTheLedgersView() throws Exception {
        when(accounts.find("cd-ins-0001")).thenReturn(Optional.of(new Account("cd-ins-0001", AccountRole.INSPECTOR, null,
                "CD-INS-0001", "hash", TestPem.CERTIFICATE, "v1:x", "2026-01-01T00:00:00Z", "cd-admin")));
        RegistryGateway gateway = mock(RegistryGateway.class);
        when(gateways.gateway("cd-ins-0001")).thenReturn(gateway);
        when(gateway.evaluate("region", "whoAmI")).thenReturn("{\"mspId\":\"ChengduMSP\",\"role\":\"inspector\"}");
        mvc.perform(get("/api/v1/whoami"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.account").value("cd-ins-0001"))
                .andExpect(jsonPath("$.ledger.role").value("inspector"));
    }
}
