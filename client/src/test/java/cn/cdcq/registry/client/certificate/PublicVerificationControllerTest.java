package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.identity.AccountUserDetails;
import cn.cdcq.registry.client.identity.PublicReader;
import cn.cdcq.registry.client.web.ProblemDetails;
import cn.cdcq.registry.client.web.SecurityConfiguration;
import cn.cdcq.registry.common.certificate.VerificationReport;
import cn.cdcq.registry.common.certificate.VerificationReport.Recognition;
import cn.cdcq.registry.common.certificate.VerificationReport.Step;
import cn.cdcq.registry.common.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

import static cn.cdcq.registry.client.certificate.CertificateWebTest.CENTER;
import static cn.cdcq.registry.client.certificate.CertificateWebTest.ID;
import static cn.cdcq.registry.client.certificate.CertificateWebTest.NAME;
import static cn.cdcq.registry.client.certificate.CertificateWebTest.NUMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Verification without an account: the chaincode's report as is, the holder's details reduced to a commitment. */
@WebMvcTest(PublicVerificationController.class)
@Import({SecurityConfiguration.class, ProblemDetails.class, VerificationCache.class})
class PublicVerificationControllerTest {

    private static final String SALT = "5a".repeat(32);

    @Autowired
    MockMvc mvc;
    @MockitoBean
    PublicReader reader;
    @MockitoBean
    AccountUserDetails users;
    @Autowired
    VerificationCache cache;

    final CertificateClient client = mock(CertificateClient.class);

    @BeforeEach
    void readerClient() {
        when(reader.<CertificateClient>client(any())).thenReturn(client);
        cache.onEvent("AccreditationAmended", "tx", 1L, new byte[0]); // each test starts with nothing cached
    }

    static VerificationReport report(String holderResult) {
        return new VerificationReport(NUMBER, "VALID", cn.cdcq.registry.common.certificate.CertificateStatus.VALID, "4-04-05-01", 4, "CQ", CENTER, "Chongqing Skills Center",
                "2025-06-01", null, "2026-01-05T08:00:00Z",
                List.of(new Step("RECORD", "PASS", "found"), new Step("REGION_SIGNATURE", "PASS", "verifies"),
                        new Step("ISSUER_ACCREDITED", "PASS", "accredited for 4-04-05-01 up to level 3 at issue"),
                        new Step("STATUS", "PASS", "VALID"), new Step("HOLDER", holderResult, "...")),
                List.of(new Recognition("CD", true, "RULE", "a".repeat(64), null, "rule in force"),
                        new Recognition("CQ", true, "HOME_REGION", null, null, "issued here")));
    }

    @Test
    void anyoneVerifiesWithoutCredentialsAndGetsTheLedgersReport() throws Exception {
        when(client.verifyJson(NUMBER)).thenReturn(Json.write(report("NOT_APPLICABLE")));
        mvc.perform(get("/api/v1/public/certificates/" + NUMBER.toLowerCase() + "/verification"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(content().string(Json.write(report("NOT_APPLICABLE"))))
                .andExpect(jsonPath("$.recognition[0].basis").value("RULE"));
    }

    @Test
    void aValidAnswerIsReusedUntilTheCertificatesStatusChanges() throws Exception {
        when(client.verifyJson(NUMBER)).thenReturn(Json.write(report("NOT_APPLICABLE")));
        mvc.perform(get("/api/v1/public/certificates/" + NUMBER + "/verification")).andExpect(status().isOk());
        mvc.perform(get("/api/v1/public/certificates/" + NUMBER + "/verification")).andExpect(status().isOk());
        verify(client, org.mockito.Mockito.times(1)).verifyJson(NUMBER);
        cache.onEvent("CertificateStatusChanged", "tx", 1L, ("{\"number\":\"" + NUMBER + "\",\"status\":\"SUSPENDED\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        mvc.perform(get("/api/v1/public/certificates/" + NUMBER + "/verification")).andExpect(status().isOk());
        verify(client, org.mockito.Mockito.times(2)).verifyJson(NUMBER);
    }

    @Test
    void aMalformedNumberIsRefusedBeforeTheLedgerAndALedgerRefusalKeepsItsCode() throws Exception {
        mvc.perform(get("/api/v1/public/certificates/S00015/verification"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("number"))
                .andExpect(jsonPath("$.code").value("INVALID_CERTIFICATE_NUMBER"));
        verifyNoInteractions(client);
        when(client.verifyJson(NUMBER)).thenThrow(new LedgerException("NOT_FOUND", "no certificate " + NUMBER, List.of(), null));
        mvc.perform(get("/api/v1/public/certificates/" + NUMBER + "/verification"))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }

    @Test
    void theHoldersDetailsBecomeTheCommitmentAndOnlyThatIsChecked() throws Exception {
        ArgumentCaptor<HolderPresentation> presented = ArgumentCaptor.forClass(HolderPresentation.class);
        when(client.verify(eq(NUMBER), presented.capture())).thenReturn(report("PASS"));
        mvc.perform(post("/api/v1/public/certificates/" + NUMBER + "/verification").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"holderName\":\" " + NAME + "\",\"holderIdNumber\":\"" + ID + "\",\"holderSalt\":\""
                                + SALT.toUpperCase() + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.steps[4].result").value("PASS"));
        assertThat(presented.getValue().commitment()).isEqualTo(new HolderPresentation(NAME, ID, SALT).commitment());
    }

    @Test
    void incompleteHolderDetailsAreNamedAndNeverEchoed() throws Exception {
        mvc.perform(post("/api/v1/public/certificates/" + NUMBER + "/verification").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"holderName\":\"" + NAME + "\",\"holderIdNumber\":\"" + ID.substring(0, 17) + "0\",\"holderSalt\":\"xyz\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.contains("holderIdNumber", "holderSalt")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(NAME))))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(ID.substring(6, 14)))));
        verifyNoInteractions(client);
        verify(reader, org.mockito.Mockito.never()).client(any());
    }
}
