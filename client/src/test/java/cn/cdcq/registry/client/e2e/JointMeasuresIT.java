package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.credit.CreditRegistryClient;
import cn.cdcq.registry.client.credit.SpotCheckClient;
import cn.cdcq.registry.client.e2e.E2eServices.Answer;
import cn.cdcq.registry.client.e2e.E2eServices.Service;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.common.credit.CrossRegionNotice;
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
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;

import static cn.cdcq.registry.client.e2e.TestValues.newUscc;
import static cn.cdcq.registry.client.e2e.TestValues.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 items 1 and 4 on the real two-region network (docs/joint-measures.md): an
 * organization listed for wage arrears, or rated C, by Chongqing is refused accreditation as a
 * training center by Chengdu, the refusal naming the record and its region, and nothing is
 * written; a human-resources service agency of Chongqing that Chengdu's inspector finds in
 * violation is notified to Chongqing like any other enterprise, and its kind shows in its public
 * profile from either service. Bureau acts go through the regional services' HTTP API, inspector
 * acts through the inspectors' own enrolled identities. Safe to run again on a kept network.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JointMeasuresIT {

    private E2eNetwork net;
    private E2eServices services;
    private Service chengdu;
    private Service chongqing;
    private CreditRegistryClient cdInspector;
    private CreditRegistryClient cqInspector;
    private CreditRegistryClient cqBureau;

    @BeforeAll
    void connect() throws Exception {
        net = new E2eNetwork();
        net.ensureRegionsRegistered();
        services = new E2eServices();
        chengdu = services.admin("chengdu");
        chongqing = services.admin("chongqing");
        cdInspector = new CreditRegistryClient(net.gateway("chengdu", "inspector1", "chengdu"));
        cqInspector = new CreditRegistryClient(net.gateway("chongqing", "inspector1", "chongqing"));
        cqBureau = new CreditRegistryClient(net.gateway("chongqing", "bureau", "chongqing"));
        ensureInspector(new SpotCheckClient(net.gateway("chengdu", "bureau", "chengdu")), "CD", "CD-INS-0001", "chengdu");
        ensureInspector(new SpotCheckClient(net.gateway("chongqing", "bureau", "chongqing")), "CQ", "CQ-INS-0001", "chongqing");
        try {
            cqBureau.wageArrearsThreshold("CQ");
        } catch (LedgerException e) {
            assertThat(e.code()).isEqualTo("NOT_FOUND");
            cqBureau.setWageArrearsThreshold(1_000_000);
            sync();
        }
    }

    @AfterAll
    void close() throws Exception {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void aCenterBlacklistedByChongqingIsRefusedAccreditationByChengduNamingTheListingAndNothingChanges() {
        String center = register(chengdu, "52510100", "Chengdu Joint Measures School", "OTHER");
        Violation arrears = cqInspector.recordViolation(new ViolationInput(center, ViolationType.WAGE_ARREARS, 5_000_000, 40,
                today().toString(), sha256("arrears decision " + center), false, true, ViolationStatus.PENALIZED));
        sync();
        WageArrearsListing listing = cqBureau.list(new ListingInput(arrears.id(), true, java.util.List.of()));
        sync();
        assertThat(listing.listingRegion()).isEqualTo("CQ");

        Answer refused = services.post(chengdu, "/api/v1/accreditations", accreditation(center));
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(409);
        assertThat(refused.body().path("code").asText()).isEqualTo("JOINTLY_RESTRICTED");
        assertThat(refused.body().path("detail").asText()).contains("listing " + listing.id(), "region CQ");
        sync();
        for (Service s : new Service[] {chengdu, chongqing}) {
            assertThat(services.get(s, "/api/v1/accreditations/" + center).status()).as("nothing accredited, read at %s", s.url())
                    .isEqualTo(404);
        }
        JsonNode profile = services.get(chongqing.anonymous(), "/api/v1/public/enterprises/" + center + "/credit-profile").body();
        assertThat(profile.path("restrictions").get(0).path("recordId").asText()).isEqualTo(listing.id());
        assertThat(profile.path("restrictions").get(0).path("region").asText()).isEqualTo("CQ");
        assertThat(profile.path("restrictions").get(0).path("cause").asText()).isEqualTo("WAGE_ARREARS_LISTING");
    }

    @Test
    void aCenterRatedCByChongqingIsRefusedAccreditationByChengduNamingTheRating() {
        String center = register(chengdu, "52510100", "Chengdu Rated School", "OTHER");
        cqInspector.recordViolation(new ViolationInput(center, ViolationType.CHILD_LABOR, 0, 2,
                today().toString(), sha256("child labor decision " + center), true, false, ViolationStatus.PENALIZED));
        sync();
        int year = today().getYear();
        Answer rated = services.post(chongqing, "/api/v1/enterprises/" + center + "/ratings", obj().put("year", year));
        assertThat(rated.status()).as(rated.body().toString()).isEqualTo(200);
        assertThat(rated.body().path("statement").path("level").asText()).isEqualTo("C");
        sync();

        Answer refused = services.post(chengdu, "/api/v1/accreditations", accreditation(center));
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(409);
        assertThat(refused.body().path("code").asText()).isEqualTo("JOINTLY_RESTRICTED");
        assertThat(refused.body().path("detail").asText()).contains("rated C by region CQ",
                "rating " + center + "/CQ/" + year + "/r1");
        sync();
        assertThat(services.get(chongqing, "/api/v1/accreditations/" + center).status()).isEqualTo(404);
    }

    @Test
    void aViolationOfAChongqingHrAgencyFoundByChengduIsNotifiedToChongqingAsAnyOther() throws Exception {
        String agency = register(chongqing, "91500000", "Chongqing Talent Dispatch", "HR_SERVICE_AGENCY");
        Violation v = cdInspector.recordViolation(new ViolationInput(agency, ViolationType.NO_WRITTEN_CONTRACT, 0, 6,
                today().toString(), sha256("no contract decision " + agency), false, false, ViolationStatus.OPEN));
        sync();
        CrossRegionNotice notice = cqBureau.notice(v.id());
        assertThat(notice.toRegion()).isEqualTo("CQ");
        assertThat(notice.fromRegion()).isEqualTo("CD");
        assertThat(notice.dueOn()).isEqualTo(CrossRegionNotice.dueDate(LocalDate.parse(notice.createdOn()), false).toString());
        JsonNode item = waitForInboxItem(chongqing, "CrossRegionNoticeRaised", v.id(), Duration.ofSeconds(60));
        assertThat(item.path("needsAction").asBoolean()).isTrue();

        Answer notChengdus = services.post(chengdu, "/api/v1/notices/" + v.id() + "/acknowledge", null);
        assertThat(notChengdus.status()).as(notChengdus.body().toString()).isEqualTo(403);
        Answer ack = services.post(chongqing, "/api/v1/notices/" + v.id() + "/acknowledge", null);
        assertThat(ack.status()).as(ack.body().toString()).isEqualTo(200);

        for (Service s : new Service[] {chengdu.anonymous(), chongqing.anonymous()}) {
            JsonNode profile = services.get(s, "/api/v1/public/enterprises/" + agency + "/credit-profile").body();
            assertThat(profile.path("kind").asText()).as("kind at %s", s.url()).isEqualTo("HR_SERVICE_AGENCY");
            assertThat(profile.path("violations").path("byRecordingRegion").path("CD").asInt()).isEqualTo(1);
        }

        // Only Chongqing changes the kind, and the record keeps both.
        Answer byChengdu = services.put(chengdu, "/api/v1/enterprises/" + agency + "/kind",
                obj().put("kind", "PLATFORM").put("reason", "seen running an app"));
        assertThat(byChengdu.status()).as(byChengdu.body().toString()).isEqualTo(403);
        Answer changed = services.put(chongqing, "/api/v1/enterprises/" + agency + "/kind",
                obj().put("kind", "OTHER").put("reason", "HR service licence withdrawn"));
        assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
        sync();
        JsonNode read = services.get(chengdu, "/api/v1/enterprises/" + agency).body();
        assertThat(read.path("kind").asText()).isEqualTo("OTHER");
        assertThat(read.path("kindHistory").findValuesAsText("kind")).containsExactly("HR_SERVICE_AGENCY", "OTHER");
    }

    @Test
    void anUnknownKindIsA400NamingTheFieldAndNothingIsRegistered() {
        String uscc = newUscc("91500000");
        Answer bad = services.post(chongqing, "/api/v1/enterprises", obj().put("uscc", uscc).put("name", "Kindless Co")
                .put("kind", "STAFFING_FIRM"));
        assertThat(bad.status()).as(bad.body().toString()).isEqualTo(400);
        assertThat(bad.body().path("field").asText()).isEqualTo("kind");
        assertThat(bad.body().path("detail").asText()).startsWith("kind: 'STAFFING_FIRM' is not one of");
        Answer mixed = services.post(chongqing, "/api/v1/enterprises", obj().put("uscc", uscc).put("name", "Kindless Co")
                .put("platform", true).put("kind", "HR_SERVICE_AGENCY"));
        assertThat(mixed.status()).as(mixed.body().toString()).isEqualTo(400);
        assertThat(mixed.body().path("detail").asText()).contains("kind PLATFORM");
        sync();
        assertThat(services.get(chengdu, "/api/v1/enterprises/" + uscc).status()).isEqualTo(404);
    }

    // ------------------------------------------------------------------ helpers

    private String register(Service bureau, String prefix, String name, String kind) {
        String uscc = newUscc(prefix);
        Answer registered = services.post(bureau, "/api/v1/enterprises", obj().put("uscc", uscc)
                .put("name", name + " " + uscc.substring(10, 16)).put("kind", kind));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(200);
        assertThat(registered.body().path("kind").asText()).isEqualTo(kind);
        sync();
        return uscc;
    }

    private ObjectNode accreditation(String center) {
        ObjectNode body = obj().put("centerId", center).put("name", "Joint measures center " + center.substring(10, 16))
                .put("validFrom", today().toString()).put("validTo", today().plusYears(2).toString());
        body.putArray("scopes").addObject().put("occupation", "4-04-05-01").put("highestLevel", 3);
        return body;
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

    private JsonNode waitForInboxItem(Service service, String eventName, String txId, Duration timeout) throws InterruptedException {
        Instant end = Instant.now().plus(timeout);
        while (true) {
            Answer inbox = services.get(service, "/api/v1/inbox?eventName=" + eventName);
            assertThat(inbox.status()).as(inbox.body().toString()).isEqualTo(200);
            for (JsonNode row : inbox.body()) {
                if (row.path("txId").asText().equals(txId)) {
                    return row;
                }
            }
            assertThat(Instant.now()).as("%s of %s in the inbox of %s", eventName, txId, service.url()).isBefore(end);
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
