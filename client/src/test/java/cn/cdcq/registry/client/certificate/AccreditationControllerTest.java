package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.AccountUserDetails;
import cn.cdcq.registry.client.web.ProblemDetails;
import cn.cdcq.registry.client.web.SecurityConfiguration;
import cn.cdcq.registry.common.certificate.Accreditation;
import cn.cdcq.registry.common.certificate.AccreditationRequest;
import cn.cdcq.registry.common.certificate.AccreditationScope;
import cn.cdcq.registry.common.json.Json;
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

import static cn.cdcq.registry.client.certificate.CertificateWebTest.CENTER;
import static cn.cdcq.registry.client.certificate.CertificateWebTest.OTHER_CENTER;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Accreditation over HTTP, the typed ledger client mocked: bureaus only, every field checked before the ledger. */
@WebMvcTest(AccreditationController.class)
@Import({SecurityConfiguration.class, ProblemDetails.class})
class AccreditationControllerTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    UserGateways gateways;
    @MockitoBean
    AccountUserDetails users;

    final AccreditationClient client = mock(AccreditationClient.class);

    @BeforeEach
    void ledgerClient() {
        when(gateways.<AccreditationClient>client(anyString(), any())).thenReturn(client);
    }

    static String body(String centerId, String occupation, int level, String from, String to) {
        return "{\"centerId\":\"" + centerId + "\",\"name\":\"Chengdu Skills Center\",\"scopes\":[{\"occupation\":\""
                + occupation + "\",\"highestLevel\":" + level + "}],\"validFrom\":\"" + from + "\",\"validTo\":\"" + to + "\"}";
    }

    static Accreditation accreditation() {
        return new Accreditation(CENTER, "Chengdu Skills Center", "CD", List.of(new AccreditationScope("4-04-05-01", 3)),
                "2026-01-01", "2028-12-31", cn.cdcq.registry.common.certificate.AccreditationStatus.ACTIVE, null, null, 1, "2026-01-01T00:00:00Z", "ChengduMSP/cd-admin",
                "2026-01-01T00:00:00Z", "ChengduMSP/cd-admin");
    }

    @Test
    @WithMockUser(username = "cd-admin", roles = {"BUREAU_ADMIN", "BUREAU"})
    void theBureauAccreditsAndGets201WithTheLedgersRecord() throws Exception {
        when(client.accredit(any())).thenReturn(accreditation());
        mvc.perform(post("/api/v1/accreditations").contentType(MediaType.APPLICATION_JSON)
                        .content(body(CENTER.toLowerCase(), " 4-04-05-01 ", 3, "2026-01-01", "2028-12-31")))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/accreditations/" + CENTER))
                .andExpect(content().string(Json.write(accreditation())));
        verify(client).accredit(new AccreditationRequest(CENTER, "Chengdu Skills Center",
                List.of(new AccreditationScope("4-04-05-01", 3)), "2026-01-01", "2028-12-31"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "centerId             | 52510100MJ00000010 | 4-04-05-01 | 3 | 2026-01-01 | 2028-12-31 | INVALID_USCC",
            "scopes[0].occupation | CENTER             | 4-04-5-01  | 3 | 2026-01-01 | 2028-12-31 | INVALID_OCCUPATION",
            "scopes[0].highestLevel | CENTER           | 4-04-05-01 | 7 | 2026-01-01 | 2028-12-31 | INVALID_LEVEL",
            "validFrom            | CENTER             | 4-04-05-01 | 3 | 2026-1-01  | 2028-12-31 | INVALID_DATE",
            "validTo              | CENTER             | 4-04-05-01 | 3 | 2026-01-01 | 2025-12-31 | INVALID_DATE"})
    @WithMockUser(username = "cd-admin", roles = {"BUREAU_ADMIN", "BUREAU"})
    void aWrongFieldIsNamedAndTheLedgerIsNotAsked(String field, String center, String occupation, int level, String from,
                                                  String to, String code) throws Exception {
        mvc.perform(post("/api/v1/accreditations").contentType(MediaType.APPLICATION_JSON)
                        .content(body(center.equals("CENTER") ? CENTER : center, occupation, level, from, to)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value(field))
                .andExpect(jsonPath("$.code").value(code));
        verifyNoInteractions(client);
    }

    @Test
    @WithMockUser(username = "cd-admin", roles = {"BUREAU_ADMIN", "BUREAU"})
    void scopesOfEveryKindAreSentWithTheirKindAndSkillLevelIsWrittenWithout() throws Exception {
        when(client.accredit(any())).thenReturn(accreditation());
        mvc.perform(post("/api/v1/accreditations").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"centerId\":\"" + CENTER + "\",\"name\":\"Chengdu Skills Center\",\"scopes\":["
                                + "{\"occupation\":\"4-04-05-01\",\"highestLevel\":3,\"kind\":\"skill_level\"},"
                                + "{\"occupation\":\"4-04-05-02\",\"highestLevel\":0,\"kind\":\"SPECIAL_ABILITY\"},"
                                + "{\"occupation\":\"2-02-07-01\",\"highestLevel\":2,\"kind\":\"PROFESSIONAL_TITLE\"}],"
                                + "\"validFrom\":\"2026-01-01\",\"validTo\":\"2028-12-31\"}"))
                .andExpect(status().isCreated());
        verify(client).accredit(new AccreditationRequest(CENTER, "Chengdu Skills Center", List.of(
                new AccreditationScope("4-04-05-01", 3), new AccreditationScope("4-04-05-02", 0, "SPECIAL_ABILITY"),
                new AccreditationScope("2-02-07-01", 2, "PROFESSIONAL_TITLE")), "2026-01-01", "2028-12-31"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "scopes[0].kind         | DIPLOMA            | 4-04-05-01 | 3 | INVALID_CREDENTIAL_KIND",
            "scopes[0].highestLevel | SPECIAL_ABILITY    | 4-04-05-01 | 3 | INVALID_LEVEL",
            "scopes[0].highestLevel | SKILL_LEVEL        | 4-04-05-01 | 0 | INVALID_LEVEL",
            "scopes[0].highestLevel | PROFESSIONAL_TITLE | 2-02-07-01 | 0 | INVALID_LEVEL",
            "scopes[0].occupation   | PROFESSIONAL_TITLE | 4-04-05-01 | 2 | INVALID_OCCUPATION"})
    @WithMockUser(username = "cd-admin", roles = {"BUREAU_ADMIN", "BUREAU"})
    void aScopesKindAndItsLevelsAreCheckedBeforeTheLedger(String field, String kind, String occupation, int level,
                                                          String code) throws Exception {
        mvc.perform(post("/api/v1/accreditations").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"centerId\":\"" + CENTER + "\",\"name\":\"Chengdu Skills Center\",\"scopes\":["
                                + "{\"occupation\":\"" + occupation + "\",\"highestLevel\":" + level + ",\"kind\":\"" + kind
                                + "\"}],\"validFrom\":\"2026-01-01\",\"validTo\":\"2028-12-31\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value(field))
                .andExpect(jsonPath("$.code").value(code));
        verifyNoInteractions(client);
    }

    @Test
    @WithMockUser(username = "cd-admin", roles = {"BUREAU_ADMIN", "BUREAU"})
    void anAmendmentNamesItsCenterInThePathAndTheBodyMayNotContradictIt() throws Exception {
        mvc.perform(put("/api/v1/accreditations/" + CENTER).contentType(MediaType.APPLICATION_JSON)
                        .content(body(OTHER_CENTER, "4-04-05-01", 3, "2026-01-01", "2028-12-31")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("centerId"))
                .andExpect(jsonPath("$.detail").value(containsString("not the center in the path")));
        verifyNoInteractions(client);

        when(client.amend(any())).thenReturn(accreditation());
        mvc.perform(put("/api/v1/accreditations/" + CENTER).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Chengdu Skills Center\",\"scopes\":[{\"occupation\":\"4-04-05-01\",\"highestLevel\":2}],"
                                + "\"validFrom\":\"2026-01-01\",\"validTo\":\"2029-12-31\"}"))
                .andExpect(status().isOk());
        verify(client).amend(new AccreditationRequest(CENTER, "Chengdu Skills Center",
                List.of(new AccreditationScope("4-04-05-01", 2)), "2026-01-01", "2029-12-31"));
    }

    @Test
    @WithMockUser(username = "cd-center", roles = "TRAINING_CENTER")
    void aCenterCannotAccreditOrSuspendButReads() throws Exception {
        mvc.perform(post("/api/v1/accreditations").contentType(MediaType.APPLICATION_JSON)
                        .content(body(CENTER, "4-04-05-01", 3, "2026-01-01", "2028-12-31")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/accreditations/" + CENTER + "/suspend").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reasonCode\":\"QUALITY_CONCERN\",\"reason\":\"audit\"}"))
                .andExpect(status().isForbidden());
        verifyNoInteractions(client);
        when(client.accreditation(CENTER)).thenReturn(accreditation());
        mvc.perform(get("/api/v1/accreditations/" + CENTER)).andExpect(status().isOk());
    }

    @Test
    @WithMockUser(username = "cd-admin", roles = {"BUREAU_ADMIN", "BUREAU"})
    void statusChangesCarryAReasonOfTheirListAndTheLedgersRefusalKeepsItsCode() throws Exception {
        mvc.perform(post("/api/v1/accreditations/" + CENTER + "/revoke").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reasonCode\":\"ISSUES_RESOLVED\",\"reason\":\"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("reasonCode"));
        when(client.suspend(CENTER, "QUALITY_CONCERN", "audit findings")).thenThrow(new LedgerException("FORBIDDEN",
                "center " + CENTER + " is accredited by region CQ; only that region may change its accreditation", List.of(), null));
        mvc.perform(post("/api/v1/accreditations/" + CENTER + "/suspend").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reasonCode\":\"QUALITY_CONCERN\",\"reason\":\"audit findings\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(get("/api/v1/accreditations?region=chengdu")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("region"));
        when(client.accreditations("CD")).thenReturn(List.of(accreditation()));
        mvc.perform(get("/api/v1/accreditations?region=cd")).andExpect(status().isOk())
                .andExpect(content().string(Json.write(List.of(accreditation()))));
    }
}
