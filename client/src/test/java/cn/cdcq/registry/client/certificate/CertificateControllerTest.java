package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.client.certificate.CertificateClient.Issued;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.Account;
import cn.cdcq.registry.client.identity.AccountRole;
import cn.cdcq.registry.client.identity.AccountUserDetails;
import cn.cdcq.registry.client.identity.Accounts;
import cn.cdcq.registry.client.privacy.HolderPseudonyms;
import cn.cdcq.registry.client.privacy.HolderSalts;
import cn.cdcq.registry.client.region.RegionAttestation;
import cn.cdcq.registry.client.web.ProblemDetails;
import cn.cdcq.registry.client.web.SecurityConfiguration;
import cn.cdcq.registry.common.certificate.CertificateAttestation;
import cn.cdcq.registry.common.certificate.CertificateBatch;
import cn.cdcq.registry.common.certificate.CertificateBatchRequest;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.certificate.CertificateIssueRequest;
import cn.cdcq.registry.common.certificate.CertificateStatus;
import cn.cdcq.registry.common.certificate.SkillCertificate;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.privacy.Holder;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static cn.cdcq.registry.client.certificate.CertificateWebTest.CENTER;
import static cn.cdcq.registry.client.certificate.CertificateWebTest.ID;
import static cn.cdcq.registry.client.certificate.CertificateWebTest.NAME;
import static cn.cdcq.registry.client.certificate.CertificateWebTest.NUMBER;
import static cn.cdcq.registry.client.certificate.CertificateWebTest.PEPPER;
import static cn.cdcq.registry.client.certificate.CertificateWebTest.TX;
import static cn.cdcq.registry.client.certificate.CertificateWebTest.entryJson;
import static cn.cdcq.registry.client.certificate.CertificateWebTest.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
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

/**
 * Issuing and managing certificates over HTTP, with the typed ledger client mocked at its
 * boundary: what a center sends is validated field by field before the ledger; the holder's
 * details become pseudonym and commitment and appear nowhere else; a retried batch issues nothing;
 * roles are checked; the ledger's refusals keep their code.
 */
@WebMvcTest(CertificateController.class)
@Import({SecurityConfiguration.class, ProblemDetails.class, CertificateIssuance.class, HolderPseudonyms.class,
        HolderSalts.class, CertificateWebTest.Region.class})
class CertificateControllerTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    UserGateways gateways;
    @MockitoBean
    Accounts accounts;
    @MockitoBean
    RegionAttestation attestation;
    @MockitoBean
    AccountUserDetails users;

    final CertificateClient client = mock(CertificateClient.class);

    @BeforeEach
    void aCenterOfChengduAndItsLedgerClient() {
        when(gateways.<CertificateClient>client(anyString(), any())).thenReturn(client);
        when(accounts.find("cd-center")).thenReturn(Optional.of(new Account("cd-center", AccountRole.TRAINING_CENTER,
                CENTER, null, "hash", "pem", "key", "2026-01-01T00:00:00Z", "cd-admin")));
        when(attestation.sign(any(), anyString(), anyString(), anyString())).thenReturn(new byte[]{0x30, 0x01, 0x02});
    }

    private static SkillCertificate stored(CertificateClaims claims) {
        return new SkillCertificate(claims, "300102", null, null, null, 1, 1, "2026-01-05T08:00:00Z", TX,
                "ChengduMSP/cd-center", CertificateStatus.VALID, null, null, null, null);
    }

    @Nested
    class SingleIssue {

        @Test
        @WithMockUser(username = "cd-center", roles = "TRAINING_CENTER")
        void theHolderBecomesPseudonymAndCommitmentTheRegionSignsAndTheSaltComesBackOnce() throws Exception {
            ArgumentCaptor<CertificateIssueRequest> sent = ArgumentCaptor.forClass(CertificateIssueRequest.class);
            when(client.issue(sent.capture())).thenAnswer(i -> new Issued<>(stored(sent.getValue().certificate()), TX, 7, 7000));

            MvcResult result = mvc.perform(post("/api/v1/certificates").contentType(MediaType.APPLICATION_JSON)
                            .content(entryJson(NUMBER, 4, NAME, ID.toLowerCase())))
                    .andExpect(status().isCreated())
                    .andExpect(header().string("Location", "/api/v1/certificates/" + NUMBER))
                    .andExpect(header().string("Cache-Control", "no-store"))
                    .andExpect(jsonPath("$.outcome").value("ISSUED"))
                    .andExpect(jsonPath("$.certificate.number").value(NUMBER))
                    .andExpect(jsonPath("$.certificate.status").value("VALID"))
                    .andExpect(jsonPath("$.transactionId").value(TX))
                    .andReturn();
            String salt = Json.tree(result.getResponse().getContentAsString()).path("certificate").path("holderSalt").asText();
            assertThat(salt).matches("[0-9a-f]{64}");

            CertificateClaims claims = sent.getValue().certificate();
            assertThat(claims.centerId()).isEqualTo(CENTER);
            assertThat(claims.region()).isEqualTo("CD");
            assertThat(claims.holderPseudonym()).isEqualTo(Holder.pseudonym(PEPPER, ID));
            assertThat(claims.holderCommitment()).isEqualTo(new HolderPresentation(NAME, ID, salt).commitment());
            assertThat(Json.write(sent.getValue())).doesNotContain(NAME, ID, ID.substring(0, 17), salt);
            assertThat(result.getResponse().getContentAsString()).doesNotContain(NAME, ID.substring(0, 17));
            assertThat(sent.getValue().signature()).isEqualTo("300102");
            verify(attestation).sign(CertificateAttestation.signedBytes(claims), "SkillCertificate", NUMBER, "cd-center");
        }

        @Test
        @WithMockUser(username = "cd-center", roles = "TRAINING_CENTER")
        void theSameRequestAgainAnswersAlreadyIssuedWithTheSameSalt() throws Exception {
            ArgumentCaptor<CertificateIssueRequest> sent = ArgumentCaptor.forClass(CertificateIssueRequest.class);
            when(client.issue(sent.capture())).thenAnswer(i -> new Issued<>(stored(sent.getValue().certificate()), TX, 7, 7000));
            JsonNode first = Json.tree(mvc.perform(post("/api/v1/certificates").contentType(MediaType.APPLICATION_JSON)
                    .content(entryJson(NUMBER, 4, NAME, ID))).andReturn().getResponse().getContentAsString());

            CertificateClaims onLedger = sent.getValue().certificate();
            org.mockito.Mockito.doThrow(new LedgerException("ALREADY_EXISTS", "certificate number " + NUMBER
                    + " was already issued", List.of(), null)).when(client).issue(any());
            when(client.certificate(NUMBER)).thenReturn(stored(onLedger));
            mvc.perform(post("/api/v1/certificates").contentType(MediaType.APPLICATION_JSON)
                            .content(entryJson(NUMBER, 4, " " + NAME + " ", ID)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.outcome").value("ALREADY_ISSUED"))
                    .andExpect(jsonPath("$.certificate.holderSalt").value(first.path("certificate").path("holderSalt").asText()))
                    .andExpect(jsonPath("$.transactionId").value(TX));
        }

        @Test
        @WithMockUser(username = "cd-center", roles = "TRAINING_CENTER")
        void aNumberTakenByAnotherHolderStaysA409() throws Exception {
            ArgumentCaptor<CertificateIssueRequest> sent = ArgumentCaptor.forClass(CertificateIssueRequest.class);
            when(client.issue(sent.capture())).thenThrow(new LedgerException("ALREADY_EXISTS", "certificate number "
                    + NUMBER + " was already issued", List.of(), null));
            when(client.certificate(NUMBER)).thenAnswer(i -> {
                CertificateClaims c = sent.getValue().certificate();
                return stored(new CertificateClaims(c.number(), c.occupation(), c.level(), c.centerId(), c.region(),
                        c.issueDate(), c.expiryDate(), "b".repeat(64), "c".repeat(64)));
            });
            mvc.perform(post("/api/v1/certificates").contentType(MediaType.APPLICATION_JSON)
                            .content(entryJson(NUMBER, 4, NAME, ID)))
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.code").value("ALREADY_EXISTS"));
        }

        @ParameterizedTest(name = "{0}={1}")
        @CsvSource(delimiter = '|', value = {
                "number          | S00015100000126400001  | INVALID_CERTIFICATE_NUMBER | must be 22 characters",
                "number          | X000151000001264000001 | INVALID_CERTIFICATE_NUMBER | first character must be Y",
                "number          | S000151000001263000001 | INVALID_CERTIFICATE_NUMBER | level digit (position 16) is 3",
                "number          | S000151000001266000001 | INVALID_CERTIFICATE_NUMBER | level digit (position 16) is 6",
                "occupation      | 4-4-05-01              | INVALID_OCCUPATION         | expected the form d-dd-dd-dd",
                "level           | 6                      | INVALID_LEVEL              | skill level 6 does not exist",
                "level           | 0                      | INVALID_LEVEL              | skill level 0 does not exist",
                "issueDate       | 2026-02-30             | INVALID_DATE               | not a real calendar date",
                "issueDate       | 2099-01-01             | INVALID_DATE               | is in the future",
                "issueDate       | 05/01/2026             | INVALID_DATE               | not in the form yyyy-MM-dd",
                "expiryDate      | 2025-05-01             | INVALID_DATE               | is not after issueDate",
                "holderIdNumber  | 510101199001011230     | INVALID_ID_NUMBER          | check character should be",
                "holderIdNumber  | 51010119901301123X     | INVALID_ID_NUMBER          | not a real calendar date",
                "holderName      | ' '                    | INVALID_HOLDER             | holder name is missing"})
        @WithMockUser(username = "cd-center", roles = "TRAINING_CENTER")
        void invalidInputIsRefusedBeforeTheLedgerWithTheFieldNamed(String field, String value, String code, String message)
                throws Exception {
            ObjectNodeBuilder body = new ObjectNodeBuilder(entryJson(NUMBER, 4, NAME, ID));
            if (field.equals("level")) {
                body.node.put("level", Integer.parseInt(value));
            } else {
                body.node.put(field, value);
            }
            mvc.perform(post("/api/v1/certificates").contentType(MediaType.APPLICATION_JSON).content(body.node.toString()))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.code").value(code))
                    .andExpect(jsonPath("$.field").value(field))
                    .andExpect(jsonPath("$.detail").value(startsWith(field + ": ")))
                    .andExpect(jsonPath("$.detail").value(containsString(message)))
                    .andExpect(jsonPath("$.detail").value(not(containsString(ID.substring(6, 14)))))
                    .andExpect(jsonPath("$.detail").value(not(containsString(NAME))));
            verifyNoInteractions(client, attestation);
        }

        @Test
        @WithMockUser(username = "cd-center", roles = "TRAINING_CENTER")
        void aValueOfTheWrongJsonTypeIsNamedByItsPathWithoutRepeatingIt() throws Exception {
            mvc.perform(post("/api/v1/certificate-batches").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"certificates\":[" + entryJson(NUMBER, 4, NAME, ID) + ",{\"level\":\"four\"}]}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("INVALID_JSON"))
                    .andExpect(jsonPath("$.field").value("certificates[1].level"))
                    .andExpect(jsonPath("$.detail").value(containsString("expected a whole number")))
                    .andExpect(jsonPath("$.detail").value(not(containsString("four"))));
            verifyNoInteractions(client, attestation);
        }

        @Test
        @WithMockUser(username = "cd-center", roles = "TRAINING_CENTER")
        void everyWrongFieldIsNamedInOneAnswer() throws Exception {
            mvc.perform(post("/api/v1/certificates").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"number\":\"S1\",\"occupation\":\"x\",\"issueDate\":\"2026-13-01\"}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.contains(
                            "number", "level", "occupation", "issueDate", "holderName", "holderIdNumber")));
        }
    }

    @Nested
    class Roles {

        @Test
        void withoutCredentialsAnIssueIs401() throws Exception {
            mvc.perform(post("/api/v1/certificates").contentType(MediaType.APPLICATION_JSON)
                            .content(entryJson(NUMBER, 4, NAME, ID)))
                    .andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
            verifyNoInteractions(client, attestation);
        }

        @ParameterizedTest
        @CsvSource({"INSPECTOR", "BUREAU"})
        void onlyATrainingCenterIssues(String role) throws Exception {
            mvc.perform(post("/api/v1/certificates").contentType(MediaType.APPLICATION_JSON)
                            .content(entryJson(NUMBER, 4, NAME, ID)).with(user("someone", role)))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.code").value("FORBIDDEN"));
            mvc.perform(post("/api/v1/certificate-batches").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"certificates\":[" + entryJson(NUMBER, 4, NAME, ID) + "]}").with(user("someone", role)))
                    .andExpect(status().isForbidden());
            verifyNoInteractions(client, attestation);
        }

        @Test
        @WithMockUser(username = "cd-center", roles = "TRAINING_CENTER")
        void aCenterMayNotChangeAStatus() throws Exception {
            mvc.perform(post("/api/v1/certificates/" + NUMBER + "/revoke").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"reasonCode\":\"ISSUED_IN_ERROR\",\"reason\":\"wrong holder\"}"))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.code").value("FORBIDDEN"));
            verify(client, never()).revoke(anyString(), anyString(), anyString());
        }

        private static org.springframework.test.web.servlet.request.RequestPostProcessor user(String name, String role) {
            return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(name).roles(role);
        }
    }

    @Nested
    class Batch {

        private String batch(int size) {
            List<String> entries = new ArrayList<>();
            for (int i = 1; i <= size; i++) {
                entries.add(entryJson(number(4, i), 4, NAME + i, ID));
            }
            return "{\"certificates\":[" + String.join(",", entries) + "]}";
        }

        @Test
        @WithMockUser(username = "cd-center", roles = "TRAINING_CENTER")
        void aBatchIsSignedOnceOverItsMerkleRootAndARetryIssuesNothing() throws Exception {
            ArgumentCaptor<CertificateBatchRequest> sent = ArgumentCaptor.forClass(CertificateBatchRequest.class);
            when(client.batch(anyString())).thenThrow(new LedgerException("NOT_FOUND", "no certificate batch", List.of(), null));
            when(client.issueBatch(sent.capture())).thenAnswer(i -> {
                var header = CertificateAttestation.header(sent.getValue().certificates());
                return new Issued<>(new CertificateBatch(header.merkleRoot(), "CD", CENTER, header.count(), "300102", 1,
                        "2026-01-05T08:00:00Z", TX, "ChengduMSP/cd-center"), TX, 9, 90000);
            });
            JsonNode first = Json.tree(mvc.perform(post("/api/v1/certificate-batches").contentType(MediaType.APPLICATION_JSON)
                            .content(batch(3)))
                    .andExpect(status().isCreated())
                    .andExpect(header().string("Cache-Control", "no-store"))
                    .andExpect(jsonPath("$.outcome").value("ISSUED"))
                    .andExpect(jsonPath("$.count").value(3))
                    .andExpect(jsonPath("$.certificates", hasSize(3)))
                    .andExpect(jsonPath("$.certificates[2].number").value(number(4, 3)))
                    .andExpect(jsonPath("$.certificates[2].status").value("VALID"))
                    .andReturn().getResponse().getContentAsString());
            String root = CertificateAttestation.header(sent.getValue().certificates()).merkleRoot();
            assertThat(first.path("batchId").asText()).isEqualTo(root);
            for (int i = 0; i < 3; i++) {
                CertificateClaims claims = sent.getValue().certificates().get(i);
                String salt = first.path("certificates").path(i).path("holderSalt").asText();
                assertThat(new HolderPresentation(NAME + (i + 1), ID, salt).commitment()).isEqualTo(claims.holderCommitment());
            }
            verify(attestation).sign(any(), eq("SkillCertificateBatch"), eq(root), eq("cd-center"));

            // The same batch again (an answer lost, an import resumed): found by its root, nothing signed or issued.
            org.mockito.Mockito.doReturn(new CertificateBatch(root, "CD", CENTER, 3, "300102", 1,
                    "2026-01-05T08:00:00Z", TX, "ChengduMSP/cd-center")).when(client).batch(root);
            mvc.perform(post("/api/v1/certificate-batches").contentType(MediaType.APPLICATION_JSON).content(batch(3)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.outcome").value("ALREADY_ISSUED"))
                    .andExpect(jsonPath("$.batchId").value(root))
                    .andExpect(jsonPath("$.transactionId").value(TX))
                    .andExpect(jsonPath("$.certificates[1].holderSalt").value(first.path("certificates").path(1).path("holderSalt").asText()));
            verify(client, org.mockito.Mockito.times(1)).issueBatch(any());
            verify(attestation, org.mockito.Mockito.times(1)).sign(any(), anyString(), anyString(), anyString());
        }

        @Test
        @WithMockUser(username = "cd-center", roles = "TRAINING_CENTER")
        void aTwinThatWonTheRaceMakesThisOneAlreadyIssued() throws Exception {
            when(client.batch(anyString()))
                    .thenThrow(new LedgerException("NOT_FOUND", "no certificate batch", List.of(), null))
                    .thenAnswer(i -> new CertificateBatch(i.getArgument(0), "CD", CENTER, 2, "300102", 1,
                            "2026-01-05T08:00:00Z", TX, "ChengduMSP/cd-center"));
            when(client.issueBatch(any())).thenThrow(new LedgerException(LedgerException.MVCC_CONFLICT, "lost a race", List.of(), null));
            mvc.perform(post("/api/v1/certificate-batches").contentType(MediaType.APPLICATION_JSON).content(batch(2)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.outcome").value("ALREADY_ISSUED"));
        }

        @Test
        @WithMockUser(username = "cd-center", roles = "TRAINING_CENTER")
        void oneWrongEntryRefusesTheBatchAndEveryWrongFieldIsNamedWithItsIndex() throws Exception {
            String body = "{\"certificates\":[" + entryJson(number(4, 1), 4, NAME, ID) + ","
                    + entryJson(number(4, 2), 3, NAME, ID) + "," + entryJson(number(4, 3), 4, NAME, "110105194912310021") + ","
                    + entryJson(number(4, 1), 4, NAME, ID) + "]}";
            mvc.perform(post("/api/v1/certificate-batches").contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("certificates[1].number"))
                    .andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.contains(
                            "certificates[1].number", "certificates[2].holderIdNumber", "certificates[3].number")))
                    .andExpect(jsonPath("$.errors[2].message").value(containsString("also entry 0 of this batch")));
            verifyNoInteractions(client, attestation);
        }

        @Test
        @WithMockUser(username = "cd-center", roles = "TRAINING_CENTER")
        void moreThanTwoThousandCertificatesAreRefusedWhole() throws Exception {
            mvc.perform(post("/api/v1/certificate-batches").contentType(MediaType.APPLICATION_JSON).content(batch(2001)))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("certificates"))
                    .andExpect(jsonPath("$.detail").value(containsString("at most 2000")));
            verifyNoInteractions(client, attestation);
        }
    }

    @Nested
    class StatusAndReading {

        @Test
        @WithMockUser(username = "cd-bureau", roles = "BUREAU")
        void aStatusChangeNeedsAReasonCodeOfItsList() throws Exception {
            mvc.perform(post("/api/v1/certificates/" + NUMBER + "/suspend").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"reasonCode\":\"FRAUD\",\"reason\":\"x\"}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("reasonCode"))
                    .andExpect(jsonPath("$.code").value("INVALID_REASON"))
                    .andExpect(jsonPath("$.detail").value(containsString("UNDER_INVESTIGATION")));
            mvc.perform(post("/api/v1/certificates/" + NUMBER + "/suspend").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"reasonCode\":\"UNDER_INVESTIGATION\",\"reason\":\"\"}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("reason"));
            verifyNoInteractions(client);
        }

        @Test
        @WithMockUser(username = "cd-bureau", roles = "BUREAU")
        void theBureauSuspendsWithItsOwnIdentityAndAnotherRegionsCertificateIsTheLedgersRefusal() throws Exception {
            SkillCertificate suspended = stored(new CertificateClaims(NUMBER, "4-04-05-01", 4, CENTER, "CD", "2025-06-01",
                    null, "b".repeat(64), "c".repeat(64))).withStatus(CertificateStatus.SUSPENDED, "UNDER_INVESTIGATION", "complaint",
                    "2026-01-06T00:00:00Z", "ChengduMSP/cd-bureau");
            when(client.suspend(NUMBER, "UNDER_INVESTIGATION", "complaint")).thenReturn(suspended);
            mvc.perform(post("/api/v1/certificates/" + NUMBER.toLowerCase() + "/suspend").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"reasonCode\":\"UNDER_INVESTIGATION\",\"reason\":\" complaint \"}"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(Json.write(suspended)));
            verify(gateways).client(eq("cd-bureau"), any());

            String chongqings = "S000150000001264000077";
            when(client.revoke(eq(chongqings), anyString(), anyString())).thenThrow(new LedgerException("FORBIDDEN",
                    "certificate " + chongqings + " was issued in region CQ; only that region's bureau may change its status",
                    List.of(), null));
            mvc.perform(post("/api/v1/certificates/" + chongqings + "/revoke").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"reasonCode\":\"ISSUED_IN_ERROR\",\"reason\":\"duplicate\"}"))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.code").value("FORBIDDEN"))
                    .andExpect(jsonPath("$.detail").value(containsString("issued in region CQ")));
        }

        @Test
        @WithMockUser(username = "cd-ins-0001", roles = "INSPECTOR")
        void anyAccountReadsACertificateItsHistoryAndItsBatchAndBadIdsAreRefusedFirst() throws Exception {
            when(client.history(NUMBER)).thenReturn(List.of());
            mvc.perform(get("/api/v1/certificates/" + NUMBER + "/history")).andExpect(status().isOk())
                    .andExpect(content().string("[]"));
            when(client.certificate(NUMBER)).thenThrow(new LedgerException("NOT_FOUND", "no certificate " + NUMBER,
                    List.of(), null));
            mvc.perform(get("/api/v1/certificates/" + NUMBER)).andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.code").value("NOT_FOUND"));
            mvc.perform(get("/api/v1/certificates/S123")).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("number"));
            mvc.perform(get("/api/v1/certificate-batches/xyz")).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("batchId"));
        }

        @ParameterizedTest(name = "{0} -> {1}")
        @CsvSource({"INVALID_INPUT, 400", "FORBIDDEN, 403", "NOT_FOUND, 404", "ALREADY_EXISTS, 409", "CONFLICT, 409",
                "MVCC_CONFLICT, 409", "INVALID_SIGNATURE, 422", "BUSY, 503", "PEER_UNAVAILABLE, 503", "ORDERER_UNAVAILABLE, 503",
                "CHAINCODE_UNAVAILABLE, 503", "ENDORSE_FAILED, 502"})
        @WithMockUser(username = "cd-bureau", roles = "BUREAU")
        void aLedgerRefusalKeepsTheChaincodesCode(String code, int httpStatus) throws Exception {
            when(client.reinstate(anyString(), anyString(), anyString())).thenThrow(new LedgerException(code,
                    "certificate " + NUMBER + " is REVOKED", List.of(), null));
            mvc.perform(post("/api/v1/certificates/" + NUMBER + "/reinstate").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"reasonCode\":\"ERROR_CORRECTED\",\"reason\":\"checked\"}"))
                    .andExpect(status().is(httpStatus))
                    .andExpect(jsonPath("$.code").value(code));
        }
    }

    /** A JSON object to change one field of. */
    static final class ObjectNodeBuilder {
        final com.fasterxml.jackson.databind.node.ObjectNode node;

        ObjectNodeBuilder(String json) {
            node = (com.fasterxml.jackson.databind.node.ObjectNode) Json.tree(json);
        }
    }

    static String hex(byte[] bytes) {
        return Hashes.hex(bytes);
    }
}
