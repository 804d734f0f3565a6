package cn.cdcq.registry.client.web.verify;

import cn.cdcq.registry.client.certificate.CertificateClient;
import cn.cdcq.registry.client.certificate.HolderPresentation;
import cn.cdcq.registry.client.credential.CredentialController;
import cn.cdcq.registry.client.credential.CredentialRefusal;
import cn.cdcq.registry.common.credential.CredentialVerification;
import cn.cdcq.registry.client.identity.AccountUserDetails;
import cn.cdcq.registry.client.identity.PublicReader;
import cn.cdcq.registry.client.web.PageSlices;
import cn.cdcq.registry.common.certificate.VerificationReport;
import cn.cdcq.registry.common.certificate.VerificationReport.Recognition;
import cn.cdcq.registry.common.certificate.VerificationReport.Step;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import cn.cdcq.registry.common.privacy.Holder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** The public verification page: verdicts read from the chaincode's report, the holder check, CSRF, language. */
@WebMvcTest({VerificationPageController.class, cn.cdcq.registry.client.web.DeskController.class})
@Import(PageSlices.Chengdu.class)
@TestPropertySource(properties = "registry.region-code=CD")
class VerificationPageControllerTest {

    static final String NUMBER = "S000150000001264000001";
    static final String ID = "51010119900101123" + ResidentIdNumber.checkCharacter("51010119900101123");
    static final String SALT = "5a".repeat(32);

    @Autowired
    MockMvc mvc;
    @MockitoBean
    PublicReader reader;
    @MockitoBean
    AccountUserDetails users;
    @MockitoBean
    CredentialController credentials;
    @MockitoBean
    cn.cdcq.registry.client.anchor.AnchorService anchors;

    final CertificateClient client = mock(CertificateClient.class);

    @BeforeEach
    void readerClient() {
        when(reader.<CertificateClient>client(any())).thenReturn(client);
    }

    static VerificationReport report(String status, String failedCheck, String holderResult) {
        List<Step> steps = new ArrayList<>();
        for (String check : List.of("RECORD", "CANONICAL_HASH", "MERKLE_PATH", "REGION_SIGNATURE", "ISSUER_ACCREDITED", "STATUS")) {
            steps.add(new Step(check, check.equals(failedCheck) ? "FAIL" : "PASS", check + " reason from the chaincode"));
        }
        steps.add(new Step("HOLDER", holderResult, "holder reason"));
        boolean valid = failedCheck == null && !"FAIL".equals(holderResult);
        return new VerificationReport(NUMBER, valid ? "VALID" : "INVALID", status == null ? null : cn.cdcq.registry.common.certificate.CertificateStatus.valueOf(status), "4-04-05-01", 4, "CQ",
                "52500000MJ00000033", "Chongqing Skills Center", "2026-06-30", null, "2026-07-01T02:00:00Z", steps,
                List.of(new Recognition("CD", true, "RULE", "rule-1", null, "rule rule-1 recognizes it"),
                        new Recognition("CQ", true, "HOME_REGION", null, null, "issued here")));
    }

    @Nested
    class Verdicts {
        @Test
        void aValidCertificateIsValidWithEveryStepAndRecognitionAndTheAnsweringRegion() throws Exception {
            when(client.verify(NUMBER)).thenReturn(report("VALID", null, "NOT_APPLICABLE"));
            mvc.perform(get("/verify/" + NUMBER))
                    .andExpect(status().isOk())
                    .andExpect(header().string("Cache-Control", "no-store"))
                    .andExpect(content().string(containsString("data-verdict=\"VALID\"")))
                    .andExpect(content().string(containsString("有效")))
                    .andExpect(content().string(containsString("data-check=\"REGION_SIGNATURE\" data-result=\"PASS\"")))
                    .andExpect(content().string(containsString("互认规则")))
                    .andExpect(content().string(containsString("本次核验由成都（四川）的节点应答")))
                    .andExpect(content().string(containsString("/assets/verify.js")));
        }

        @Test
        void withAnchoringTheReportSaysWhetherTheCertificateIsAnchoredYetAndAChainThatDoesNotAnswerHidesNothingElse()
                throws Exception {
            when(client.verify(NUMBER)).thenReturn(report("VALID", null, "NOT_APPLICABLE"));
            mvc.perform(get("/verify/" + NUMBER)).andExpect(content().string(org.hamcrest.Matchers.not(
                    containsString("id=\"anchor\""))));
            when(anchors.anchoringConfigured()).thenReturn(true);
            when(anchors.certificateProof(NUMBER)).thenThrow(new cn.cdcq.registry.client.fabric.LedgerException(
                    cn.cdcq.registry.common.ErrorCode.NOT_FOUND, "certificate " + NUMBER + " is in no anchored checkpoint yet"));
            mvc.perform(get("/verify/" + NUMBER))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("data-anchor=\"NOT_YET\"")))
                    .andExpect(content().string(containsString("尚未锚定")))
                    .andExpect(content().string(containsString("data-verdict=\"VALID\"")));
            org.mockito.Mockito.reset(anchors);
            when(anchors.anchoringConfigured()).thenReturn(true);
            when(anchors.certificateProof(NUMBER)).thenThrow(new IllegalStateException("connection refused"));
            mvc.perform(get("/verify/" + NUMBER))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("data-anchor=\"UNREACHABLE\"")))
                    .andExpect(content().string(containsString("暂时无法核验锚定")))
                    .andExpect(content().string(containsString("data-verdict=\"VALID\"")));
        }

        @Test
        void aRevokedOneIsRevoked() throws Exception {
            when(client.verify(NUMBER)).thenReturn(report("REVOKED", "STATUS", "NOT_APPLICABLE"));
            mvc.perform(get("/verify/" + NUMBER)).andExpect(content().string(containsString("data-verdict=\"REVOKED\"")));
        }

        @Test
        void aBadSignatureIsForged() throws Exception {
            when(client.verify(NUMBER)).thenReturn(report("VALID", "REGION_SIGNATURE", "NOT_APPLICABLE"));
            mvc.perform(get("/verify/" + NUMBER)).andExpect(content().string(containsString("data-verdict=\"FORGED\"")));
        }

        @Test
        void aNumberNeverIssuedIsNotFound() throws Exception {
            VerificationReport missing = new VerificationReport(NUMBER, "INVALID", null, null, null, null, null, null, null,
                    null, "2026-07-01T02:00:00Z", List.of(new Step("RECORD", "FAIL", "no certificate")), List.of());
            when(client.verify(NUMBER)).thenReturn(missing);
            mvc.perform(get("/verify/" + NUMBER)).andExpect(content().string(containsString("data-verdict=\"NOT_FOUND\"")));
        }

        @Test
        void aMalformedNumberIsShownNextToItsFieldWithoutAskingTheLedger() throws Exception {
            mvc.perform(get("/verify/S123"))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString("id=\"number-problem\"")))
                    .andExpect(content().string(containsString("证书编号不正确")));
            verifyNoInteractions(client);
        }

        @Test
        void inEnglishByTheSwitch() throws Exception {
            mvc.perform(get("/verify/S123").param("lang", "en"))
                    .andExpect(content().string(containsString("Certificate number is not valid.")))
                    .andExpect(header().string("Set-Cookie", containsString("cdcq-lang=en")));
        }
    }

    @Nested
    class HolderCheck {
        @Test
        void sendsOnlyTheCommitmentOfWhatWasTyped() throws Exception {
            when(client.verify(eq(NUMBER), any(HolderPresentation.class))).thenReturn(report("VALID", null, "PASS"));
            mvc.perform(post("/verify/" + NUMBER).with(csrf()).param("holderName", "王小明").param("holderIdNumber", ID)
                            .param("holderSalt", SALT))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("持证人信息相符")))
                    .andExpect(content().string(not(containsString(ID))));
            ArgumentCaptor<HolderPresentation> sent = ArgumentCaptor.forClass(HolderPresentation.class);
            verify(client).verify(eq(NUMBER), sent.capture());
            assertThat(sent.getValue().commitment())
                    .isEqualTo(Holder.commitment(Hashes.fromHex(SALT), new Holder.HolderDetails("王小明", ID)));
        }

        @Test
        void aMismatchIsForged() throws Exception {
            when(client.verify(eq(NUMBER), any(HolderPresentation.class))).thenReturn(report("VALID", null, "FAIL"));
            mvc.perform(post("/verify/" + NUMBER).with(csrf()).param("holderName", "李四").param("holderIdNumber", ID)
                            .param("holderSalt", SALT))
                    .andExpect(content().string(containsString("data-verdict=\"FORGED\"")))
                    .andExpect(content().string(containsString("持证人信息与证书不符")));
        }

        @Test
        void aWrongIdNumberIsShownNextToItsField() throws Exception {
            when(client.verify(NUMBER)).thenReturn(report("VALID", null, "NOT_APPLICABLE"));
            mvc.perform(post("/verify/" + NUMBER).with(csrf()).param("holderName", "王小明").param("holderIdNumber", "510101199001011230")
                            .param("holderSalt", SALT))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString("id=\"holderIdNumber-problem\"")));
        }

        @Test
        void withoutItsCsrfTokenTheFormIsRefusedAndTheLedgerNotAsked() throws Exception {
            mvc.perform(post("/verify/" + NUMBER).param("holderName", "王小明").param("holderIdNumber", ID).param("holderSalt", SALT))
                    .andExpect(status().isForbidden());
            verifyNoInteractions(client);
        }
    }

    @Nested
    class SignIn {
        @Test
        void aDeskSendsTheBrowserToTheLoginPageWithoutABasicChallenge() throws Exception {
            mvc.perform(get("/center"))
                    .andExpect(status().is3xxRedirection())
                    .andExpect(redirectedUrl("/login"))
                    .andExpect(header().doesNotExist("WWW-Authenticate"));
        }

        @Test
        void theApiKeepsItsBasicChallenge() throws Exception {
            mvc.perform(get("/api/v1/whoami"))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string("WWW-Authenticate", containsString("Basic")));
        }

        @Test
        void basicCredentialsDoNotOpenAPage() throws Exception {
            mvc.perform(get("/center").header("Authorization", "Basic Y2QtYWRtaW46c2VjcmV0"))
                    .andExpect(status().is3xxRedirection())
                    .andExpect(header().doesNotExist("WWW-Authenticate"));
        }

        @Test
        void theLoginPageHasItsCsrfTokenAndLabels() throws Exception {
            mvc.perform(get("/login"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("name=\"_csrf\"")))
                    .andExpect(content().string(containsString("<label for=\"username\"")))
                    .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")));
        }
    }

    @Nested
    class PortableCredential {
        static final String VC = "{\"type\":[\"VerifiableCredential\",\"SkillCertificateCredential\"]}";

        @Test
        void theHolderFormDownloadsTheCredentialTheApiMakesWithWhatWasTyped() throws Exception {
            when(credentials.holderExport(eq(NUMBER), any())).thenReturn(ResponseEntity.ok(VC));
            mvc.perform(post("/verify/" + NUMBER + "/credential").with(csrf()).param("holderName", "王小明")
                            .param("holderIdNumber", ID).param("holderSalt", SALT).param("disclose", "true"))
                    .andExpect(status().isOk())
                    .andExpect(header().string("Content-Disposition", containsString("attachment; filename=\"credential-" + NUMBER + ".json\"")))
                    .andExpect(header().string("Cache-Control", "no-store"))
                    .andExpect(content().string(VC));
            ArgumentCaptor<CredentialController.HolderExport> sent = ArgumentCaptor.forClass(CredentialController.HolderExport.class);
            verify(credentials).holderExport(eq(NUMBER), sent.capture());
            assertThat(sent.getValue()).isEqualTo(new CredentialController.HolderExport("王小明", ID, SALT, true));
        }

        @Test
        void detailsThatDoNotGiveTheCommitmentShowTheReportAgainWithTheReason() throws Exception {
            when(client.verify(NUMBER)).thenReturn(report("VALID", null, "NOT_APPLICABLE"));
            when(credentials.holderExport(eq(NUMBER), any())).thenThrow(new CredentialRefusal(HttpStatus.FORBIDDEN,
                    "HOLDER_MISMATCH", "the name, ID number and salt presented do not match"));
            mvc.perform(post("/verify/" + NUMBER + "/credential").with(csrf()).param("holderName", "李四")
                            .param("holderIdNumber", ID).param("holderSalt", SALT))
                    .andExpect(status().isForbidden())
                    .andExpect(content().string(containsString("id=\"credential-problem\"")))
                    .andExpect(content().string(containsString("姓名、身份证号或核验码与本证书的持证人不符。")));
        }

        @Test
        void theDownloadButtonIsOfferedOnlyWhereTheCertificateWasIssued() throws Exception {
            when(client.verify(NUMBER)).thenReturn(report("VALID", null, "NOT_APPLICABLE"));
            // This service is Chengdu's; the report's certificate is Chongqing's.
            mvc.perform(get("/verify/" + NUMBER))
                    .andExpect(content().string(not(containsString("id=\"download-credential\""))))
                    .andExpect(content().string(containsString("id=\"download-elsewhere\"")));
        }

        @Test
        void thePastedCredentialIsVerifiedByTheApisVerifierAndEveryStepShown() throws Exception {
            when(credentials.verification(VC)).thenReturn(new CredentialVerification("INVALID", "urn:cdcq:certificate:" + NUMBER,
                    "did:web:example", NUMBER, "2026-07-01T02:00:00Z",
                    List.of(new Step("RECORD", "PASS", "a VC 2.0"), new Step("REGION_SIGNATURE", "FAIL", "the signature does not verify")),
                    List.of(new CredentialVerification.Problem(CredentialVerification.PROOF_VERIFICATION_ERROR, "PROOF_VERIFICATION_ERROR",
                            "the signature does not verify", "REGION_SIGNATURE"))));
            mvc.perform(multipart("/verify/credential").with(csrf()).param("credential", VC).param("lang", "en"))
                    .andExpect(status().isOk())
                    .andExpect(header().string("Cache-Control", "no-store"))
                    .andExpect(content().string(containsString("data-verdict=\"INVALID\"")))
                    .andExpect(content().string(containsString("The credential is not valid")))
                    .andExpect(content().string(containsString("data-check=\"REGION_SIGNATURE\" data-result=\"FAIL\"")))
                    .andExpect(content().string(containsString("PROOF_VERIFICATION_ERROR")));
        }

        @Test
        void anUploadedFileIsVerifiedLikePastedTextAndNothingAtAllIsRefusedWithoutAskingTheVerifier() throws Exception {
            when(credentials.verification(VC)).thenReturn(new CredentialVerification("VALID", null, null, NUMBER,
                    "2026-07-01T02:00:00Z", List.of(new Step("RECORD", "PASS", "a VC 2.0")), List.of()));
            mvc.perform(multipart("/verify/credential").file(new MockMultipartFile("credentialFile", "vc.json", "application/json",
                            VC.getBytes(java.nio.charset.StandardCharsets.UTF_8))).with(csrf()))
                    .andExpect(content().string(containsString("data-verdict=\"VALID\"")))
                    .andExpect(content().string(containsString("凭证有效")));
            mvc.perform(multipart("/verify/credential").with(csrf()).param("credential", "  "))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString("请粘贴凭证或选择凭证文件。")));
            verify(credentials).verification(VC);
        }

        @Test
        void withoutItsCsrfTokenTheHolderViewIsRefused() throws Exception {
            mvc.perform(multipart("/verify/credential").param("credential", VC)).andExpect(status().isForbidden());
            verifyNoInteractions(credentials);
        }
    }
}
