package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.e2e.E2eServices.Answer;
import cn.cdcq.registry.client.e2e.E2eServices.CliRun;
import cn.cdcq.registry.client.e2e.E2eServices.Service;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of credential through the regional services on the real network (issue 15 item 6):
 * Chongqing's bureau accredits a center for skill levels, special vocational abilities (Z) and
 * professional titles (T) up to grade 2; the center issues Z and T certificates, one by one and
 * in a batch; what its accreditation does not cover is refused by the ledger and a level that does
 * not exist in the kind by the service; Chengdu's public endpoint verifies both kinds, and a
 * recognition rule for titles recognizes the titles in Chengdu and not the skill level certificates
 * of the same center; the training subsidy is refused for a title and paid for a special ability;
 * the statistics count the kinds in their own columns.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CredentialKindsIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final SecureRandom RANDOM = new SecureRandom();

    private E2eServices services;
    private Service cqAdmin;
    private Service cdAdmin;
    private Service cqCenter;
    private LocalDate today;
    private String month;

    /** This run's own occupations: a skill occupation, and a major group 2 one for titles (no other run's rule covers them). */
    private final String occupation = String.format("6-%02d-%02d-%02d", 10 + RANDOM.nextInt(90), RANDOM.nextInt(100), RANDOM.nextInt(100));
    private final String abilityOccupation = String.format("4-%02d-%02d-%02d", 10 + RANDOM.nextInt(90), RANDOM.nextInt(100), RANDOM.nextInt(100));
    private final String titleOccupation = String.format("2-%02d-%02d-%02d", 10 + RANDOM.nextInt(90), RANDOM.nextInt(100), RANDOM.nextInt(100));
    private final int run = RANDOM.nextInt(100_000);
    private int serial;
    private int person;

    private final List<String> titles = new ArrayList<>();
    private final List<String> abilities = new ArrayList<>();

    @BeforeAll
    void accreditACenterForEveryKind() throws Exception {
        services = new E2eServices();
        today = LocalDate.now(CHINA);
        month = today.toString().substring(0, 7);
        cqAdmin = services.admin("chongqing");
        cdAdmin = services.admin("chengdu");
        CliRun bootstrap = services.cli(120, "bootstrap-regions");
        assertThat(bootstrap.exitCode()).as("registry-cli bootstrap-regions: %s", bootstrap).isZero();

        String centerId = TestValues.withCheck("5250000MJ" + String.format("%08d", RANDOM.nextInt(100_000_000)));
        ObjectNode accreditation = Json.mapper().createObjectNode().put("centerId", centerId)
                .put("name", "Chongqing Assessment Center " + run).put("validFrom", today.minusDays(30).toString())
                .put("validTo", today.plusYears(3).toString());
        ArrayNode scopes = accreditation.putArray("scopes");
        scopes.addObject().put("occupation", occupation).put("highestLevel", 3);
        scopes.addObject().put("occupation", abilityOccupation).put("highestLevel", 0).put("kind", "SPECIAL_ABILITY");
        scopes.addObject().put("occupation", titleOccupation).put("highestLevel", 2).put("kind", "PROFESSIONAL_TITLE");
        Answer accredited = services.post(cqAdmin, "/api/v1/accreditations", accreditation);
        assertThat(accredited.status()).as("%s", accredited).isEqualTo(201);
        assertThat(accredited.body().path("scopes").findValuesAsText("kind"))
                .containsExactly("SPECIAL_ABILITY", "PROFESSIONAL_TITLE");
        cqCenter = services.createAccount(cqAdmin, "cq-kinds-" + run, "TRAINING_CENTER", "centerId", centerId);
    }

    // ------------------------------------------------------------------ issue

    @Test
    @Order(1)
    void theCenterIssuesSpecialAbilityAndTitleCertificatesOneByOneAndInABatch() {
        String ability = abilityNumber();
        Answer one = services.post(cqCenter, "/api/v1/certificates", body(ability, abilityOccupation, 0));
        assertThat(one.status()).as("%s", one).isEqualTo(201);
        abilities.add(ability);
        String title = titleNumber(2);
        Answer two = services.post(cqCenter, "/api/v1/certificates", body(title, titleOccupation, 2));
        assertThat(two.status()).as("%s", two).isEqualTo(201);
        titles.add(title);

        // Four more of each in one batch, with two skill level certificates among them.
        ObjectNode batch = Json.mapper().createObjectNode();
        ArrayNode rows = batch.putArray("certificates");
        for (int i = 0; i < 4; i++) {
            String z = abilityNumber();
            String t = titleNumber(2);
            rows.add(body(z, abilityOccupation, 0));
            rows.add(body(t, titleOccupation, 2));
            abilities.add(z);
            titles.add(t);
        }
        rows.add(body(skillNumber(3), occupation, 3));
        rows.add(body(skillNumber(4), occupation, 4));
        Answer issued = services.post(cqCenter, "/api/v1/certificate-batches", batch);
        assertThat(issued.status()).as("%s", issued).isEqualTo(201);
        assertThat(issued.body().path("count").asInt()).isEqualTo(10);

        Answer read = services.get(cqAdmin, "/api/v1/certificates/" + title);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().path("claims").path("level").asInt()).isEqualTo(2);
        assertThat(services.get(cqAdmin, "/api/v1/certificates/" + ability).body().path("claims").path("level").asInt()).isZero();
    }

    @Test
    @Order(2)
    void whatTheKindOrTheAccreditationDoesNotAllowIsRefusedAndNothingIsIssued() {
        // Grade 1 (正高级) is above the center's accreditation (grade 2): the ledger refuses it.
        String tooHigh = titleNumber(1);
        Answer refused = services.post(cqCenter, "/api/v1/certificates", body(tooHigh, titleOccupation, 1));
        assertThat(refused.status()).as("%s", refused).isEqualTo(403);
        assertThat(refused.body().path("detail").asText()).contains("up to level 2, not level 1");
        // A title outside major group 2 is refused by the claims' own rules.
        String outside = titleNumber(2);
        Answer group = services.post(cqCenter, "/api/v1/certificates", body(outside, occupation, 2));
        assertThat(group.status()).as("%s", group).isEqualTo(400);
        assertThat(group.body().path("detail").asText()).contains("major group 2");
        // A special ability has no level: the service names the field before the ledger is asked.
        String leveled = abilityNumber();
        Answer level = services.post(cqCenter, "/api/v1/certificates", body(leveled, abilityOccupation, 3));
        assertThat(level.status()).as("%s", level).isEqualTo(400);
        assertThat(level.body().path("field").asText()).isEqualTo("level");
        assertThat(level.body().path("code").asText()).isEqualTo("INVALID_LEVEL");
        // A title series that does not exist (positions 4-5).
        Answer series = services.post(cqCenter, "/api/v1/certificates", body("T5099" + tooHigh.substring(5), titleOccupation, 2));
        assertThat(series.status()).as("%s", series).isEqualTo(400);
        assertThat(series.body().path("code").asText()).isEqualTo("INVALID_CERTIFICATE_NUMBER");
        for (String number : List.of(tooHigh, outside, leveled)) {
            assertThat(services.get(cqAdmin, "/api/v1/certificates/" + number).status()).as(number).isEqualTo(404);
        }
    }

    // ------------------------------------------------------------------ verify and recognize

    @Test
    @Order(3)
    void chengduVerifiesBothKindsAndATitleRuleRecognizesTitlesOnly() throws Exception {
        String title = titles.get(0);
        String ability = abilities.get(0);
        JsonNode titleReport = await(() -> services.get(cdAdmin.anonymous(), "/api/v1/public/certificates/" + title + "/verification"),
                a -> a.status() == 200 && a.body().path("verdict").asText().equals("VALID"), "title " + title + " valid at CD").body();
        assertThat(titleReport.path("level").asInt()).isEqualTo(2);
        assertThat(VerificationReports.step(titleReport, "ISSUER_ACCREDITED")).isEqualTo("PASS");
        JsonNode abilityReport = await(() -> services.get(cdAdmin.anonymous(), "/api/v1/public/certificates/" + ability + "/verification"),
                a -> a.status() == 200 && a.body().path("verdict").asText().equals("VALID"), "ability " + ability + " valid at CD").body();
        assertThat(abilityReport.path("level").asInt()).isZero();
        assertThat(VerificationReports.recognition(titleReport, "CD").path("recognized").asBoolean()).isFalse();

        ObjectNode proposal = Json.mapper().createObjectNode().put("occupation", titleOccupation).put("minimumLevel", 2)
                .put("kind", "PROFESSIONAL_TITLE").put("fromRegion", "CQ").put("toRegion", "CD")
                .put("effectiveFrom", today.minusDays(1).toString());
        Answer proposed = services.post(cqAdmin, "/api/v1/recognition-rules", proposal);
        assertThat(proposed.status()).as("%s", proposed).isEqualTo(200);
        assertThat(proposed.body().path("kind").asText()).isEqualTo("PROFESSIONAL_TITLE");
        String ruleId = proposed.body().path("id").asText();
        Answer accepted = await(() -> services.post(cdAdmin, "/api/v1/recognition-rules/" + ruleId + "/accept", null),
                a -> a.status() != 404, "rule " + ruleId + " at CD");
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);

        JsonNode recognized = services.get(cdAdmin.anonymous(), "/api/v1/public/certificates/" + title + "/verification").body();
        assertThat(VerificationReports.recognition(recognized, "CD").path("recognized").asBoolean()).as("%s", recognized).isTrue();
        assertThat(VerificationReports.recognition(recognized, "CD").path("ruleId").asText()).isEqualTo(ruleId);
        JsonNode notTitle = services.get(cdAdmin.anonymous(), "/api/v1/public/certificates/" + ability + "/verification").body();
        assertThat(VerificationReports.recognition(notTitle, "CD").path("recognized").asBoolean()).as("a title rule says nothing of a special ability")
                .isFalse();

        // The same rule for the skill occupation with a level a special ability does not have is refused.
        ObjectNode wrong = proposal.deepCopy().put("occupation", abilityOccupation).put("kind", "SPECIAL_ABILITY");
        Answer refused = services.post(cqAdmin, "/api/v1/recognition-rules", wrong);
        assertThat(refused.status()).as("%s", refused).isEqualTo(400);
        assertThat(refused.body().path("field").asText()).isEqualTo("minimumLevel");
    }

    @Test
    @Order(4)
    void theTrainingSubsidyIsRefusedForATitleAndPaidForASpecialAbility() {
        Answer title = services.post(cqAdmin, "/api/v1/subsidy-claims", claim(titles.get(1)));
        assertThat(title.status()).as("%s", title).isEqualTo(400);
        assertThat(title.body().path("detail").asText()).contains("professional title", "subsidy is paid only for");
        Answer ability = services.post(cqAdmin, "/api/v1/subsidy-claims", claim(abilities.get(1)));
        assertThat(ability.status()).as("%s", ability).isEqualTo(201);
        assertThat(ability.body().path("outcome").asText()).as("%s", ability).isEqualTo("ACCEPTED");
        assertThat(ability.body().path("claim").path("level").asInt()).isZero();
    }

    // ------------------------------------------------------------------ statistics

    @Test
    @Order(5)
    void theStatisticsCountEachKindInItsOwnColumns() throws Exception {
        Answer table = await(() -> services.get(cqAdmin, "/api/v1/statistics/certificates"),
                a -> a.status() == 200 && row(a.body(), titleOccupation) != null && row(a.body(), abilityOccupation) != null
                        && row(a.body(), occupation) != null,
                "this run's rows in Chongqing's statistics");
        List<String> columns = new ArrayList<>();
        table.body().path("columns").forEach(c -> columns.add(c.asText()));
        assertThat(columns).containsExactly("1", "2", "3", "4", "5", "Z", "T1", "T2", "T3", "T4", "T5");
        JsonNode titleRow = row(table.body(), titleOccupation);
        assertThat(titleRow.path("cells").get(columns.indexOf("T2")).asText()).isEqualTo("5");
        assertThat(titleRow.path("total").asText()).isEqualTo("5");
        JsonNode abilityRow = row(table.body(), abilityOccupation);
        assertThat(abilityRow.path("cells").get(columns.indexOf("Z")).asText()).isEqualTo("5");
        assertThat(abilityRow.path("total").asText()).isEqualTo("5");
        // one skill level certificate each of levels 3 and 4, in their own row: small cells, not shown
        JsonNode skillRow = row(table.body(), occupation);
        assertThat(skillRow.path("cells").get(columns.indexOf("3")).asText()).isEqualTo("<5");
        assertThat(skillRow.path("cells").get(columns.indexOf("Z")).asText()).isEqualTo("0");
    }

    // ------------------------------------------------------------------ helpers

    /** Z, body 0003, Chongqing (50), this year, this run and a serial (7 digits). */
    private String abilityNumber() {
        return String.format("Z000350%02d%05d%02d", today.getYear() % 100, run, ++serial);
    }

    /** T, Chongqing (50), series 02 (工程技术), the grade, this year, this run and a serial (6 digits). */
    private String titleNumber(int grade) {
        return String.format("T5002%d%02d%04d%02d", grade, today.getYear() % 100, run % 10_000, ++serial);
    }

    private String skillNumber(int level) {
        return String.format("S000350%06d%02d%d%06d", run, today.getYear() % 100, level, ++serial);
    }

    private ObjectNode body(String number, String occupationCode, int level) {
        String first17 = "500101" + LocalDate.of(1970, 1, 1).plusDays((run + ++person) % 14000).toString().replace("-", "")
                + String.format("%03d", person % 1000);
        return Json.mapper().createObjectNode().put("number", number).put("occupation", occupationCode).put("level", level)
                .put("issueDate", today.toString()).put("holderName", "测试学员" + person)
                .put("holderIdNumber", first17 + ResidentIdNumber.checkCharacter(first17));
    }

    private ObjectNode claim(String number) {
        return Json.mapper().createObjectNode().put("certificateNumber", number).put("amountFen", 80_000)
                .put("paidDate", today.toString()).put("reference", "PAY-KINDS-" + run);
    }

    /** This run's row of Chongqing's certificates of {@code occupationCode} this month. */
    private JsonNode row(JsonNode table, String occupationCode) {
        for (JsonNode r : table.path("rows")) {
            List<String> keys = new ArrayList<>();
            r.path("keys").forEach(k -> keys.add(k.asText()));
            if (keys.equals(List.of("CQ", occupationCode, month))) {
                return r;
            }
        }
        return null;
    }

    private static Answer await(Supplier<Answer> call, Predicate<Answer> done, String what) throws InterruptedException {
        Instant end = Instant.now().plusSeconds(30);
        while (true) {
            Answer a = call.get();
            if (done.test(a)) {
                return a;
            }
            assertThat(Instant.now()).as("%s within 30 s; last answer %s", what, a).isBefore(end);
            Thread.sleep(200);
        }
    }
}
