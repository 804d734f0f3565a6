package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.credit.CreditRegistryClient;
import cn.cdcq.registry.client.credit.SpotCheckClient;
import cn.cdcq.registry.client.e2e.E2eServices.Answer;
import cn.cdcq.registry.client.e2e.E2eServices.Service;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.common.cases.CaseSettings;
import cn.cdcq.registry.common.cases.WorkingCalendar;
import cn.cdcq.registry.common.cases.WorkingDays;
import cn.cdcq.registry.common.credit.InspectorEntry;
import cn.cdcq.registry.common.credit.ListingInput;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.credit.ViolationInput;
import cn.cdcq.registry.common.credit.ViolationStatus;
import cn.cdcq.registry.common.credit.ViolationType;
import cn.cdcq.registry.common.credit.WageArrearsListing;
import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static cn.cdcq.registry.client.e2e.TestValues.newUscc;
import static cn.cdcq.registry.client.e2e.TestValues.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 item 5 on the real two-region network (docs/objections.md): Chongqing's inspector
 * finds child labor at an enterprise registered in Chengdu and Chongqing rates it C; Chengdu's
 * bureau objects for its enterprise; the decision deadline counts working days on the shared
 * calendar and skips a holiday; Chengdu cannot decide on Chongqing's record; Chongqing annuls
 * the violation and the level read through both regions' services changes from C to A, the
 * joint restriction gone; Chengdu's inbox gets the outcome; a second objection on the closed
 * record is refused with nothing changed; a credit repair of a fresh Chongqing listing applied
 * for today is refused as too early, naming the first possible day. Bureau acts go through the
 * regional services' HTTP API, inspector acts through the inspectors' own enrolled identities.
 * Safe to run again on a kept network.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectionIT {

    private E2eNetwork net;
    private E2eServices services;
    private Service chengdu;
    private Service chongqing;
    private CreditRegistryClient cqInspector;
    private CreditRegistryClient cqBureau;
    /** A weekday holiday ahead on the shared calendar, set before any objection is filed. */
    private LocalDate holiday;

    @BeforeAll
    void connect() throws Exception {
        net = new E2eNetwork();
        net.ensureRegionsRegistered();
        services = new E2eServices();
        chengdu = services.admin("chengdu");
        chongqing = services.admin("chongqing");
        cqInspector = new CreditRegistryClient(net.gateway("chongqing", "inspector1", "chongqing"));
        cqBureau = new CreditRegistryClient(net.gateway("chongqing", "bureau", "chongqing"));
        ensureInspector(new SpotCheckClient(net.gateway("chongqing", "bureau", "chongqing")), "CQ", "CQ-INS-0001", "chongqing");
        try {
            cqBureau.wageArrearsThreshold("CQ");
        } catch (LedgerException e) {
            assertThat(e.code()).isEqualTo("NOT_FOUND");
            cqBureau.setWageArrearsThreshold(1_000_000);
            sync();
        }
        // Deadlines are never guessed: every filing needs the calendar of each year its deadline reaches.
        holiday = ensureHolidayAhead();
    }

    @AfterAll
    void close() throws Exception {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void anAcceptedObjectionChangesTheLevelInBothRegionsAndTheDeadlineSkipsTheHoliday() throws Exception {
        ensureViolationsPublished();
        String uscc = register(chengdu, "91510100", "Chengdu Objection Works");
        Violation v = cqInspector.recordViolation(new ViolationInput(uscc, ViolationType.CHILD_LABOR, 0, 2,
                today().toString(), sha256("child labor decision " + uscc), true, false, ViolationStatus.PENALIZED));
        sync();
        int year = today().getYear();
        Answer rated = services.post(chongqing, "/api/v1/enterprises/" + uscc + "/ratings", obj().put("year", year));
        assertThat(rated.status()).as(rated.body().toString()).isEqualTo(200);
        assertThat(rated.body().path("statement").path("level").asText()).isEqualTo("C");
        sync();
        for (Service s : new Service[] {chengdu, chongqing}) {
            assertThat(level(s, uscc)).as("before, read at %s", s.url()).isEqualTo("C");
        }

        // Chengdu objects for its enterprise; Chongqing made the record and decides.
        ObjectNode objection = obj().put("target", "VIOLATION").put("recordId", v.id()).put("reasonCode", "FACTS_INCORRECT")
                .put("reason", "the two workers were adults; see the household register extracts");
        objection.putArray("evidenceHashes").add(sha256("register extract " + uscc));
        Answer filed = services.post(chengdu, "/api/v1/objections", objection);
        assertThat(filed.status()).as(filed.body().toString()).isEqualTo(200);
        String id = filed.body().path("id").asText();
        assertThat(filed.body().path("filingRegion").asText()).isEqualTo("CD");
        assertThat(filed.body().path("decidingRegion").asText()).isEqualTo("CQ");
        assertThat(filed.body().path("filedBy").asText()).endsWith("/" + chengdu.user());

        // The deadline: N working days after filing on the calendar on the ledger, counted here independently.
        LocalDate filedOn = LocalDate.parse(filed.body().path("filedOn").asText());
        LocalDate due = LocalDate.parse(filed.body().path("dueOn").asText());
        int n = objectionDays();
        Map<Integer, WorkingCalendar> calendars = new TreeMap<>();
        LocalDate expected = WorkingDays.addWorkingDays(filedOn, n, y -> Optional.of(calendars.computeIfAbsent(y, this::calendar)));
        assertThat(due).isEqualTo(expected);
        assertThat(holiday).as("the holiday lies within the deadline").isAfter(filedOn).isBeforeOrEqualTo(due);
        LocalDate weekdaysOnly = WorkingDays.addWorkingDays(filedOn, n, y -> Optional.of(new WorkingCalendar(y, List.of(),
                List.of(), null, null)));
        assertThat(due).as("later than Monday-to-Friday counting: the holiday was skipped").isAfter(weekdaysOnly);
        sync();
        JsonNode filedItem = waitForInboxItem(chongqing, "ObjectionFiled", id);
        assertThat(filedItem.path("needsAction").asBoolean()).as("Chongqing must decide").isTrue();
        assertThat(filedItem.path("dueDate").asText()).isEqualTo(due.toString());
        // Chongqing's statistics have counted the violation: its events up to the filing are in.
        long countedBefore = violationsCounted(chongqing);

        // Chengdu may not decide on Chongqing's record: refused, nothing changed.
        Answer notChengdus = services.post(chengdu, "/api/v1/objections/" + id + "/decision",
                obj().put("outcome", "ANNULLED").put("reason", "we think so"));
        assertThat(notChengdus.status()).as(notChengdus.body().toString()).isEqualTo(403);
        assertThat(notChengdus.body().path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(services.get(chongqing, "/api/v1/objections/" + id).body().path("status").asText()).isEqualTo("PENDING");
        assertThat(level(chongqing, uscc)).isEqualTo("C");

        Answer decided = services.post(chongqing, "/api/v1/objections/" + id + "/decision",
                obj().put("outcome", "ANNULLED").put("reason", "the evidence shows the workers were adults"));
        assertThat(decided.status()).as(decided.body().toString()).isEqualTo(200);
        JsonNode decision = decided.body().path("decision");
        assertThat(decision.path("decidedBy").asText()).endsWith("/" + chongqing.user());
        assertThat(decision.path("decidedByRole").asText()).isEqualTo("bureau");
        assertThat(decision.path("reason").asText()).isEqualTo("the evidence shows the workers were adults");
        assertThat(Duration.between(Instant.parse(decision.path("decidedAt").asText()), Instant.now()).abs())
                .isLessThan(Duration.ofMinutes(5));
        assertThat(decision.path("ratingsAdjusted").get(0).asText()).isEqualTo(uscc + "/CQ/" + year + "/r1");
        sync();

        // Both regions read the same ledger: the level is A in both, the violation annulled, no restriction.
        for (Service s : new Service[] {chengdu, chongqing}) {
            assertThat(level(s, uscc)).as("after, read at %s", s.url()).isEqualTo("A");
            assertThat(services.get(s, "/api/v1/violations/" + v.id()).body().path("status").asText()).isEqualTo("ANNULLED");
            JsonNode profile = services.get(s.anonymous(), "/api/v1/public/enterprises/" + uscc + "/credit-profile").body();
            assertThat(profile.path("restrictions").size()).as("restrictions at %s: %s", s.url(), profile).isZero();
        }
        // The workforce statistics count the annulled violation no more, in both regions (docs/statistics.md).
        for (Service s : new Service[] {chongqing, chengdu}) {
            long counted = violationsCounted(s);
            for (int i = 0; i < 30 && counted != countedBefore - 1; i++) {
                Thread.sleep(1000);
                counted = violationsCounted(s);
            }
            assertThat(counted).as("violations counted at %s (before the decision %d)", s.url(), countedBefore)
                    .isEqualTo(countedBefore - 1);
        }
        JsonNode outcome = waitForInboxItem(chengdu, "ObjectionDecided", null, id);
        assertThat(outcome.path("needsAction").asBoolean()).as("Chengdu tells its enterprise").isTrue();
        assertThat(Json.tree(outcome.path("payload").toString()).path("status").asText()).isEqualTo("ANNULLED");

        // The record is closed: a second objection is refused and nothing is written.
        Answer again = services.post(chengdu, "/api/v1/objections", objection);
        assertThat(again.status()).as(again.body().toString()).isEqualTo(409);
        assertThat(again.body().path("code").asText()).isEqualTo("CONFLICT");
        assertThat(again.body().path("detail").asText()).contains("annulled");
        sync();
        assertThat(services.get(chongqing, "/api/v1/objections?uscc=" + uscc).body().size()).isEqualTo(1);
    }

    @Test
    void aRepairAppliedTooEarlyIsRefusedNamingTheDayAndOnlyTheEnterprisesRegionApplies() {
        String uscc = register(chengdu, "91510100", "Chengdu Arrears Works");
        Violation arrears = cqInspector.recordViolation(new ViolationInput(uscc, ViolationType.WAGE_ARREARS, 5_000_000, 40,
                today().toString(), sha256("arrears decision " + uscc), false, true, ViolationStatus.PENALIZED));
        sync();
        WageArrearsListing listing = cqBureau.list(new ListingInput(arrears.id(), true, List.of()));
        sync();
        LocalDate possible = LocalDate.parse(listing.listedOn()).plusMonths(6);

        ObjectNode repair = obj().put("listingId", listing.id()).put("wagesPaid", true)
                .put("rectificationDate", today().toString()).put("pledgeDocumentHash", sha256("pledge " + uscc));
        Answer early = services.post(chengdu, "/api/v1/credit-repairs", repair);
        assertThat(early.status()).as(early.body().toString()).isEqualTo(409);
        assertThat(early.body().path("code").asText()).isEqualTo("TOO_EARLY");
        assertThat(early.body().path("detail").asText()).contains("possible from " + possible);

        Answer notChongqings = services.post(chongqing, "/api/v1/credit-repairs", repair);
        assertThat(notChongqings.status()).as(notChongqings.body().toString()).isEqualTo(403);
        sync();
        for (Service s : new Service[] {chengdu, chongqing}) {
            assertThat(services.get(s, "/api/v1/credit-repairs?uscc=" + uscc).body().size()).as("at %s", s.url()).isZero();
            assertThat(services.get(s, "/api/v1/blacklist/" + listing.id()).body().path("status").asText()).isEqualTo("LISTED");
        }
    }

    @Test
    void anObjectionOnAListingAlreadyAnnulledIsRefusedAndChangesNothing() {
        String uscc = register(chengdu, "91510100", "Chengdu Listed Works");
        Violation arrears = cqInspector.recordViolation(new ViolationInput(uscc, ViolationType.WAGE_ARREARS, 5_000_000, 40,
                today().toString(), sha256("arrears decision 2 " + uscc), false, true, ViolationStatus.PENALIZED));
        sync();
        WageArrearsListing listing = cqBureau.list(new ListingInput(arrears.id(), true, List.of()));
        sync();
        ObjectNode objection = obj().put("target", "LISTING").put("recordId", listing.id()).put("reasonCode", "PROCEDURE_VIOLATED")
                .put("reason", "the order to pay was never served");
        Answer filed = services.post(chengdu, "/api/v1/objections", objection);
        assertThat(filed.status()).as(filed.body().toString()).isEqualTo(200);
        Answer annulled = services.post(chongqing, "/api/v1/objections/" + filed.body().path("id").asText() + "/decision",
                obj().put("outcome", "ANNULLED").put("reason", "the order was not served"));
        assertThat(annulled.status()).as(annulled.body().toString()).isEqualTo(200);
        sync();
        assertThat(services.get(chengdu, "/api/v1/enterprises/" + uscc + "/blacklist-status").body().path("listed").asBoolean())
                .isFalse();
        Answer again = services.post(chengdu, "/api/v1/objections", objection);
        assertThat(again.status()).as(again.body().toString()).isEqualTo(409);
        assertThat(again.body().path("detail").asText()).contains("closed");
        sync();
        assertThat(services.get(chengdu, "/api/v1/objections?uscc=" + uscc).body().size()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ helpers

    private String level(Service s, String uscc) {
        Answer a = services.get(s, "/api/v1/enterprises/" + uscc + "/effective-level");
        assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
        return a.body().path("effectiveLevel").asText();
    }

    /** The violations the statistics table counts, every type and region: its published grand total. */
    private long violationsCounted(Service s) {
        String total = violationsTotal(s);
        assertThat(total).as("the grand total is published (not below the small-cell threshold)").matches("\\d+");
        return Long.parseLong(total);
    }

    private String violationsTotal(Service s) {
        Answer a = services.get(s, "/api/v1/statistics/violations");
        assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
        return a.body().path("totals").path("total").asText();
    }

    /**
     * A young network (this test run alone) may count fewer than 5 violations, published as "<5":
     * then Chongqing's inspector records 5 at a fresh Chengdu enterprise first, so the grand total
     * is a number the test can compare, and both services' statistics have them.
     */
    private void ensureViolationsPublished() throws Exception {
        if (violationsTotal(chongqing).matches("\\d+") && violationsTotal(chengdu).matches("\\d+")) {
            return;
        }
        String firm = register(chengdu, "91510100", "Chengdu Statistics Works");
        for (int i = 0; i < 5; i++) {
            cqInspector.recordViolation(new ViolationInput(firm, ViolationType.NO_WRITTEN_CONTRACT, 0, 1, today().toString(),
                    sha256("contract decision " + firm + " " + i), false, false, ViolationStatus.PENALIZED));
        }
        sync();
        for (Service s : new Service[] {chongqing, chengdu}) {
            for (int i = 0; i < 30 && !violationsTotal(s).matches("\\d+"); i++) {
                Thread.sleep(1000);
            }
        }
    }

    private int objectionDays() {
        Answer a = services.get(chengdu, "/api/v1/case-settings");
        assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
        return a.body().hasNonNull("objectionWorkingDays") ? a.body().path("objectionWorkingDays").asInt()
                : CaseSettings.DEFAULT_OBJECTION_WORKING_DAYS;
    }

    private WorkingCalendar calendar(int year) {
        Answer a = services.get(chengdu, "/api/v1/calendar/" + year);
        assertThat(a.status()).as("calendar %d: %s", year, a.body()).isEqualTo(200);
        return Json.read(a.body().toString(), WorkingCalendar.class);
    }

    /**
     * A weekday holiday within the next week on the shared calendar (Chengdu proposes, Chongqing
     * accepts; the days already there are kept), and the calendars of every year the deadline
     * may reach. Returns the holiday.
     */
    private LocalDate ensureHolidayAhead() throws InterruptedException {
        LocalDate day = today().plusDays(2);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        for (int y = today().getYear(); y <= today().plusDays(120).getYear(); y++) {
            ensureCalendarWith(y, y == day.getYear() ? day : null);
        }
        return day;
    }

    private void ensureCalendarWith(int year, LocalDate holiday) throws InterruptedException {
        Answer current = services.get(chengdu, "/api/v1/calendar/" + year);
        List<String> holidays = new ArrayList<>();
        List<String> adjusted = new ArrayList<>();
        if (current.status() == 200) {
            current.body().path("holidays").forEach(d -> holidays.add(d.asText()));
            current.body().path("adjustedWorkingDays").forEach(d -> adjusted.add(d.asText()));
            if (holiday == null || holidays.contains(holiday.toString())) {
                return;
            }
        } else {
            holidays.add(year + "-01-01");
        }
        if (holiday != null) {
            holidays.add(holiday.toString());
        }
        // An open proposal for the year blocks a new one: the other region accepts it first.
        for (JsonNode p : services.get(chengdu, "/api/v1/setting-proposals?status=PROPOSED").body()) {
            if ("CALENDAR".equals(p.path("kind").asText()) && p.path("calendar").path("year").asInt() == year) {
                Service accepter = "CQ".equals(p.path("proposingRegion").asText()) ? chengdu : chongqing;
                assertThat(services.post(accepter, "/api/v1/setting-proposals/" + p.path("id").asText() + "/accept", null)
                        .status()).isEqualTo(200);
                sync();
            }
        }
        ObjectNode body = obj().put("year", year);
        ArrayNode h = body.putArray("holidays");
        holidays.forEach(h::add);
        ArrayNode a = body.putArray("adjustedWorkingDays");
        adjusted.forEach(a::add);
        Answer proposed = services.put(chengdu, "/api/v1/calendar", body);
        assertThat(proposed.status()).as("%s", proposed).isEqualTo(200);
        sync();
        Answer accepted = services.post(chongqing, "/api/v1/setting-proposals/" + proposed.body().path("id").asText()
                + "/accept", null);
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
        sync();
        Instant end = Instant.now().plusSeconds(30);
        while (holiday != null && !services.get(chengdu, "/api/v1/calendar/" + year).body().path("holidays").toString()
                .contains(holiday.toString())) {
            assertThat(Instant.now()).as("calendar %d with %s in force", year, holiday).isBefore(end);
            Thread.sleep(200);
        }
    }

    private String register(Service bureau, String prefix, String name) {
        String uscc = newUscc(prefix);
        Answer registered = services.post(bureau, "/api/v1/enterprises", obj().put("uscc", uscc)
                .put("name", name + " " + uscc.substring(10, 16)).put("kind", "OTHER"));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(200);
        sync();
        return uscc;
    }

    /** Registers {@code id} and confirms it with the enrolled inspector1 of {@code regionName}, unless done. */
    private void ensureInspector(SpotCheckClient bureau, String region, String id, String regionName) {
        InspectorEntry entry = bureau.inspectors(region).stream().filter(e -> e.inspectorId().equals(id)).findFirst()
                .orElse(null);
        if (entry == null) {
            bureau.registerInspector(id);
            sync();
        } else if (entry.confirmed()) {
            return;
        }
        new SpotCheckClient(net.gateway(regionName, "inspector1", regionName)).confirmInspector(id);
        sync();
    }

    private JsonNode waitForInboxItem(Service service, String eventName, String txId) throws InterruptedException {
        return waitForInboxItem(service, eventName, txId, null);
    }

    /** The inbox row of {@code eventName} from transaction {@code txId}, or (txId null) whose payload names the objection. */
    private JsonNode waitForInboxItem(Service service, String eventName, String txId, String objectionId)
            throws InterruptedException {
        Instant end = Instant.now().plusSeconds(60);
        while (true) {
            Answer inbox = services.get(service, "/api/v1/inbox?eventName=" + eventName);
            assertThat(inbox.status()).as(inbox.body().toString()).isEqualTo(200);
            for (JsonNode row : inbox.body()) {
                if (txId != null ? row.path("txId").asText().equals(txId)
                        : row.path("payload").path("objectionId").asText().equals(objectionId)) {
                    return row;
                }
            }
            assertThat(Instant.now()).as("%s in the inbox of %s", eventName, service.url()).isBefore(end);
            Thread.sleep(250);
        }
    }

    private void sync() {
        net.awaitPeersInSync();
    }

    private static LocalDate today() {
        return IsoDate.dateOf(Instant.now());
    }

    private static ObjectNode obj() {
        return Json.mapper().createObjectNode();
    }
}
