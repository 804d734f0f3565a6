package cn.cdcq.registry.client.credit;

import cn.cdcq.registry.common.credit.InspectorEntry;
import cn.cdcq.registry.client.identity.AccountRole;
import cn.cdcq.registry.client.identity.Account;
import cn.cdcq.registry.client.identity.Accounts;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.AccountUserDetails;
import cn.cdcq.registry.client.identity.PublicReader;
import cn.cdcq.registry.client.region.RegionAttestation;
import cn.cdcq.registry.client.web.ProblemDetails;
import cn.cdcq.registry.client.web.SecurityConfiguration;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.CreditRating;
import cn.cdcq.registry.common.credit.CreditRatingStatement;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.credit.EnterpriseKind;
import cn.cdcq.registry.common.credit.JointRestriction;
import cn.cdcq.registry.common.credit.SpotCheckWeighting;
import cn.cdcq.registry.common.credit.SpotCheckWeights;
import cn.cdcq.registry.common.credit.SpotCheckResult;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.credit.ViolationInput;
import cn.cdcq.registry.common.credit.ViolationStatus;
import cn.cdcq.registry.common.credit.ViolationType;
import cn.cdcq.registry.common.credit.WageArrearsListing;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.profile.CreditProfile;
import cn.cdcq.registry.common.region.DrawKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The credit API's HTTP face (credit, spot checks, public profile), typed ledger clients mocked at their boundary. */
@WebMvcTest({CreditController.class, SpotCheckController.class, PublicCreditController.class})
@Import({SecurityConfiguration.class, ProblemDetails.class})
class CreditControllerTest {

    static final String USCC = "91500000MA5U7Q1K33";
    static final String HASH = "86ae35d58a6aa3b5742df94ef9d7162219f0106a911ae1954c1f0604aaec805d";
    static final String TX = "90a01c8af6216e66947ce5e062f774f71de1a3cfa21399bdc2418c9f8f97af70";

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
    SpotCheckDrawKey drawKey;
    @MockitoBean
    PublicReader publicReader;
    @MockitoBean
    Accounts accounts;

    final CreditRegistryClient credit = mock(CreditRegistryClient.class);
    final SpotCheckClient spotChecks = mock(SpotCheckClient.class);

    @BeforeEach
    void typedClients() {
        when(gateways.client(anyString(), any())).thenAnswer(call -> {
            // Which typed client the controller asked for: build one over no gateway and look at its type.
            Object asked = ((Function<Object, ?>) call.getArgument(1)).apply(null);
            return asked instanceof SpotCheckClient ? spotChecks : credit;
        });
        when(properties.admin()).thenReturn(new ServiceProperties.Admin("cd-admin", Path.of("pw")));
        when(publicReader.client(any())).thenAnswer(call -> credit);
    }

    static String violationJson(String uscc, String amountFen) {
        return "{\"uscc\":\"" + uscc + "\",\"type\":\"WAGE_ARREARS\",\"amountFen\":" + amountFen + ",\"workersAffected\":3,"
                + "\"decisionDate\":\"2026-03-15\",\"decisionDocumentHash\":\"" + HASH + "\",\"major\":true}";
    }

    static Violation violation(String recordedBy) {
        return new Violation(TX, USCC, "CQ", "CD", ViolationType.WAGE_ARREARS, 1_250_000, 3, "2026-03-15", HASH, true, false,
                ViolationStatus.PENALIZED, true, "2026-03-16", "2026-03-16T02:00:00Z", recordedBy, "2026-03-16T02:00:00Z");
    }

    @Nested
    class Enterprises {

        @Test
        @WithMockUser(username = "cq-admin", roles = "BUREAU")
        void aKindIsPassedToTheLedgerAndAnAbsentOneIsLeftToTheChaincode() throws Exception {
            Enterprise e = Enterprise.registered(USCC, "Agency", "CQ", EnterpriseKind.HR_SERVICE_AGENCY, "2026-01-01T00:00:00Z", "m/a");
            when(credit.registerEnterprise(USCC, "Agency", false, EnterpriseKind.HR_SERVICE_AGENCY)).thenReturn(e);
            mvc.perform(post("/api/v1/enterprises").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"uscc\":\"" + USCC + "\",\"name\":\"Agency\",\"kind\":\"HR_SERVICE_AGENCY\"}"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.kind").value("HR_SERVICE_AGENCY"));
            mvc.perform(post("/api/v1/enterprises").contentType(MediaType.APPLICATION_JSON)
                    .content("{\"uscc\":\"" + USCC + "\",\"name\":\"Agency\",\"platform\":true}"));
            verify(credit).registerEnterprise(USCC, "Agency", true, null);
        }

        @Test
        @WithMockUser(username = "cq-admin", roles = "BUREAU")
        void anUnknownKindIsA400NamingTheFieldAndNothingReachesTheLedger() throws Exception {
            mvc.perform(post("/api/v1/enterprises").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"uscc\":\"" + USCC + "\",\"name\":\"Agency\",\"kind\":\"STAFFING\"}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("kind"))
                    .andExpect(jsonPath("$.code").value("INVALID_VALUE"))
                    .andExpect(jsonPath("$.detail").value(startsWith("kind: 'STAFFING' is not one of")));
            mvc.perform(put("/api/v1/enterprises/" + USCC + "/kind").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"kind\":\"AGENCY\"}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("kind"))
                    .andExpect(jsonPath("$.errors[1].field").value("reason"));
            verifyNoInteractions(credit);
        }

        @Test
        @WithMockUser(username = "cq-admin", roles = "BUREAU")
        void aKindChangeGoesToTheLedgerWithItsReason() throws Exception {
            Enterprise e = Enterprise.registered(USCC, "Agency", "CQ", EnterpriseKind.OTHER, "2026-01-01T00:00:00Z", "m/a")
                    .withKind(EnterpriseKind.PLATFORM, "2026-02-01T00:00:00Z", "m/a", "runs an app");
            when(credit.setEnterpriseKind(USCC, EnterpriseKind.PLATFORM, "runs an app")).thenReturn(e);
            mvc.perform(put("/api/v1/enterprises/" + USCC + "/kind").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"kind\":\"PLATFORM\",\"reason\":\"runs an app\"}"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.kindHistory.length()").value(2));
        }

        @Test
        @WithMockUser(username = "cq-ins", roles = "INSPECTOR")
        void onlyABureauChangesAKind() throws Exception {
            mvc.perform(put("/api/v1/enterprises/" + USCC + "/kind").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"kind\":\"PLATFORM\",\"reason\":\"runs an app\"}"))
                    .andExpect(status().isForbidden());
            verifyNoInteractions(credit);
        }
    }

    @Nested
    class Violations {

        @Test
        @WithMockUser(username = "cd-ins-0007", roles = "INSPECTOR")
        void anInspectorsViolationGoesToTheLedgerAsTypedInputSignedAsTheInspector() throws Exception {
            Violation recorded = violation("CD-INS-0007");
            when(credit.recordViolation(any())).thenReturn(recorded);
            mvc.perform(post("/api/v1/violations").contentType(MediaType.APPLICATION_JSON)
                            .content(violationJson(USCC.toLowerCase(), "1250000")))
                    .andExpect(status().isOk())
                    .andExpect(content().string(Json.write(recorded)));
            ArgumentCaptor<ViolationInput> input = ArgumentCaptor.forClass(ViolationInput.class);
            verify(credit).recordViolation(input.capture());
            assertThat(input.getValue()).isEqualTo(new ViolationInput(USCC, ViolationType.WAGE_ARREARS, 1_250_000, 3,
                    "2026-03-15", HASH, true, false, ViolationStatus.OPEN));
            verify(gateways).client(eq("cd-ins-0007"), any());
        }

        @Test
        @WithMockUser(username = "cd-ins-0007", roles = "INSPECTOR")
        void aFractionOfAFenIsRefusedNamingTheField() throws Exception {
            mvc.perform(post("/api/v1/violations").contentType(MediaType.APPLICATION_JSON).content(violationJson(USCC, "12.5")))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.field").value("amountFen"))
                    .andExpect(jsonPath("$.detail").value(startsWith("amountFen: 12.5 is not a whole number of fen")));
            verifyNoInteractions(credit);
        }

        @Test
        @WithMockUser(username = "cd-ins-0007", roles = "INSPECTOR")
        void whatTheViolationRecordItselfRefusesIsNamedByItsField() throws Exception {
            mvc.perform(post("/api/v1/violations").contentType(MediaType.APPLICATION_JSON)
                            .content(violationJson(USCC, "100").replace("\"workersAffected\":3", "\"workersAffected\":0")))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("INVALID_VALUE"))
                    .andExpect(jsonPath("$.field").value("workersAffected"))
                    .andExpect(jsonPath("$.errors[0].field").value("workersAffected"));
            mvc.perform(post("/api/v1/violations").contentType(MediaType.APPLICATION_JSON)
                            .content(violationJson(USCC, "100").replace("\"decisionDocumentHash\":\"", "\"decisionDocumentHash\":\"x")))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("INVALID_HASH"))
                    .andExpect(jsonPath("$.field").value("decisionDocumentHash"));
            mvc.perform(post("/api/v1/violations").contentType(MediaType.APPLICATION_JSON)
                            .content(violationJson(USCC, "100").replace("\"major\":true", "\"major\":true,\"status\":\"CLOSED\"")))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("status"))
                    .andExpect(jsonPath("$.detail").value(startsWith("status: a violation is recorded as OPEN or PENALIZED")));
            verifyNoInteractions(credit);
        }

        @Test
        @WithMockUser(username = "cd-ins-0007", roles = "INSPECTOR")
        void aBadUsccIsRefusedBeforeTheLedgerWithItsCheckCharacter() throws Exception {
            mvc.perform(post("/api/v1/violations").contentType(MediaType.APPLICATION_JSON)
                            .content(violationJson("91500000MA5U7Q1K3J", "100")))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("INVALID_USCC"))
                    .andExpect(jsonPath("$.detail").value(startsWith("uscc: USCC 91500000MA5U7Q1K3J: check character should be 3")));
            verifyNoInteractions(credit);
        }

        @Test
        @WithMockUser(username = "cd-ins-0007", roles = "INSPECTOR")
        void anUnknownTypeADateThatIsNoDateAndAWordForANumberAreEachNamed() throws Exception {
            mvc.perform(post("/api/v1/violations").contentType(MediaType.APPLICATION_JSON)
                            .content(violationJson(USCC, "100").replace("WAGE_ARREARS", "UNPAID")))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("type"))
                    .andExpect(jsonPath("$.detail").value(startsWith("type: 'UNPAID' is not one of [WAGE_ARREARS")));
            mvc.perform(post("/api/v1/violations").contentType(MediaType.APPLICATION_JSON)
                            .content(violationJson(USCC, "100").replace("2026-03-15", "2026-02-30")))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("INVALID_DATE"))
                    .andExpect(jsonPath("$.detail").value(startsWith("decisionDate")));
            mvc.perform(post("/api/v1/violations").contentType(MediaType.APPLICATION_JSON)
                            .content(violationJson(USCC, "100").replace("\"workersAffected\":3", "\"workersAffected\":\"three\"")))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.detail").value(startsWith("workersAffected:")));
            verifyNoInteractions(credit);
        }

        @Test
        @WithMockUser(username = "cd-center", roles = "TRAINING_CENTER")
        void aTrainingCenterMayNotRecordAViolation() throws Exception {
            mvc.perform(post("/api/v1/violations").contentType(MediaType.APPLICATION_JSON).content(violationJson(USCC, "100")))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.code").value("FORBIDDEN"));
            verifyNoInteractions(credit);
        }

        @Test
        @WithMockUser(username = "cd-bureau", roles = "BUREAU")
        void aBureauAccountMayNotRecordAViolationEither() throws Exception {
            mvc.perform(post("/api/v1/violations").contentType(MediaType.APPLICATION_JSON).content(violationJson(USCC, "100")))
                    .andExpect(status().isForbidden());
            verifyNoInteractions(credit);
        }

        @Test
        void withoutCredentialsItIs401() throws Exception {
            mvc.perform(post("/api/v1/violations").contentType(MediaType.APPLICATION_JSON).content(violationJson(USCC, "100")))
                    .andExpect(status().isUnauthorized())
                    .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
            mvc.perform(get("/api/v1/notices").param("toRegion", "CQ")).andExpect(status().isUnauthorized());
            verifyNoInteractions(gateways);
        }

        @Test
        @WithMockUser(username = "cq-ins-0008", roles = "INSPECTOR")
        void theOtherRegionsRefusalOfAStatusChangeIs403WithTheChaincodesMessage() throws Exception {
            when(credit.updateStatus(TX, ViolationStatus.CLOSED)).thenThrow(new LedgerException("FORBIDDEN",
                    "violation " + TX + " was recorded by region CD; only its inspectors may change it", List.of(), null));
            mvc.perform(post("/api/v1/violations/" + TX + "/status").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"status\":\"CLOSED\"}"))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.code").value("FORBIDDEN"))
                    .andExpect(jsonPath("$.detail").value(containsString("recorded by region CD")));
        }

        @Test
        @WithMockUser(username = "cq-admin", roles = "BUREAU")
        void noticesAreListedForAValidRegionOnly() throws Exception {
            when(credit.notices("CQ", true)).thenReturn(List.of());
            mvc.perform(get("/api/v1/notices").param("toRegion", "cq").param("pendingOnly", "true"))
                    .andExpect(status().isOk()).andExpect(content().string("[]"));
            mvc.perform(get("/api/v1/notices").param("toRegion", "Chongqing"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("INVALID_REGION"))
                    .andExpect(jsonPath("$.detail").value(startsWith("toRegion: ")));
        }
    }

    @Nested
    class Ratings {

        final CreditRatingStatement statement = new CreditRatingStatement(USCC, "CD", 2026, CreditLevel.B, CreditLevel.B,
                null, List.of(TX), List.of("B: 1 penalized violation in 2026, no C condition"), 1, 1, null);

        @Test
        @WithMockUser(username = "cd-admin", roles = "BUREAU")
        void theServiceSignsExactlyThePreviewedStatementWithTheRegionsKeyAndRecordsThatSignature() throws Exception {
            when(credit.previewRating(USCC, 2026, null, null)).thenReturn(statement);
            byte[] signature = {0x30, 0x44, 0x02, 0x20, 0x11};
            when(attestation.sign(any(), anyString(), anyString(), anyString())).thenReturn(signature);
            CreditRating rating = new CreditRating(statement, Hashes.hex(signature), "2026-03-16T02:00:00Z", "ChengduMSP/cd-admin", 1);
            when(credit.recordRating(statement, Hashes.hex(signature))).thenReturn(rating);
            mvc.perform(post("/api/v1/enterprises/" + USCC + "/ratings").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"year\":2026}"))
                    .andExpect(status().isOk())
                    .andExpect(content().string(Json.write(rating)));
            verify(attestation).sign(eq(CreditRatingStatement.bytesToSign(statement)), eq("CreditRatingStatement"),
                    eq(USCC + "/CD/2026"), eq("cd-admin"));
        }

        @Test
        @WithMockUser(username = "cd-ins-0007", roles = "INSPECTOR")
        void anInspectorMayNotRateAndNothingIsSigned() throws Exception {
            mvc.perform(post("/api/v1/enterprises/" + USCC + "/ratings").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"year\":2026}"))
                    .andExpect(status().isForbidden());
            verifyNoInteractions(credit, attestation);
        }

        @Test
        @WithMockUser(username = "cd-admin", roles = "BUREAU")
        void aLevelOutsideABCIsRefusedBeforeAnythingIsSigned() throws Exception {
            mvc.perform(post("/api/v1/enterprises/" + USCC + "/ratings").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"year\":2026,\"level\":\"AAA\"}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("level"))
                    .andExpect(jsonPath("$.detail").value(startsWith("level: 'AAA' is not one of [A, B, C]")));
            verifyNoInteractions(credit, attestation);
        }
    }

    @Nested
    class SpotChecks {

        @Test
        @WithMockUser(username = "cd-admin", roles = "BUREAU")
        void registeringAnInspectorWhoseAccountTheServiceHoldsConfirmsItWithThatAccountsIdentity() throws Exception {
            InspectorEntry pending = new InspectorEntry("CD-INS-0007", "CD", "t", "cd-admin", null, null, null, null);
            when(spotChecks.registerInspector("CD-INS-0007")).thenReturn(pending);
            when(spotChecks.confirmInspector("CD-INS-0007")).thenReturn(pending.confirmedBy("t2", "ChengduMSP/cd-ins-7"));
            when(accounts.all()).thenReturn(List.of(new Account("cd-ins-7", AccountRole.INSPECTOR, null, "CD-INS-0007",
                    "h", "pem", "k", "t", "cd-admin")));
            mvc.perform(post("/api/v1/spot-checks/inspectors").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"inspectorId\":\"CD-INS-0007\"}"))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.confirmedAt").value("t2"));
            verify(gateways).client(eq("cd-admin"), any());
            verify(gateways).client(eq("cd-ins-7"), any());
            verify(spotChecks).confirmInspector("CD-INS-0007");
        }

        @Test
        @WithMockUser(username = "cd-admin", roles = "BUREAU")
        void withoutTheInspectorsAccountTheEntryStaysPending() throws Exception {
            when(spotChecks.registerInspector("CD-INS-0008"))
                    .thenReturn(new InspectorEntry("CD-INS-0008", "CD", "t", "cd-admin", null, null, null, null));
            when(accounts.all()).thenReturn(List.of());
            mvc.perform(post("/api/v1/spot-checks/inspectors").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"inspectorId\":\"CD-INS-0008\"}"))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.confirmedAt").doesNotExist());
            verify(spotChecks, never()).confirmInspector(any());
        }

        @Test
        @WithMockUser(username = "cd-admin", roles = "BUREAU")
        void theRevealSendsTheSignatureOfTheServicesDrawKey() throws Exception {
            when(drawKey.contributionHex(TX)).thenReturn("ab".repeat(256));
            mvc.perform(post("/api/v1/spot-checks/draws/" + TX + "/reveal")).andExpect(status().isOk());
            verify(spotChecks).reveal(TX, "ab".repeat(256));
        }

        @Test
        @WithMockUser(username = "cd-admin", roles = "BUREAU")
        void theDrawKeyIsRegisteredOnlyWhenTheLedgerHasAnotherOne() throws Exception {
            when(properties.regionCode()).thenReturn("CD");
            when(drawKey.publicKeyBase64()).thenReturn("AAAA");
            when(drawKey.publicKeyPem()).thenReturn("PEM");
            when(spotChecks.drawKeys("CD")).thenReturn(List.of(new DrawKey("CD", 1, "AAAA", "f", "t", "b")));
            mvc.perform(put("/api/v1/spot-checks/draw-key")).andExpect(status().isOk());
            verify(spotChecks, never()).setDrawKey(any());
            when(spotChecks.drawKeys("CD")).thenReturn(List.of(new DrawKey("CD", 1, "BBBB", "f", "t", "b")));
            mvc.perform(put("/api/v1/spot-checks/draw-key")).andExpect(status().isOk());
            verify(spotChecks).setDrawKey("PEM");
        }

        @Test
        @WithMockUser(username = "cd-admin", roles = "BUREAU")
        void aDrawIdThatIsNoIdAndAPeriodThatIsNoneAreRefusedBeforeTheLedger() throws Exception {
            mvc.perform(post("/api/v1/spot-checks/draws/not-a-draw/reveal"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("drawId"))
                    .andExpect(jsonPath("$.detail").value(startsWith("drawId: 'not-a-draw' is not a record id")));
            mvc.perform(post("/api/v1/spot-checks/redraw-consents").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"registerRegion\":\"CQ\",\"period\":\"last year\"}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("period"));
            verifyNoInteractions(spotChecks);
        }

        @Test
        @WithMockUser(username = "cd-admin", roles = "BUREAU")
        void aWeightOutOfRangeOrOutOfOrderIsNamed() throws Exception {
            mvc.perform(put("/api/v1/spot-checks/weights").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"a\":1,\"b\":2,\"c\":3,\"unrated\":0}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("unrated"))
                    .andExpect(jsonPath("$.detail").value(containsString("must be 1 to 1000")));
            mvc.perform(put("/api/v1/spot-checks/weights").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"a\":5,\"b\":2,\"c\":9,\"unrated\":3}"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("a"))
                    .andExpect(jsonPath("$.detail").value(containsString("a <= b <= c")));
            verifyNoInteractions(spotChecks);
        }

        @Test
        @WithMockUser(username = "cd-ins-0007", roles = "INSPECTOR")
        void anInspectorMayPublishAResultButNotReveal() throws Exception {
            mvc.perform(post("/api/v1/spot-checks/draws/" + TX + "/reveal")).andExpect(status().isForbidden());
            mvc.perform(post("/api/v1/spot-checks/draws/" + TX + "/results").contentType(MediaType.APPLICATION_JSON)
                            .content("{\"uscc\":\"" + USCC + "\",\"outcome\":\"NO_ISSUES\",\"findingsDocumentHash\":\"" + HASH + "\"}"))
                    .andExpect(status().isOk());
            verify(spotChecks).publishResult(TX, USCC, SpotCheckResult.Outcome.NO_ISSUES, HASH);
            verifyNoInteractions(drawKey);
        }
    }

    @Nested
    class PublicProfile {

        @Test
        void anyoneReadsThePublicPartsWithoutAccountsInspectorsReasonsOrPseudonyms() throws Exception {
            CreditRatingStatement overridden = new CreditRatingStatement(USCC, "CQ", 2026, CreditLevel.A, CreditLevel.B,
                    "reason text written by cq-admin", List.of(), List.of("A: none"), 1, 1, null);
            WageArrearsListing listing = new WageArrearsListing("l1", USCC, "CD", TX, true, 1_250_000, 1_000_000, false,
                    List.of("cd".repeat(32)), "2026-03-20", "2029-03-20", WageArrearsListing.Status.LISTED, "ChengduMSP/cd-admin", null);
            CreditProfile profile = new CreditProfile(
                    Enterprise.registered(USCC, "Chongqing Test Works Co", "CQ", EnterpriseKind.HR_SERVICE_AGENCY,
                            "2026-01-01T00:00:00Z", "ChongqingMSP/cq-admin")
                            .withKind(EnterpriseKind.OTHER, "2026-02-01T00:00:00Z", "ChongqingMSP/cq-admin", "reason by cq-admin")
                            .withKind(EnterpriseKind.HR_SERVICE_AGENCY, "2026-02-02T00:00:00Z", "ChongqingMSP/cq-admin", "reason by cq-admin"),
                    "2026-03-21", List.of(new CreditRating(overridden, "3045", "2026-03-21T01:00:00Z", "ChongqingMSP/cq-admin", 1)),
                    Map.of("CQ", CreditLevel.B), CreditLevel.B, List.of(violation("CD-INS-0007")), List.of(), true,
                    List.of(listing), List.of(new CreditProfile.SpotCheck("d1", "CQ", List.of("CQ-INS-0008", "CQ-INS-0009"),
                    new SpotCheckResult("d1", USCC, SpotCheckResult.Outcome.VIOLATION_FOUND, HASH, "2026-03-19T00:00:00Z", "CQ-INS-0008"))),
                    List.of(), List.of(), List.of(new JointRestriction(JointRestriction.Cause.WAGE_ARREARS_LISTING, "l1", "CD",
                    "2026-03-20", "2029-03-20")), SpotCheckWeighting.of("CQ", CreditLevel.B,
                    new SpotCheckWeights("CQ", 1, 2, 4, 2, "2026-01-01T00:00:00Z", "ChongqingMSP/cq-admin")));
            when(credit.profile(USCC)).thenReturn(profile);
            String body = mvc.perform(get("/api/v1/public/enterprises/" + USCC + "/credit-profile"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.effectiveLevel").value("B"))
                    .andExpect(jsonPath("$.latestLevels.CQ").value("B"))
                    .andExpect(jsonPath("$.ratings[0].level").value("B"))
                    .andExpect(jsonPath("$.blacklist.listed").value(true))
                    .andExpect(jsonPath("$.blacklist.listings[0].expiresOn").value("2029-03-20"))
                    .andExpect(jsonPath("$.violations.total").value(1))
                    .andExpect(jsonPath("$.violations.byType.WAGE_ARREARS").value(1))
                    .andExpect(jsonPath("$.spotChecks[0].outcome").value("VIOLATION_FOUND"))
                    .andExpect(jsonPath("$.kind").value("HR_SERVICE_AGENCY"))
                    .andExpect(jsonPath("$.kindHistory[1].kind").value("OTHER"))
                    .andExpect(jsonPath("$.kindHistory[1].changedAt").value("2026-02-01T00:00:00Z"))
                    .andExpect(jsonPath("$.restrictions[0].recordId").value("l1"))
                    .andExpect(jsonPath("$.restrictions[0].region").value("CD"))
                    .andExpect(jsonPath("$.spotCheckWeighting.weight").value(2))
                    .andExpect(jsonPath("$.spotCheckWeighting.drawnLessOften").value(false))
                    .andReturn().getResponse().getContentAsString();
            assertThat(body).doesNotContain("cq-admin", "cd-admin", "INS-", "reason text", "cd".repeat(32), HASH);
            verify(publicReader).client(any());
            verifyNoInteractions(gateways);
        }

        @Test
        void aMalformedUsccIsRefusedWithoutAnAccount() throws Exception {
            mvc.perform(get("/api/v1/public/enterprises/915000/credit-profile"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("INVALID_USCC"));
            verifyNoInteractions(credit);
        }

        @Test
        void anUnknownEnterpriseIs404() throws Exception {
            when(credit.profile(USCC)).thenThrow(new LedgerException("NOT_FOUND", "no enterprise " + USCC, List.of(), null));
            mvc.perform(get("/api/v1/public/enterprises/" + USCC + "/credit-profile"))
                    .andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        }
    }
}
