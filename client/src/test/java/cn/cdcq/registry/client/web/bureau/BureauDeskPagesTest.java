package cn.cdcq.registry.client.web.bureau;

import cn.cdcq.registry.client.cases.CaseRegistryClient;
import cn.cdcq.registry.client.credit.CreditRegistryClient;
import cn.cdcq.registry.client.credit.SpotCheckClient;
import cn.cdcq.registry.client.credit.SpotCheckDrawKey;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.AccountUserDetails;
import cn.cdcq.registry.client.region.RegionAttestation;
import cn.cdcq.registry.client.web.PageSlices;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.cases.CaseSettings;
import cn.cdcq.registry.common.cases.Complaint;
import cn.cdcq.registry.common.cases.ComplaintCategory;
import cn.cdcq.registry.common.cases.WorkingCalendar;
import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.CreditRating;
import cn.cdcq.registry.common.credit.CreditRatingStatement;
import cn.cdcq.registry.common.credit.EarlyRemovalInput;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.credit.EnterpriseKind;
import cn.cdcq.registry.common.credit.ListingInput;
import cn.cdcq.registry.common.credit.SpotCheckDraw;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.credit.ViolationStatus;
import cn.cdcq.registry.common.credit.ViolationType;
import cn.cdcq.registry.common.credit.WageArrearsListing;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.region.DrawKey;
import cn.cdcq.registry.common.settings.SettingProposal;
import cn.cdcq.registry.common.settings.WageArrearsThreshold;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The bureau's pages for cases, ratings, the blacklist, spot checks and the shared settings: each
 * renders what the typed client answers, calls it with the API's checked values, and shows a
 * refusal next to the field it names; a training center may open none of them.
 */
@WebMvcTest({CaseDeskController.class, RatingDeskController.class, BlacklistDeskController.class,
        SpotCheckDeskController.class, SettingsDeskController.class})
@Import(PageSlices.Chengdu.class)
@TestPropertySource(properties = "registry.region-code=CD")
class BureauDeskPagesTest {

    static final String USCC = "91510100MA61R5XX0" + cn.cdcq.registry.common.format.Uscc.checkCharacter("91510100MA61R5XX0");
    static final String ID = "a".repeat(64);
    static final String ID2 = "b".repeat(64);

    @Autowired
    MockMvc mvc;
    @MockitoBean
    UserGateways gateways;
    @MockitoBean
    AccountUserDetails users;
    @MockitoBean
    RegionAttestation attestation;
    @MockitoBean
    SpotCheckDrawKey drawKey;

    final CaseRegistryClient cases = mock(CaseRegistryClient.class);
    final CreditRegistryClient credit = mock(CreditRegistryClient.class);
    final SpotCheckClient spot = mock(SpotCheckClient.class);

    @BeforeEach
    void clients() {
        when(gateways.client(eq("cd-bureau"), any())).thenAnswer(call -> {
            Function<RegistryGateway, ?> typed = call.getArgument(1);
            Object made = typed.apply(mock(RegistryGateway.class));
            return made instanceof CaseRegistryClient ? cases : made instanceof SpotCheckClient ? spot : credit;
        });
    }

    static Complaint complaint(Complaint.Status status, String due) {
        return new Complaint(ID, "c".repeat(64), USCC, ComplaintCategory.WAGE_ARREARS, "d".repeat(64), "CQ", "CD", true,
                "2026-01-05", "2026-01-05T02:00:00Z", "ChongqingMSP/cq-ins", due, status, null, null, null, null, null, null, null);
    }

    @Test
    void casesUnderThisRegionsJurisdictionAreListedWithOverdueOnesHighlightedAndAcceptedAsTheApiDoes() throws Exception {
        when(cases.complaints("CD")).thenReturn(List.of(complaint(Complaint.Status.AWAITING_ACCEPTANCE, "2020-01-09")));
        when(cases.complaints("CQ")).thenReturn(List.of());
        mvc.perform(get("/bureau/cases").with(user("cd-bureau").roles("BUREAU")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-id=\"" + ID + "\" data-status=\"AWAITING_ACCEPTANCE\" class=\"overdue\"")))
                .andExpect(content().string(containsString("拖欠工资")));
        when(cases.accept(ID)).thenReturn(complaint(Complaint.Status.ACCEPTED, "2020-01-09"));
        mvc.perform(post("/bureau/cases/" + ID + "/accept").with(csrf()).with(user("cd-bureau").roles("BUREAU")))
                .andExpect(redirectedUrl("/bureau/cases/" + ID))
                .andExpect(flash().attribute("done", "投诉 aaaaaaaaaaaa… 现为：已受理，调查中"));
    }

    @Test
    void aDeclineWithoutItsDecisionDocumentIsRefusedNextToTheFileAndNothingIsSent() throws Exception {
        var result = mvc.perform(multipart("/bureau/cases/" + ID + "/decline").param("reason", "DUPLICATE").with(csrf())
                        .with(user("cd-bureau").roles("BUREAU")))
                .andExpect(redirectedUrl("/bureau/cases/" + ID)).andReturn();
        assertThat(keys(result.getFlashMap().get("decideProblems"))).containsOnly("decisionDocument");
        verify(cases, never()).decline(any(), any(), any());
        MockMultipartFile decision = new MockMultipartFile("decisionDocument", "d.pdf", "application/pdf", "decision".getBytes(StandardCharsets.UTF_8));
        when(cases.decline(eq(ID), eq(Complaint.DeclineReason.DUPLICATE), any())).thenReturn(complaint(Complaint.Status.DECLINED, "2099-01-01"));
        mvc.perform(multipart("/bureau/cases/" + ID + "/decline").file(decision).param("reason", "DUPLICATE").with(csrf())
                .with(user("cd-bureau").roles("BUREAU"))).andExpect(flash().attributeExists("done"));
        verify(cases).decline(ID, Complaint.DeclineReason.DUPLICATE, Hashes.sha256Hex("decision".getBytes(StandardCharsets.UTF_8)));
    }

    static CreditRatingStatement statement(CreditLevel level, String reason) {
        return new CreditRatingStatement(USCC, "CD", 2026, CreditLevel.A, level, reason, List.of(), List.of("no violations"), 1, 1, null);
    }

    @Test
    void aRatingIsTheChaincodesStatementSignedWithTheAttestationKeyAndRecorded() throws Exception {
        CreditRatingStatement s = statement(CreditLevel.B, "late filings");
        when(credit.previewRating(USCC, 2026, "B", "late filings")).thenReturn(s);
        when(attestation.sign(any(), eq("CreditRatingStatement"), eq(USCC + "/CD/2026"), eq("cd-bureau"))).thenReturn(new byte[]{1, 2});
        when(credit.recordRating(s, "0102")).thenReturn(new CreditRating(s, "0102", "2026-03-01T00:00:00Z", "ChengduMSP/cd-bureau", 1));
        mvc.perform(post("/bureau/ratings").with(csrf()).with(user("cd-bureau").roles("BUREAU"))
                        .param("uscc", USCC).param("year", "2026").param("level", "B").param("overrideReason", "late filings"))
                .andExpect(redirectedUrl("/bureau/ratings?uscc=" + USCC + "&year=2026"))
                .andExpect(flash().attribute("done", USCC + " 2026 年度评为 B 级（第 1 版），已签署并记入账本。"));
        verify(credit).recordRating(s, "0102");
    }

    @Test
    void aDifferentLevelWithoutAReasonIsShownNextToTheReason() throws Exception {
        when(credit.previewRating(USCC, 2026, "C", null)).thenThrow(new LedgerException(ErrorCode.INVALID_INPUT,
                "the rules give A (no violations); recording C instead needs a written reason"));
        var result = mvc.perform(post("/bureau/ratings").with(csrf()).with(user("cd-bureau").roles("BUREAU"))
                .param("uscc", USCC).param("year", "2026").param("level", "C")).andReturn();
        assertThat(keys(result.getFlashMap().get("rateProblems"))).containsOnly("overrideReason");
        verify(credit, never()).recordRating(any(), any());
    }

    @Test
    void theRatingPageShowsBothRegionsRatingsAndTheRulesLevel() throws Exception {
        when(credit.enterprise(USCC)).thenReturn(new Enterprise(USCC, "成都示例有限公司", "CD", false, "2026-01-01T00:00:00Z", "x",
                EnterpriseKind.OTHER, List.of()));
        CreditRatingStatement cq = new CreditRatingStatement(USCC, "CQ", 2025, CreditLevel.B, CreditLevel.B, null, List.of(), List.of(), 1, 1, null);
        when(credit.ratings(USCC)).thenReturn(List.of(new CreditRating(cq, "00", "2025-12-01T00:00:00Z", "ChongqingMSP/cq", 1)));
        when(credit.effectiveLevel(USCC)).thenReturn(new CreditRegistryClient.EffectiveLevel(USCC, Map.of("CQ", "B"), "B"));
        when(credit.previewRating(USCC, 2026, null, null)).thenReturn(statement(CreditLevel.A, null));
        mvc.perform(get("/bureau/ratings").param("uscc", USCC).param("year", "2026").with(user("cd-bureau").roles("BUREAU")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-region=\"CQ\" data-year=\"2025\" data-level=\"B\"")))
                .andExpect(content().string(containsString("id=\"rule-level\">A<")))
                .andExpect(content().string(containsString("重庆最新等级")));
    }

    static Violation arrears(String recordingRegion) {
        return new Violation(ID, USCC, "CD", recordingRegion, ViolationType.WAGE_ARREARS, 3_000_000, 5, "2026-01-10", "e".repeat(64),
                false, false, ViolationStatus.PENALIZED, true, "2026-01-10", "2026-01-10T00:00:00Z", "CD-INS-0001", null);
    }

    @Test
    void theBlacklistPageOffersThisRegionsWageArrearsViolationsAndListsWithPseudonymsOnly() throws Exception {
        when(credit.wageArrearsThreshold("CD")).thenReturn(new WageArrearsThreshold("CD", 1_000_000, 2, "2026-01-01T00:00:00Z", "x"));
        when(credit.enterprise(USCC)).thenReturn(new Enterprise(USCC, "成都示例有限公司", "CD", false, "2026-01-01T00:00:00Z", "x",
                EnterpriseKind.OTHER, List.of()));
        when(credit.blacklistStatus(USCC)).thenReturn(new CreditRegistryClient.BlacklistStatus(USCC, "2026-03-01", false, List.of(), List.of()));
        Violation theirs = new Violation(ID2, USCC, "CD", "CQ", ViolationType.WAGE_ARREARS, 3_000_000, 5, "2026-01-10", "e".repeat(64),
                false, false, ViolationStatus.PENALIZED, true, "2026-01-10", "2026-01-10T00:00:00Z", "CQ-INS-0001", null);
        when(credit.violations(USCC)).thenReturn(List.of(arrears("CD"), theirs));
        mvc.perform(get("/bureau/blacklist").param("uscc", USCC).with(user("cd-bureau").roles("BUREAU")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("¥10,000.00")))
                .andExpect(content().string(containsString("data-violation=\"" + ID + "\"")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("data-violation=\"" + ID2 + "\""))));

        String person = "f".repeat(64);
        when(credit.list(any())).thenReturn(new WageArrearsListing(ID2, USCC, "CD", ID, true, 3_000_000, 1_000_000, false,
                List.of(person), "2026-03-01", "2029-03-01", WageArrearsListing.Status.LISTED, "x", null));
        mvc.perform(post("/bureau/blacklist").with(csrf()).with(user("cd-bureau").roles("BUREAU")).param("uscc", USCC)
                        .param("violationId", ID).param("orderIgnored", "on").param("responsiblePersons", person + "\n"))
                .andExpect(flash().attribute("done", "已列入（bbbbbbbbbbbb…），至 2029年3月1日：两地均受限制。"));
        ArgumentCaptor<ListingInput> sent = ArgumentCaptor.forClass(ListingInput.class);
        verify(credit).list(sent.capture());
        assertThat(sent.getValue()).isEqualTo(new ListingInput(ID, true, List.of(person)));

        var refused = mvc.perform(post("/bureau/blacklist").with(csrf()).with(user("cd-bureau").roles("BUREAU")).param("uscc", USCC)
                .param("violationId", ID).param("orderIgnored", "on").param("responsiblePersons", "张三")).andReturn();
        assertThat(keys(refused.getFlashMap().get("listProblems"))).containsOnly("responsiblePersonPseudonyms");
    }

    @Test
    void anEarlyRemovalSendsThePledgesHashAndTheDate() throws Exception {
        when(credit.removeEarly(any())).thenReturn(new WageArrearsListing(ID2, USCC, "CD", ID, true, 3_000_000, 1_000_000, false,
                List.of(), "2026-03-01", "2029-03-01", WageArrearsListing.Status.REMOVED_EARLY, "x", null));
        MockMultipartFile pledge = new MockMultipartFile("pledge", "p.pdf", "application/pdf", "pledge".getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart("/bureau/blacklist/" + ID2 + "/early-removal").file(pledge).with(csrf()).with(user("cd-bureau").roles("BUREAU"))
                        .param("uscc", USCC).param("wagesPaid", "on").param("rectificationDate", "2025-06-01"))
                .andExpect(flash().attributeExists("done"));
        verify(credit).removeEarly(new EarlyRemovalInput(ID2, true, "2025-06-01", Hashes.sha256Hex("pledge".getBytes(StandardCharsets.UTF_8))));
    }

    static SpotCheckDraw draw(SpotCheckDraw.Status status, Map<String, String> reveals) {
        return new SpotCheckDraw(ID, "CD", "CD", 1, 2, List.of(new SpotCheckDraw.Candidate(USCC, null, 2)), List.of("CD-INS-0001", "CD-INS-0002"),
                List.of(), List.of("CD", "CQ"), Map.of(), reveals, null, status, null, "2026-03-01T00:00:00Z", null, "2026-03",
                "2026-03-04T00:00:00Z", Map.of(), List.of(), null);
    }

    @Test
    void theSpotCheckPageSaysWhetherThisServicesKeyIsCommittedAndARevealSignsTheDrawId() throws Exception {
        when(drawKey.publicKeyBase64()).thenReturn("OURS");
        when(spot.drawKeys("CD")).thenReturn(List.of(new DrawKey("CD", 1, "SOMEONE ELSE'S", "sha256:11", "2026-01-01T00:00:00Z", "x")));
        when(spot.drawKeys("CQ")).thenReturn(List.of());
        when(spot.weights("CD")).thenThrow(new LedgerException(ErrorCode.NOT_FOUND, "no weights"));
        when(spot.draws()).thenReturn(List.of(draw(SpotCheckDraw.Status.REVEALING, Map.of("CQ", "99"))));
        mvc.perform(get("/bureau/spot-checks").with(user("cd-bureau").roles("BUREAU")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-committed=\"false\"")))
                .andExpect(content().string(containsString("id=\"commit\"")))
                .andExpect(content().string(containsString("data-id=\"" + ID + "\" data-status=\"REVEALING\"")));

        when(drawKey.contributionHex(ID)).thenReturn("5151");
        when(spot.reveal(ID, "5151")).thenReturn(draw(SpotCheckDraw.Status.REVEALING, Map.of("CD", "5151")));
        mvc.perform(post("/bureau/spot-checks/draws/" + ID + "/reveal").with(csrf()).with(user("cd-bureau").roles("BUREAU")))
                .andExpect(redirectedUrl("/bureau/spot-checks/draws/" + ID));
        verify(spot).reveal(ID, "5151");
    }

    @Test
    void aCalendarDayOutsideItsYearIsShownNextToTheHolidaysAndNothingIsProposed() throws Exception {
        var result = mvc.perform(post("/bureau/settings/calendar").with(csrf()).with(user("cd-bureau").roles("BUREAU"))
                .param("year", "2027").param("holidays", "2027-01-01\n2026-10-01").param("adjustedWorkingDays", "")).andReturn();
        assertThat(keys(result.getFlashMap().get("calendarProblems"))).containsOnly("holidays");
        verify(cases, never()).proposeCalendar(any());

        when(cases.proposeCalendar(new WorkingCalendar(2027, List.of("2027-01-01", "2027-02-01"), List.of("2027-01-30"), null, null)))
                .thenReturn(new SettingProposal(ID, SettingProposal.CALENDAR, null, null, null, "CD", "x", "2026-03-01T00:00:00Z",
                        SettingProposal.PROPOSED, null, null, null, null));
        mvc.perform(post("/bureau/settings/calendar").with(csrf()).with(user("cd-bureau").roles("BUREAU"))
                        .param("year", "2027").param("holidays", "2027-02-01, 2027-01-01").param("adjustedWorkingDays", "2027-01-30"))
                .andExpect(redirectedUrl("/bureau/settings"))
                .andExpect(flash().attribute("done", "提议 aaaaaaaaaaaa… 已提出；对方地区接受后生效。"));
    }

    @Test
    void theSettingsPageShowsWhatIsInForceAndOffersToDecideOnlyTheOtherRegionsProposals() throws Exception {
        when(cases.caseSettings()).thenReturn(CaseSettings.DEFAULTS);
        when(cases.calendar(anyYear())).thenThrow(new LedgerException(ErrorCode.NOT_FOUND, "none"));
        WorkingCalendar next = new WorkingCalendar(2090, List.of("2090-01-02"), List.of(), null, null);
        when(cases.settingProposals(null)).thenReturn(List.of(
                new SettingProposal(ID, SettingProposal.CALENDAR, next, null, null, "CQ", "x", "2026-03-01T00:00:00Z",
                        SettingProposal.PROPOSED, null, null, null, null),
                new SettingProposal(ID2, SettingProposal.CASE_SETTINGS, null, new CaseSettings(6, 10, null, null), null, "CD", "x",
                        "2026-03-01T00:00:00Z", SettingProposal.PROPOSED, null, null, null, null)));
        mvc.perform(get("/bureau/settings").with(user("cd-bureau").roles("BUREAU")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("5 个工作日")))
                .andExpect(content().string(containsString("id=\"accept-" + ID + "\"")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("id=\"accept-" + ID2 + "\""))))
                .andExpect(content().string(containsString("2090 年日历 · 1 个节假日，0 个调休上班日")));
        when(cases.declineSetting(ID, "not the published calendar")).thenReturn(new SettingProposal(ID, SettingProposal.CALENDAR, next,
                null, null, "CQ", "x", "2026-03-01T00:00:00Z", SettingProposal.DECLINED, "CD", "x", "2026-03-02T00:00:00Z", "why"));
        mvc.perform(post("/bureau/settings/proposals/" + ID + "/decline").with(csrf()).with(user("cd-bureau").roles("BUREAU"))
                .param("reason", "not the published calendar")).andExpect(flash().attributeExists("done"));
        verify(cases).declineSetting(ID, "not the published calendar");
    }

    private static java.util.Set<String> keys(Object flashed) {
        return ((Map<?, ?>) flashed).keySet().stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet());
    }

    private static int anyYear() {
        return org.mockito.ArgumentMatchers.anyInt();
    }

    @Test
    void aTrainingCenterMayOpenNoneOfThem() throws Exception {
        for (String page : List.of("/bureau/cases", "/bureau/ratings", "/bureau/blacklist", "/bureau/spot-checks", "/bureau/settings")) {
            mvc.perform(get(page).with(user("center").roles("TRAINING_CENTER"))).andExpect(status().isForbidden());
        }
    }
}
