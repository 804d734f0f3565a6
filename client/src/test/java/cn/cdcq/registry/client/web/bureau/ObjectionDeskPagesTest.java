package cn.cdcq.registry.client.web.bureau;

import cn.cdcq.registry.client.cases.ObjectionClient;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.AccountUserDetails;
import cn.cdcq.registry.client.web.PageSlices;
import cn.cdcq.registry.common.cases.CreditRepair;
import cn.cdcq.registry.common.cases.Objection;
import cn.cdcq.registry.common.credit.ViolationType;
import cn.cdcq.registry.common.crypto.Hashes;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The bureau's objection and credit-repair page (docs/objections.md): what it lists for this
 * region to decide and what it filed, the API's checks on each form with the refusal next to its
 * field, evidence and pledges sent as hashes only.
 */
@WebMvcTest(ObjectionDeskController.class)
@Import(PageSlices.Chengdu.class)
@TestPropertySource(properties = "registry.region-code=CD")
class ObjectionDeskPagesTest {

    static final String USCC = "91510100MA61R5XX0" + cn.cdcq.registry.common.format.Uscc.checkCharacter("91510100MA61R5XX0");
    static final String ID = "a".repeat(64);
    static final String ID2 = "b".repeat(64);

    @Autowired
    MockMvc mvc;
    @MockitoBean
    UserGateways gateways;
    @MockitoBean
    AccountUserDetails users;

    final ObjectionClient client = mock(ObjectionClient.class);

    @BeforeEach
    void clients() {
        when(gateways.client(eq("cd-bureau"), any())).thenAnswer(call -> client);
    }

    static Objection objection(String id, String filing, String deciding, Objection.Status status, Objection.Decision d) {
        return new Objection(id, Objection.Target.VIOLATION, ID2, null, USCC, filing, deciding, "FACTS_INCORRECT",
                "the workers were adults", List.of("c".repeat(64)), "2026-11-20", "2026-11-20T02:00:00.000Z",
                "ChongqingMSP/cq-bureau", "bureau", "2026-12-11", status, d);
    }

    @Test
    void thePageListsWhatThisRegionDecidesAndWhatItFiledWithTheOutcome() throws Exception {
        when(client.objections(null, "CD", Objection.Status.PENDING)).thenReturn(List.of(objection(ID, "CQ", "CD",
                Objection.Status.PENDING, null)));
        Objection.Decision annulled = new Objection.Decision(Objection.Status.ANNULLED, "adults after all", null, "2026-11-25",
                "2026-11-25T02:00:00.000Z", "ChongqingMSP/cq-bureau", "bureau", false, List.of(), List.of());
        when(client.objections(null, null, null)).thenReturn(List.of(objection(ID, "CQ", "CD", Objection.Status.PENDING, null),
                objection(ID2, "CD", "CQ", Objection.Status.ANNULLED, annulled)));
        CreditRepair toDecide = new CreditRepair(ID, ID2, USCC, "CQ", "CD", true, "2026-05-01", "d".repeat(64), List.of(),
                "2026-11-01", "2026-11-20", "2026-11-20T02:00:00.000Z", "ChongqingMSP/cq-bureau", "bureau",
                CreditRepair.Status.PENDING, null);
        CreditRepair granted = new CreditRepair(ID2, ID, USCC, "CD", "CQ", true, "2026-05-01", "d".repeat(64), List.of(),
                "2026-11-01", "2026-11-20", "2026-11-20T02:00:00.000Z", "ChengduMSP/cd-bureau", "bureau",
                CreditRepair.Status.GRANTED, new CreditRepair.Decision(CreditRepair.Status.GRANTED, "wages paid, pledge on file",
                "2026-11-21", "2026-11-21T02:00:00.000Z", "ChongqingMSP/cq-bureau", "bureau"));
        when(client.repairs(null, "CD", CreditRepair.Status.PENDING)).thenReturn(List.of(toDecide));
        when(client.repairs(null, null, null)).thenReturn(List.of(toDecide, granted));
        mvc.perform(get("/bureau/objections").with(user("cd-bureau").roles("BUREAU")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"repair-decide-" + ID + "\"")))
                .andExpect(content().string(containsString("data-id=\"" + ID2 + "\" data-status=\"GRANTED\"")))
                .andExpect(content().string(containsString("wages paid, pledge on file")))
                .andExpect(content().string(containsString("id=\"decide-" + ID + "\"")))
                .andExpect(content().string(containsString("data-due=\"2026-12-11\"")))
                .andExpect(content().string(containsString("data-id=\"" + ID2 + "\" data-status=\"ANNULLED\"")))
                .andExpect(content().string(containsString("撤销")))
                .andExpect(content().string(containsString("adults after all")));
    }

    @Test
    void filingSendsTheEvidenceHashesAndARefusalIsShownAtItsField() throws Exception {
        when(client.file(any())).thenReturn(objection(ID, "CD", "CQ", Objection.Status.PENDING, null));
        MockMultipartFile evidence = new MockMultipartFile("evidence", "e.pdf", "application/pdf",
                "extract".getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart("/bureau/objections").file(evidence).with(csrf()).with(user("cd-bureau").roles("BUREAU"))
                        .param("target", "VIOLATION").param("recordId", ID2).param("reasonCode", "FACTS_INCORRECT")
                        .param("reason", "the workers were adults"))
                .andExpect(flash().attributeExists("done"));
        ArgumentCaptor<Objection.Input> sent = ArgumentCaptor.forClass(Objection.Input.class);
        verify(client).file(sent.capture());
        assertThat(sent.getValue().evidenceHashes()).containsExactly(Hashes.sha256Hex("extract".getBytes(StandardCharsets.UTF_8)));

        var refused = mvc.perform(post("/bureau/objections").with(csrf()).with(user("cd-bureau").roles("BUREAU"))
                .param("target", "RATING").param("recordId", ID2).param("reasonCode", "OTHER").param("reason", "x")).andReturn();
        assertThat(keys(refused.getFlashMap().get("fileProblems"))).containsOnly("recordId");
        verifyNoMoreInteractions(client);
    }

    @Test
    void aCorrectionIsSentAsTheApiDoesAndTheLedgersRefusalIsShown() throws Exception {
        when(client.decide(eq(ID), any())).thenReturn(objection(ID, "CQ", "CD", Objection.Status.CORRECTED, null));
        mvc.perform(post("/bureau/objections/" + ID + "/decision").with(csrf()).with(user("cd-bureau").roles("BUREAU"))
                        .param("outcome", "CORRECTED").param("reason", "overtime, not child labor")
                        .param("correctionType", "ILLEGAL_OVERTIME").param("correctionMajor", "").param("correctionMass", "false"))
                .andExpect(flash().attributeExists("done"));
        ArgumentCaptor<Objection.DecisionInput> sent = ArgumentCaptor.forClass(Objection.DecisionInput.class);
        verify(client).decide(eq(ID), sent.capture());
        assertThat(sent.getValue().correction()).isEqualTo(new Objection.Correction(ViolationType.ILLEGAL_OVERTIME, null,
                false, null));

        when(client.decide(eq(ID2), any())).thenThrow(new LedgerException("FORBIDDEN",
                "objection x is to a record region CQ made; only that region decides it, not CD", List.of(), null));
        var refused = mvc.perform(post("/bureau/objections/" + ID2 + "/decision").with(csrf()).with(user("cd-bureau").roles("BUREAU"))
                .param("outcome", "ANNULLED").param("reason", "x")).andReturn();
        assertThat(keys(refused.getFlashMap().get("decideProblems"))).containsOnly("");
        assertThat(refused.getFlashMap().get("problemId")).isEqualTo(ID2);
    }

    @Test
    void aRepairSendsThePledgesHashAndTooEarlyIsShown() throws Exception {
        when(client.applyForRepair(any())).thenThrow(new LedgerException("TOO_EARLY",
                "credit repair of listing x is possible from 2027-05-20", List.of(), null));
        MockMultipartFile pledge = new MockMultipartFile("pledge", "p.pdf", "application/pdf", "pledge".getBytes(StandardCharsets.UTF_8));
        var refused = mvc.perform(multipart("/bureau/objections/repairs").file(pledge).with(csrf())
                .with(user("cd-bureau").roles("BUREAU")).param("listingId", ID).param("wagesPaid", "on")
                .param("rectificationDate", "2026-11-19")).andReturn();
        assertThat(((Map<?, ?>) refused.getFlashMap().get("repairProblems")).values().iterator().next().toString())
                .contains("2027-05-20");
        ArgumentCaptor<CreditRepair.Input> sent = ArgumentCaptor.forClass(CreditRepair.Input.class);
        verify(client).applyForRepair(sent.capture());
        assertThat(sent.getValue()).isEqualTo(new CreditRepair.Input(ID, true, "2026-11-19",
                Hashes.sha256Hex("pledge".getBytes(StandardCharsets.UTF_8)), List.of()));

        var noPledge = mvc.perform(post("/bureau/objections/repairs").with(csrf()).with(user("cd-bureau").roles("BUREAU"))
                .param("listingId", ID).param("wagesPaid", "on").param("rectificationDate", "2026-11-19")).andReturn();
        assertThat(keys(noPledge.getFlashMap().get("repairProblems"))).containsOnly("pledge");
    }

    private static java.util.Set<String> keys(Object flashed) {
        return ((Map<?, ?>) flashed).keySet().stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void aTrainingCenterMayNotOpenIt() throws Exception {
        mvc.perform(get("/bureau/objections").with(user("center").roles("TRAINING_CENTER"))).andExpect(status().isForbidden());
    }
}
