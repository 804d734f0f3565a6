package cn.cdcq.registry.client.credential;

import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.AccountUserDetails;
import cn.cdcq.registry.client.web.ProblemDetails;
import cn.cdcq.registry.client.web.SecurityConfiguration;
import cn.cdcq.registry.common.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The REST face of portable credentials: who may call what, and refusals as problem details. */
@WebMvcTest(CredentialController.class)
@Import({SecurityConfiguration.class, ProblemDetails.class})
class CredentialControllerTest {

    private static final String NUMBER = "S000150000001264000001";

    @Autowired
    MockMvc mvc;
    @MockitoBean
    UserGateways gateways;
    @MockitoBean
    CredentialExport export;
    @MockitoBean
    IssuerIdentity issuer;
    @MockitoBean
    CredentialStatusRegister status;
    @MockitoBean
    AccountUserDetails users;

    @BeforeEach
    void aRegion() {
        when(issuer.controllerDocument()).thenReturn(Json.mapper().createObjectNode().put("id", "did:web:127.0.0.1%3A7510"));
        when(status.listUrl(anyString())).thenAnswer(call -> "http://127.0.0.1:7510/api/v1/public/credentials/status/" + call.getArgument(0));
        when(status.statusListCredential(anyString())).thenReturn(Json.mapper().createObjectNode());
    }

    @Test
    void theDidDocumentIsPublic() throws Exception {
        mvc.perform(get("/.well-known/did.json")).andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value("did:web:127.0.0.1%3A7510"));
    }

    @Test
    void exportingAsTheCenterOrBureauNeedsAnAccount() throws Exception {
        mvc.perform(get("/api/v1/certificates/" + NUMBER + "/credential")).andExpect(status().isUnauthorized());
        verifyNoInteractions(export);
    }

    @Test
    void aHolderExportWithAMalformedSaltIsRefusedNamingTheField() throws Exception {
        mvc.perform(post("/api/v1/public/certificates/" + NUMBER + "/credential").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"holderName\":\"张三\",\"holderIdNumber\":\"11010519491231002X\",\"holderSalt\":\"xyz\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("holderSalt"));
        verifyNoInteractions(export);
    }

    @Test
    void aHolderWhoseDetailsDoNotMatchGetsAProblemDetail() throws Exception {
        when(export.export(any(), eq(NUMBER), any(), eq("holder"))).thenThrow(new CredentialRefusal(HttpStatus.FORBIDDEN,
                "HOLDER_MISMATCH", "the name, ID number and salt presented do not match"));
        mvc.perform(post("/api/v1/public/certificates/" + NUMBER + "/credential").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"holderName\":\"张三\",\"holderIdNumber\":\"11010519491231002X\",\"holderSalt\":\"" + "5a".repeat(32) + "\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("HOLDER_MISMATCH"))
                .andExpect(jsonPath("$.detail").value("the name, ID number and salt presented do not match"));
    }

    @Test
    void aPastedCredentialThatIsNotJsonGetsTheStepListNotAnError() throws Exception {
        mvc.perform(post("/api/v1/public/credentials/verification").contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(jsonPath("$.verdict").value("INVALID"))
                .andExpect(jsonPath("$.steps[0].check").value("RECORD"))
                .andExpect(jsonPath("$.steps[0].result").value("FAIL"))
                .andExpect(jsonPath("$.problems[0].title").value("PARSING_ERROR"));
        mvc.perform(post("/api/v1/public/credentials/verification"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.steps[0].reason").value("the credential cannot be read: the JSON text is empty"));
    }

    @Test
    void anUnknownStatusListIsNotFound() throws Exception {
        when(status.statusListCredential("refresh")).thenThrow(new CredentialRefusal(HttpStatus.NOT_FOUND, "NOT_FOUND", "no status list"));
        mvc.perform(get("/api/v1/public/credentials/status/refresh")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }
}
