package cn.cdcq.registry.client.region;

import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.AccountUserDetails;
import cn.cdcq.registry.client.web.ProblemDetails;
import cn.cdcq.registry.client.web.SecurityConfiguration;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.region.Region;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The region registry's HTTP face, with the typed ledger client mocked at its boundary. */
@WebMvcTest(RegionController.class)
@Import({SecurityConfiguration.class, ProblemDetails.class})
class RegionControllerTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    UserGateways gateways;
    @MockitoBean
    RegionAttestation attestation;
    @MockitoBean
    AccountUserDetails users;

    final RegionRegistryClient client = mock(RegionRegistryClient.class);

    @BeforeEach
    void actingUsersClient() {
        when(gateways.<RegionRegistryClient>client(anyString(), any())).thenReturn(client);
    }

    @Test
    @WithMockUser(username = "cd-ins-0001", roles = "INSPECTOR")
    void regionsAreTheLedgersRecordsAsCanonicalJsonReadWithTheCallersOwnIdentity() throws Exception {
        List<Region> regions = List.of(new Region("CD", "ChengduMSP", "Chengdu bureau", "2026-01-01T00:00:00Z", 2, List.of("51")));
        when(client.regions()).thenReturn(regions);
        mvc.perform(get("/api/v1/regions"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(content().string(Json.write(regions)));
        verify(gateways).client(eq("cd-ins-0001"), any());
    }

    @Test
    void withoutCredentialsItIs401WithAProblemDetail() throws Exception {
        mvc.perform(get("/api/v1/regions"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Basic")))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        verifyNoInteractions(gateways);
    }

    @Test
    @WithMockUser(username = "cd-center", roles = "TRAINING_CENTER")
    void aTrainingCenterMayNotApproveAndTheLedgerIsNotAsked() throws Exception {
        mvc.perform(post("/api/v1/region-proposals/p1/approve"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        verify(client, never()).approve(anyString());
    }

    @Test
    @WithMockUser(username = "cd-bureau", roles = "BUREAU")
    void aRegistrationWithABadRegionCodeIsRefusedBeforeTheLedger() throws Exception {
        mvc.perform(post("/api/v1/region-proposals/registration").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"regionCode\":\"cd\",\"bureauName\":\"Chengdu bureau\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_INPUT"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("regionCode:")));
        verifyNoInteractions(client);
    }

    @Test
    @WithMockUser(username = "cd-bureau", roles = "BUREAU")
    void aRegistrationWithoutACertificateUsesTheServicesAttestationCertificate() throws Exception {
        when(attestation.certificatePem()).thenReturn("PEM-OF-THE-SERVICE");
        mvc.perform(post("/api/v1/region-proposals/registration").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"regionCode\":\"CD\",\"bureauName\":\"Chengdu bureau\"}"))
                .andExpect(status().isOk());
        verify(client).proposeRegistration("CD", "Chengdu bureau", "PEM-OF-THE-SERVICE");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "INVALID_INPUT, 400", "FORBIDDEN, 403", "NOT_FOUND, 404", "ALREADY_EXISTS, 409", "CONFLICT, 409", "MVCC_CONFLICT, 409",
            "INVALID_SIGNATURE, 422", "BUSY, 503", "PEER_UNAVAILABLE, 503", "ENDORSE_FAILED, 502"})
    @WithMockUser(username = "cd-bureau", roles = "BUREAU")
    void aLedgerRefusalKeepsTheChaincodesCodeAndMessage(String code, int httpStatus) throws Exception {
        when(client.approve("p1")).thenThrow(new LedgerException(code, "proposal p1 is APPROVED, not PENDING", List.of(), null));
        var result = mvc.perform(post("/api/v1/region-proposals/p1/approve"))
                .andExpect(status().is(httpStatus))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value(code))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("proposal p1 is APPROVED")));
        if (httpStatus == 503) {
            result.andExpect(header().exists("Retry-After"))
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("busy, retry")));
        }
    }
}
