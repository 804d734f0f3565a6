package cn.cdcq.registry.client.web.center;

import cn.cdcq.registry.client.certificate.CertificateIssuance;
import cn.cdcq.registry.client.certificate.IssueResults;
import cn.cdcq.registry.client.certificate.NewCertificate;
import cn.cdcq.registry.client.events.Inbox;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.Account;
import cn.cdcq.registry.client.identity.AccountRole;
import cn.cdcq.registry.client.identity.AccountUserDetails;
import cn.cdcq.registry.client.identity.Accounts;
import cn.cdcq.registry.client.web.PageSlices;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import cn.cdcq.registry.common.format.Uscc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The training center desk: a CSV checked row by row before anything is submitted; one issue; roles. */
@WebMvcTest(CenterDeskController.class)
@Import(PageSlices.Chengdu.class)
@TestPropertySource(properties = "registry.region-code=CD")
class CenterDeskControllerTest {

    static final String CENTER = "52510100MJ0000001" + Uscc.checkCharacter("52510100MJ0000001");
    static final String ID = "51010119900101123" + ResidentIdNumber.checkCharacter("51010119900101123");
    static final String HEADER = "number,occupation,level,issueDate,expiryDate,holderName,holderIdNumber\n";
    static final String TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

    @Autowired
    MockMvc mvc;
    @MockitoBean
    CertificateIssuance issuance;
    @MockitoBean
    BatchJobs jobs;
    @MockitoBean
    Handouts handouts;
    @MockitoBean
    CertificatePdf pdf;
    @MockitoBean
    UserGateways gateways;
    @MockitoBean
    Accounts accounts;
    @MockitoBean
    Inbox inbox;
    @MockitoBean
    AccountUserDetails users;
    @MockitoBean
    cn.cdcq.registry.client.certificate.CenterCertificatesController listing;

    @BeforeEach
    void center() {
        Account account = mock(Account.class);
        when(account.centerId()).thenReturn(CENTER);
        when(accounts.find("cd-center-01")).thenReturn(Optional.of(account));
        when(inbox.items(any())).thenReturn(List.of());
    }

    static String row(String number, String level, String date, String id) {
        return number + ",4-04-05-01," + level + "," + date + ",,王小明," + id + "\n";
    }

    @Test
    void aCsvWithBadRowsMarksEachWithItsReasonAndOffersNothingToSubmit() throws Exception {
        String csv = HEADER + row("S000151000001264000001", "4", TODAY, ID)
                + row("S000151000001264000002", "3", TODAY, ID)          // level digit says 4
                + row("S000151000001264000003", "4", TODAY, "510101199001011230"); // bad check character
        mvc.perform(multipart("/center/batches").file(new MockMultipartFile("csv", "g.csv", "text/csv",
                        csv.getBytes(StandardCharsets.UTF_8))).with(csrf()).with(user("cd-center-01").roles("TRAINING_CENTER")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-line=\"2\" data-valid=\"true\"")))
                .andExpect(content().string(containsString("data-line=\"3\" data-valid=\"false\"")))
                .andExpect(content().string(containsString("data-line=\"4\" data-valid=\"false\"")))
                .andExpect(content().string(containsString("公民身份号码不正确")))
                .andExpect(content().string(containsString("2 行有误")))
                .andExpect(content().string(not(containsString("id=\"commit-form\""))));
        verifyNoInteractions(issuance, jobs);
    }

    @Test
    void aGoodCsvIsOfferedForCommitAndStillNothingIsSubmitted() throws Exception {
        String csv = HEADER + row("S000151000001264000001", "4", TODAY, ID) + row("S000151000001264000002", "4", TODAY, ID);
        mvc.perform(multipart("/center/batches").file(new MockMultipartFile("csv", "g.csv", "text/csv",
                        csv.getBytes(StandardCharsets.UTF_8))).with(csrf()).with(user("cd-center-01").roles("TRAINING_CENTER")))
                .andExpect(content().string(containsString("id=\"commit-form\"")))
                .andExpect(content().string(containsString("全部 2 行检查通过")));
        verifyNoInteractions(issuance, jobs);
    }

    @Test
    void aCsvWithoutARequiredColumnIsRefusedAsAFile() throws Exception {
        mvc.perform(multipart("/center/batches").file(new MockMultipartFile("csv", "g.csv", "text/csv",
                        "number,level\nS000151000001264000001,4\n".getBytes(StandardCharsets.UTF_8)))
                        .with(csrf()).with(user("cd-center-01").roles("TRAINING_CENTER")))
                .andExpect(content().string(containsString("id=\"file-problem\"")));
        verifyNoInteractions(issuance, jobs);
    }

    @Test
    void issuingOneGoesThroughTheApisIssuanceAndLeadsToTheHandout() throws Exception {
        when(issuance.issue(eq("cd-center-01"), any(NewCertificate.class))).thenReturn(new IssueResults.SingleIssue(
                IssueResults.ISSUED, new IssueResults.IssuedCertificate("S000151000001264000001", "VALID", "ab".repeat(32)),
                "2026-07-01T02:00:00Z", "c".repeat(64)));
        var accreditations = mock(cn.cdcq.registry.client.certificate.AccreditationClient.class);
        when(gateways.client(eq("cd-center-01"), any())).thenReturn(accreditations);
        when(accreditations.accreditation(CENTER)).thenReturn(new cn.cdcq.registry.common.certificate.Accreditation(
                CENTER, "Chengdu Skills Center", "CD", List.of(), "2026-01-01", "2028-12-31", cn.cdcq.registry.common.certificate.AccreditationStatus.ACTIVE, null, null, 1, null, null, null, null));
        when(handouts.keep(anyString(), anyString(), anyString(), any(), any()))
                .thenReturn(new Handouts.Handout("h1", "cd-center-01", "s", java.time.Instant.now(), "", List.of(), List.of()));
        mvc.perform(post("/center/certificates").with(csrf()).with(user("cd-center-01").roles("TRAINING_CENTER"))
                        .param("number", "S000151000001264000001").param("occupation", "4-04-05-01").param("level", "4")
                        .param("issueDate", TODAY).param("holderName", "王小明").param("holderIdNumber", ID)
                        .param("nameMask", "FULL").param("idMask", "MASKED"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/center/handouts/h1"));
    }

    @Test
    void aWrongFieldIsShownNextToItAndNothingIsIssued() throws Exception {
        mvc.perform(post("/center/certificates").with(csrf()).with(user("cd-center-01").roles("TRAINING_CENTER"))
                        .param("number", "S000151000001264000001").param("occupation", "4-04-05-01").param("level", "4")
                        .param("issueDate", TODAY).param("holderName", "王小明").param("holderIdNumber", "510101199001011230"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"holderIdNumber-problem\"")));
        verify(issuance, never()).issue(anyString(), any());
    }

    @Test
    void aFileThatIsNoPhotoIsShownNextToThePhotoAndNothingIsIssued() throws Exception {
        MockMultipartFile notAPhoto = new MockMultipartFile("photo", "photo.jpg", "image/jpeg", "a letter".getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart("/center/certificates").file(notAPhoto).with(csrf()).with(user("cd-center-01").roles("TRAINING_CENTER"))
                        .param("number", "S000151000001264000001").param("occupation", "4-04-05-01").param("level", "4")
                        .param("issueDate", TODAY).param("holderName", "王小明").param("holderIdNumber", ID))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"photo-problem\"")))
                .andExpect(content().string(containsString("照片须为 JPEG 或 PNG 图片。")));
        verify(issuance, never()).issue(anyString(), any());
    }

    @Test
    void anInspectorMayNotUseTheDesk() throws Exception {
        mvc.perform(get("/center").with(user("cd-ins-01").roles("INSPECTOR"))).andExpect(status().isForbidden());
    }
}
