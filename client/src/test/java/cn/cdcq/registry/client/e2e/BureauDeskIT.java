package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.e2e.E2eServices.Answer;
import cn.cdcq.registry.client.e2e.E2eServices.CliRun;
import cn.cdcq.registry.client.e2e.E2eServices.Service;
import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bureau's desk pages in a real headless Chromium against both regional services on the real
 * network: a working-day calendar proposed at Chengdu's page and accepted at Chongqing's (and case
 * deadlines proposed by Chongqing declined by Chengdu); a rating set at the rules' level, refused
 * as an override without a reason, then overridden with one, and seen at Chongqing; a blacklist
 * listing for a Chengdu wage-arrears violation and its early removal; a spot-check draw committed
 * (each region's draw key), opened, revealed by both regions and drawn, with a result published;
 * a complaint filed in Chengdu against a Chongqing employer accepted and closed by Chongqing's
 * bureau. Every test makes its own enterprises, inspectors and proposals through the API first
 * (as the bureaus and inspectors would), so it stands alone and runs in any order. Both services'
 * session cookies are named per region, so one browser is signed in at both at once. Screenshots:
 * target/screenshots/bureau-NN-*.png.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BureauDeskIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private E2eServices services;
    private Service cdAdmin;
    private Service cqAdmin;
    private String cdUrl;
    private String cqUrl;
    private WebDriver browser;
    private Path work;
    private LocalDate today;
    private int shot;

    @BeforeAll
    void setUp() throws Exception {
        services = new E2eServices();
        work = Files.createDirectories(Path.of("target", "bureau-it"));
        Files.createDirectories(SCREENSHOTS);
        try (Stream<Path> old = Files.list(SCREENSHOTS)) {
            for (Path png : old.filter(f -> f.getFileName().toString().startsWith("bureau-")).toList()) {
                Files.delete(png);
            }
        }
        today = LocalDate.now(CHINA);
        cdAdmin = services.admin("chengdu");
        cqAdmin = services.admin("chongqing");
        cdUrl = cdAdmin.url();
        cqUrl = cqAdmin.url();
        CliRun bootstrap = services.cli(120, "bootstrap-regions");
        assertThat(bootstrap.exitCode()).as("registry-cli bootstrap-regions: %s", bootstrap).isZero();
        // What a bureau sets up before its desks are used, through the API, unless an earlier test
        // did (the suite runs in alphabetical order, and this class comes before the credit tests):
        // a working-day calendar around this year in force (proposed by Chengdu, accepted by
        // Chongqing) for the case deadlines, and each region's spot-check weights for its draws.
        for (int y = today.getYear() - 1; y <= today.getYear() + 1; y++) {
            ensureCalendar(y);
        }
        for (Service bureau : new Service[]{cdAdmin, cqAdmin}) {
            Answer weights = services.put(bureau, "/api/v1/spot-checks/weights",
                    obj().put("a", 1).put("b", 2).put("c", 4).put("unrated", 2));
            assertThat(weights.status()).as("%s", weights).isEqualTo(200);
        }

        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1400", "--lang=zh-CN", "--no-first-run", "--disable-extensions");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    /** Every test starts signed out at both services, in Chinese. */
    @BeforeEach
    void aFreshBrowser() {
        browser.manage().window().setSize(new Dimension(1280, 1400));
        browser.get(cqUrl + "/assets/site.css");
        browser.manage().deleteAllCookies();
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    // ------------------------------------------------------------------ the shared settings

    @Test
    void aCalendarChengduProposesIsAcceptedAtChongqingsPageAndDeadlinesChongqingProposesAreDeclinedAtChengdus() throws Exception {
        int year = 2040 + RANDOM.nextInt(60);
        LocalDate saturday = LocalDate.of(year, 2, 1).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
        signIn(cdUrl, cdAdmin);
        signIn(cqUrl, cqAdmin);

        browser.get(cdUrl + "/bureau");
        clickToLoad(By.id("to-settings"));
        assertThat(text("h1")).isEqualTo("工作日日历和案件时限");
        fill("k-year", Integer.toString(year));
        fill("k-holidays", year + "-01-01\n" + year + "-10-01\n" + year + "-10-02");
        fill("k-adjusted", saturday.toString());
        screenshot("settings-propose-calendar");
        clickToLoad(By.id("propose-calendar-submit"));
        assertThat(text("#done")).as("page: %s", text("main")).contains("已提出");
        String prefix = text("#done").replaceAll(".*提议 ([0-9a-f]{12})….*", "$1");
        By mine = By.cssSelector("#pending-table tr[data-id^='" + prefix + "']");
        assertThat(text("#pending-table tr[data-id^='" + prefix + "']")).contains(year + " 年日历", "3 个节假日", "待对方地区决定");
        assertThat(this.<Integer>read(d -> d.findElement(mine).findElements(By.cssSelector("button[id^='accept-'], button[id^='decline-']")).size()))
                .as("no accept or decline of one's own").isZero();
        String proposal = attribute(mine, "data-id");

        // Chongqing's bureau sees it pending and accepts it: in force in both regions.
        browser.get(cqUrl + "/bureau/settings");
        assertThat(attribute(By.cssSelector("#pending-table tr[data-id='" + proposal + "']"), "data-region")).isEqualTo("CD");
        screenshot("settings-cq-pending");
        clickToLoad(By.id("accept-" + proposal));
        assertThat(text("#done")).contains("已接受，现已生效");
        assertThat(text("#decided-table tr[data-id='" + proposal + "']")).contains("已接受");
        screenshot("settings-cq-accepted");
        Answer calendar = services.get(cdAdmin, "/api/v1/calendar/" + year);
        assertThat(calendar.status()).as("%s", calendar).isEqualTo(200);
        assertThat(calendar.body().path("holidays").toString()).contains(year + "-10-02");
        assertThat(calendar.body().path("adjustedWorkingDays").toString()).contains(saturday.toString());

        // Chongqing proposes case deadlines; Chengdu declines them with a reason, and the deadlines in force stay.
        String acceptanceInForce = text("#acceptance-days");
        fill("s-acceptance", "7");
        fill("s-assist", "12");
        clickToLoad(By.id("propose-case-settings-submit"));
        String deadlines = text("#done").replaceAll(".*提议 ([0-9a-f]{12})….*", "$1");
        browser.get(cdUrl + "/bureau/settings?lang=en");
        By row = By.cssSelector("#pending-table tr[data-id^='" + deadlines + "']");
        assertThat(this.<String>read(d -> d.findElement(row).getText())).contains("Accept within 7, answer within 12 working days");
        String deadlinesId = attribute(row, "data-id");
        fill("why-" + deadlinesId, "the agreement keeps 5 and 10 working days");
        screenshot("settings-cd-decline-en");
        clickToLoad(By.id("decline-" + deadlinesId));
        assertThat(text("#done")).contains("declined; the old value stays in force");
        assertThat(text("#decided-table tr[data-id='" + deadlinesId + "']")).contains("Declined", "the agreement keeps 5 and 10");
        clickToLoad(By.id("lang-zh"));
        assertThat(text("#acceptance-days")).isEqualTo(acceptanceInForce);

        // Chengdu proposes the next year's calendar, then withdraws it before Chongqing decides.
        fill("k-year", Integer.toString(year + 1));
        fill("k-holidays", (year + 1) + "-01-01");
        fill("k-adjusted", "");
        clickToLoad(By.id("propose-calendar-submit"));
        String next = text("#done").replaceAll(".*提议 ([0-9a-f]{12})….*", "$1");
        String nextId = attribute(By.cssSelector("#pending-table tr[data-id^='" + next + "']"), "data-id");
        fill("withdraw-why-" + nextId, "proposed with the wrong holidays");
        screenshot("settings-cd-withdraw");
        clickToLoad(By.id("withdraw-" + nextId));
        assertThat(text("#done")).contains("已撤回");
        assertThat(browser.findElements(By.cssSelector("#pending-table tr[data-id='" + nextId + "']"))).isEmpty();
        assertThat(text("#decided-table tr[data-id='" + nextId + "']")).contains("proposed with the wrong holidays");
        browser.get(cqUrl + "/bureau/settings");
        assertThat(browser.findElements(By.cssSelector("#pending-table tr[data-id='" + nextId + "']")))
                .as("withdrawn: nothing left for Chongqing to decide").isEmpty();
        assertThat(services.get(cdAdmin, "/api/v1/calendar/" + (year + 1)).status()).isEqualTo(404);
    }

    // ------------------------------------------------------------------ ratings

    @Test
    void aRatingIsSetAtTheRulesLevelThenOverriddenOnlyWithAReasonAndSeenAtChongqing() throws Exception {
        String uscc = TestValues.newUscc("91510100");
        registerEnterprise(cdAdmin, uscc, "成都示例评价有限公司 " + TestValues.digits(4));
        signIn(cdUrl, cdAdmin);
        signIn(cqUrl, cqAdmin);
        browser.get(cdUrl + "/bureau");
        clickToLoad(By.id("to-ratings"));
        fill("f-uscc", uscc);
        clickToLoad(By.id("find"));
        assertThat(text("#no-ratings")).isEqualTo("尚无评级。");
        String rule = text("#rule-level");
        assertThat(rule).as("no violations: the rules give A").isEqualTo("A");
        screenshot("ratings-before");
        clickToLoad(By.id("rate-submit"));
        assertThat(text("#done")).contains(uscc, today.getYear() + " 年度评为 A 级（第 1 版）");
        By first = By.cssSelector("#rating-table tr[data-region='CD'][data-year='" + today.getYear() + "'][data-revision='1']");
        assertThat(attribute(first, "data-level")).isEqualTo("A");

        // A different level without a reason: refused next to the reason, nothing recorded.
        click(By.cssSelector("#r-level option[value='B']"));
        clickToLoad(By.id("rate-submit"));
        assertThat(attribute(By.id("r-reason"), "aria-invalid")).isEqualTo("true");
        assertThat(text("#r-reason-problem")).isNotBlank();
        screenshot("ratings-override-without-reason");
        assertThat(services.get(cdAdmin, "/api/v1/enterprises/" + uscc + "/ratings").body().size()).isEqualTo(1);

        click(By.cssSelector("#r-level option[value='B']"));
        fill("r-reason", "repeated late wage payments found on a spot check");
        clickToLoad(By.id("rate-submit"));
        assertThat(text("#done")).contains("评为 B 级（第 2 版）");
        assertThat(text("#effective-level")).isEqualTo("B");
        screenshot("ratings-overridden");
        // The ledger keeps a year's latest revision as the rating (the replaced one is bound into its signed statement).
        JsonNode ratings = services.get(cdAdmin, "/api/v1/enterprises/" + uscc + "/ratings").body();
        assertThat(ratings.size()).as("%s", ratings).isEqualTo(1);
        assertThat(ratings.get(0).path("revision").asInt()).isEqualTo(2);
        assertThat(ratings.get(0).path("statement").path("level").asText()).isEqualTo("B");
        assertThat(ratings.get(0).path("statement").path("overrideReason").asText()).isEqualTo("repeated late wage payments found on a spot check");

        // The same ledger at Chongqing's service.
        browser.get(cqUrl + "/bureau/ratings?uscc=" + uscc);
        assertThat(attribute(By.cssSelector("#rating-table tr[data-region='CD'][data-revision='2']"), "data-level")).isEqualTo("B");
        assertThat(text("#effective-level")).isEqualTo("B");
        screenshot("ratings-seen-at-chongqing");
    }

    // ------------------------------------------------------------------ blacklist

    @Test
    void aChengduBureauListsAnEnterpriseForItsWageArrearsViolationAndRemovesItEarly() throws Exception {
        String uscc = TestValues.newUscc("91510100");
        registerEnterprise(cdAdmin, uscc, "成都示例欠薪有限公司 " + TestValues.digits(4));
        Service inspector = inspector(cdAdmin, "cd", "CD");
        Answer violation = services.post(inspector, "/api/v1/violations", obj().put("uscc", uscc).put("type", "WAGE_ARREARS")
                .put("amountFen", 3_000_000).put("workersAffected", 12).put("decisionDate", today.minusDays(20).toString())
                .put("decisionDocumentHash", TestValues.sha256("arrears decision " + uscc)).put("major", false)
                .put("massIncident", false).put("status", "PENALIZED"));
        assertThat(violation.status()).as("%s", violation).isEqualTo(200);
        String violationId = violation.body().path("id").asText();

        signIn(cdUrl, cdAdmin);
        browser.get(cdUrl + "/bureau");
        clickToLoad(By.id("to-blacklist"));
        fill("t-amount", "10000");
        clickToLoad(By.id("set-threshold"));
        assertThat(text("#threshold-now")).contains("¥10,000.00");
        fill("f-uscc", uscc);
        clickToLoad(By.id("find"));
        assertThat(attribute(By.id("blacklist-status"), "data-listed")).isEqualTo("false");
        assertThat(text("#list-" + violationId)).contains("拖欠工资", "¥30,000.00");
        click(By.id("ignored-" + violationId));
        fill("persons-" + violationId, TestValues.sha256("legal representative of " + uscc));
        screenshot("blacklist-list-form");
        clickToLoad(By.id("list-submit-" + violationId));
        assertThat(text("#done")).as("page: %s", text("main")).contains("已列入", today.plusYears(3).getYear() + "年");
        assertThat(attribute(By.id("blacklist-status"), "data-listed")).isEqualTo("true");
        String listing = attribute(By.cssSelector("#listing-table tr[data-status='LISTED']"), "data-id");
        screenshot("blacklist-listed");
        Answer atChongqing = services.get(cqAdmin, "/api/v1/enterprises/" + uscc + "/blacklist-status");
        assertThat(atChongqing.body().path("listed").asBoolean()).as("restricted in both: %s", atChongqing).isTrue();

        // Early removal: wages paid, rectified seven months ago, the pledge on file.
        Path pledge = work.resolve("pledge-" + uscc + ".pdf");
        Files.writeString(pledge, "信用修复承诺书 " + uscc);
        click(By.id("paid-" + listing));
        date("rect-" + listing, today.minusMonths(7));
        find(By.id("pledge-" + listing)).sendKeys(pledge.toAbsolutePath().toString());
        clickToLoad(By.id("remove-" + listing));
        assertThat(text("#done")).as("page: %s", text("main")).contains("已提前移出");
        assertThat(attribute(By.cssSelector("#listing-table tr[data-id='" + listing + "']"), "data-status")).isEqualTo("REMOVED_EARLY");
        assertThat(attribute(By.id("blacklist-status"), "data-listed")).isEqualTo("false");
        screenshot("blacklist-removed-early");
        assertThat(services.get(cqAdmin, "/api/v1/enterprises/" + uscc + "/blacklist-status").body().path("listed").asBoolean()).isFalse();
    }

    // ------------------------------------------------------------------ spot checks

    @Test
    void aSpotCheckDrawIsCommittedOpenedAndRevealedByBothRegionsThroughThePagesWithItsResultShown() throws Exception {
        registerEnterprise(cdAdmin, TestValues.newUscc("91510100"), "成都示例抽查有限公司 " + TestValues.digits(4));
        inspector(cdAdmin, "cd", "CD");
        inspector(cdAdmin, "cd", "CD");
        signIn(cdUrl, cdAdmin);
        signIn(cqUrl, cqAdmin);

        // 1. Commit: each region's bureau makes its service's draw key the region's (a test may have set another).
        for (String url : new String[]{cdUrl, cqUrl}) {
            browser.get(url + "/bureau/spot-checks");
            if ("false".equals(attribute(By.id("our-key"), "data-committed"))) {
                clickToLoad(By.id("commit"));
                assertThat(text("#done")).as("page: %s", text("main")).contains("已生效");
            }
            assertThat(attribute(By.id("our-key"), "data-committed")).isEqualTo("true");
        }
        screenshot("spot-committed-cq");

        // 2. Chengdu opens a draw on its own register and reveals first.
        browser.get(cdUrl + "/bureau/spot-checks");
        String period = E2eNetwork.unusedPeriod();
        fill("o-count", "1");
        fill("o-per", "2");
        fill("o-period", period);
        screenshot("spot-open-form");
        clickToLoad(By.id("open-draw"));
        assertThat(text("#done")).as("page: %s", text("main")).contains("已发起");
        String drawId = text("#draw-id");
        assertThat(attribute(By.id("draw-status"), "data-status")).isEqualTo("REVEALING");
        clickToLoad(By.id("reveal"));
        assertThat(text("#done")).contains("等待对方地区");
        assertThat(attribute(By.cssSelector("dd.reveal[data-region='CD']"), "data-revealed")).isEqualTo("true");
        assertThat(attribute(By.cssSelector("dd.reveal[data-region='CQ']"), "data-revealed")).isEqualTo("false");
        screenshot("spot-cd-revealed");

        // 3. Chongqing finds the draw on its page and reveals last: the draw is made.
        browser.get(cqUrl + "/bureau/spot-checks");
        assertThat(attribute(By.cssSelector("#draw-table tr[data-id='" + drawId + "']"), "data-status")).isEqualTo("REVEALING");
        clickToLoad(By.id("draw-" + drawId));
        clickToLoad(By.id("reveal"));
        assertThat(text("#done")).contains("抽取完成");
        assertThat(attribute(By.id("draw-status"), "data-status")).isEqualTo("DRAWN");
        assertThat(text("#seed")).hasSize(64);
        assertThat(this.<Integer>read(d -> d.findElements(By.cssSelector("#assignment-table tbody tr")).size())).isEqualTo(1);
        String drawn = attribute(By.cssSelector("#assignment-table tbody tr"), "data-uscc");
        assertThat(text("#assignment-table tbody tr")).contains("CD-INS-");
        screenshot("spot-cq-drawn");

        // 4. Chengdu's bureau publishes the result; it is shown on the draw's page at both services.
        browser.get(cdUrl + "/bureau/spot-checks/draws/" + drawId);
        click(By.cssSelector("#p-outcome option[value='NO_ISSUES']"));
        Path findings = work.resolve("findings-" + drawId.substring(0, 12) + ".pdf");
        Files.writeString(findings, "检查记录 " + drawn);
        find(By.id("p-findings")).sendKeys(findings.toAbsolutePath().toString());
        clickToLoad(By.id("publish"));
        assertThat(text("#done")).as("page: %s", text("main")).contains(drawn);
        By outcome = By.cssSelector("#assignment-table tr[data-uscc='" + drawn + "'] td[data-outcome]");
        assertThat(attribute(outcome, "data-outcome")).isEqualTo("NO_ISSUES");
        screenshot("spot-result-published");
        browser.get(cqUrl + "/bureau/spot-checks/draws/" + drawId);
        assertThat(attribute(outcome, "data-outcome")).isEqualTo("NO_ISSUES");
        assertThat(text("#assignment-table")).contains("未发现问题");
        Answer draw = services.get(cqAdmin, "/api/v1/spot-checks/draws/" + drawId);
        assertThat(draw.body().path("status").asText()).isEqualTo("DRAWN");
    }

    // ------------------------------------------------------------------ cases

    @Test
    void aComplaintFiledInChengduAgainstAChongqingEmployerIsAcceptedAndClosedByChongqingsBureau() throws Exception {
        String employer = TestValues.newUscc("91500000");
        registerEnterprise(cqAdmin, employer, "重庆示例用工有限公司 " + TestValues.digits(4));
        Answer filed = services.post(cdAdmin, "/api/v1/complaints", obj().put("workerPseudonym", TestValues.sha256("worker " + employer))
                .put("employerUscc", employer).put("category", "WAGE_ARREARS").put("documentHash", TestValues.sha256("complaint " + employer)));
        assertThat(filed.status()).as("%s", filed).isEqualTo(200);
        String id = filed.body().path("id").asText();
        assertThat(filed.body().path("jurisdictionRegion").asText()).isEqualTo("CQ");

        signIn(cqUrl, cqAdmin);
        signIn(cdUrl, cdAdmin);
        browser.get(cqUrl + "/bureau");
        clickToLoad(By.id("to-cases"));
        By row = By.cssSelector("#case-table tr[data-id='" + id + "']");
        assertThat(attribute(row, "data-status")).isEqualTo("AWAITING_ACCEPTANCE");
        assertThat(this.<String>read(d -> d.findElement(row).getText())).contains("拖欠工资", "成都", "已移送");
        screenshot("cases-cq-list");
        clickToLoad(By.id("open-" + id));
        clickToLoad(By.id("accept-case"));
        assertThat(text("#done")).contains("已受理，调查中");
        assertThat(attribute(By.id("case-status"), "data-status")).isEqualTo("ACCEPTED");

        // Closing without the report: refused next to the file, nothing sent.
        click(By.cssSelector("#c-outcome option[value='UPHELD_RECTIFIED']"));
        ((JavascriptExecutor) browser).executeScript("document.getElementById('close-form').noValidate = true");
        clickToLoad(By.id("close-case"));
        assertThat(attribute(By.id("c-document"), "aria-invalid")).isEqualTo("true");
        assertThat(text("#c-document-problem")).isNotBlank();
        screenshot("cases-close-without-report");
        Path report = work.resolve("report-" + id.substring(0, 12) + ".pdf");
        Files.writeString(report, "调查报告 " + employer);
        click(By.cssSelector("#c-outcome option[value='UPHELD_RECTIFIED']"));
        find(By.id("c-document")).sendKeys(report.toAbsolutePath().toString());
        clickToLoad(By.id("close-case"));
        assertThat(text("#done")).contains("已办结");
        assertThat(text("#case-outcome")).isEqualTo("投诉属实，已整改");
        screenshot("cases-closed");
        Answer closed = services.get(cqAdmin, "/api/v1/complaints/" + id);
        assertThat(closed.body().path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.body().path("outcome").asText()).isEqualTo("UPHELD_RECTIFIED");

        // Chengdu, where it was filed, sees the outcome among the complaints it transferred.
        browser.get(cdUrl + "/bureau/cases");
        assertThat(attribute(By.cssSelector("#out-table tr[data-id='" + id + "']"), "data-status")).isEqualTo("CLOSED");
        screenshot("cases-cd-transferred-out");
    }

    // ------------------------------------------------------------------ objections (docs/objections.md)

    @Test
    void chengduObjectsAtItsPageForItsEnterpriseAndChongqingAnnulsChongqingsViolationAtItsOwn() throws Exception {
        String uscc = TestValues.newUscc("91510100");
        registerEnterprise(cdAdmin, uscc, "成都异议示例有限公司 " + TestValues.digits(4));
        Service inspector = inspector(cqAdmin, "cq", "CQ");
        Answer violation = services.post(inspector, "/api/v1/violations", obj().put("uscc", uscc).put("type", "ILLEGAL_OVERTIME")
                .put("amountFen", 0).put("workersAffected", 3).put("decisionDate", today.minusDays(3).toString())
                .put("decisionDocumentHash", TestValues.sha256("overtime decision " + uscc)).put("major", false)
                .put("massIncident", false).put("status", "PENALIZED"));
        assertThat(violation.status()).as("%s", violation).isEqualTo(200);
        String violationId = violation.body().path("id").asText();
        signIn(cdUrl, cdAdmin);
        signIn(cqUrl, cqAdmin);

        browser.get(cdUrl + "/bureau");
        clickToLoad(By.id("to-objections"));
        assertThat(text("h1")).isEqualTo("异议与信用修复");
        fill("o-record", violationId);
        fill("o-reason", "加班时长记录有误，见考勤记录");
        Path evidence = work.resolve("attendance-" + uscc + ".pdf");
        Files.writeString(evidence, "考勤记录 " + uscc);
        find(By.id("o-evidence")).sendKeys(evidence.toAbsolutePath().toString());
        screenshot("objection-file");
        clickToLoad(By.id("file-submit"));
        assertThat(text("#done")).as("page: %s", text("main")).contains("已提出", "重庆");
        JsonNode filed = services.get(cdAdmin, "/api/v1/objections?uscc=" + uscc).body().get(0);
        String id = filed.path("id").asText();
        assertThat(filed.path("evidenceHashes").get(0).asText())
                .isEqualTo(cn.cdcq.registry.common.crypto.Hashes.sha256Hex(Files.readAllBytes(evidence)));
        assertThat(attribute(By.cssSelector("#filed-table tr[data-id='" + id + "']"), "data-status")).isEqualTo("PENDING");

        // Chongqing made the record: its page lists the objection with its deadline and decides it.
        browser.get(cqUrl + "/bureau/objections");
        assertThat(attribute(By.id("decide-" + id), "data-due")).isEqualTo(filed.path("dueOn").asText());
        new org.openqa.selenium.support.ui.Select(find(By.id("outcome-" + id))).selectByValue("ANNULLED");
        fill("d-reason-" + id, "考勤记录表明未超时加班");
        screenshot("objection-decide");
        clickToLoad(By.id("decide-submit-" + id));
        assertThat(text("#done")).as("page: %s", text("main")).contains("撤销");
        assertThat(services.get(cdAdmin, "/api/v1/violations/" + violationId).body().path("status").asText()).isEqualTo("ANNULLED");
        browser.get(cdUrl + "/bureau/objections");
        assertThat(attribute(By.cssSelector("#filed-table tr[data-id='" + id + "']"), "data-status")).isEqualTo("ANNULLED");
        screenshot("objection-outcome");
    }

    // ------------------------------------------------------------------ helpers

    private void ensureCalendar(int year) {
        if (services.get(cdAdmin, "/api/v1/calendar/" + year).status() == 200) {
            return;
        }
        String id = null;
        Service proposer = cdAdmin;
        for (com.fasterxml.jackson.databind.JsonNode p : services.get(cdAdmin, "/api/v1/setting-proposals?status=PROPOSED").body()) {
            if ("CALENDAR".equals(p.path("kind").asText()) && p.path("calendar").path("year").asInt() == year) {
                id = p.path("id").asText();
                proposer = "CQ".equals(p.path("proposingRegion").asText()) ? cqAdmin : cdAdmin;
            }
        }
        if (id == null) {
            Answer proposed = services.put(cdAdmin, "/api/v1/calendar", obj().put("year", year)
                    .<com.fasterxml.jackson.databind.node.ObjectNode>set("holidays", Json.mapper().createArrayNode().add(year + "-01-01"))
                    .set("adjustedWorkingDays", Json.mapper().createArrayNode()));
            assertThat(proposed.status()).as("%s", proposed).isEqualTo(200);
            id = proposed.body().path("id").asText();
        }
        Answer accepted = services.post(proposer == cdAdmin ? cqAdmin : cdAdmin, "/api/v1/setting-proposals/" + id + "/accept", null);
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (services.get(cdAdmin, "/api/v1/calendar/" + year).status() != 200) {
            assertThat(System.nanoTime()).as("calendar %d in force at Chengdu", year).isLessThan(end);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private void registerEnterprise(Service bureau, String uscc, String name) {
        Answer registered = services.post(bureau, "/api/v1/enterprises", obj().put("uscc", uscc).put("name", name).put("platform", false));
        assertThat(registered.status()).as("%s", registered).isEqualTo(200);
    }

    private Service inspector(Service admin, String prefix, String region) {
        String number = String.format("%06d", RANDOM.nextInt(1_000_000));
        Service inspector = services.createAccount(admin, prefix + "-bureau-ins-" + number, "INSPECTOR", "inspectorId",
                region + "-INS-" + number);
        Answer registered = services.post(admin, "/api/v1/spot-checks/inspectors", obj().put("inspectorId", region + "-INS-" + number));
        assertThat(registered.status()).as("%s", registered).isEqualTo(200);
        return inspector;
    }

    // ------------------------------------------------------------------ platform employment reports

    /**
     * A Chengdu platform's report, filed late and corrected through Chengdu's API, at Chongqing's
     * report page: in the late list of the latest quarter past its due date (the page's default),
     * then the platform's reports and both versions of the report with who, when and why.
     */
    @Test
    void chongqingsReportPageShowsAChengduPlatformsLateReportAndEveryVersionOfIt() throws Exception {
        cn.cdcq.registry.common.report.ReportPeriod period = new cn.cdcq.registry.common.report.ReportPeriod(
                today.getYear(), (today.getMonthValue() + 2) / 3);
        do {
            period = period.quarter() == 1 ? new cn.cdcq.registry.common.report.ReportPeriod(period.year() - 1, 4)
                    : new cn.cdcq.registry.common.report.ReportPeriod(period.year(), period.quarter() - 1);
        } while (!today.isAfter(period.dueOn()));
        String uscc = TestValues.newUscc("91510100");
        Answer registered = services.post(cdAdmin, "/api/v1/enterprises", obj().put("uscc", uscc)
                .put("name", "Chengdu Desk Platform " + uscc.substring(10)).put("platform", true));
        assertThat(registered.status()).as("%s", registered).isEqualTo(200);
        ObjectNode counts = obj();
        counts.putArray("workersByOccupation").add(obj().put("occupation", "4-02-07-10").put("workers", 120));
        counts.putArray("workersByRegion").add(obj().put("regionCode", "CD").put("workers", 90))
                .add(obj().put("regionCode", "CQ").put("workers", 30));
        counts.put("newFormWorkers", 110).put("occupationalInjuries", 1).put("complaintsReceived", 3);
        Answer filed = services.post(cdAdmin, "/api/v1/enterprises/" + uscc + "/reports", counts.deepCopy().put("period", period.toString()));
        assertThat(filed.status()).as("%s", filed).isEqualTo(201);
        ((ObjectNode) counts.path("workersByOccupation").get(0)).put("workers", 125);
        ((ObjectNode) counts.path("workersByRegion").get(0)).put("workers", 95);
        Answer corrected = services.put(cdAdmin, "/api/v1/enterprises/" + uscc + "/reports/" + period,
                counts.put("reasonCode", "LATE_RECORDS").put("reason", "five contracts arrived after filing"));
        assertThat(corrected.status()).as("%s", corrected).isEqualTo(200);

        signIn(cqUrl, cqAdmin);
        clickToLoad(By.id("to-reports"));
        assertThat(text("#quarter-h")).contains(period.toString());
        By row = By.cssSelector("#late-table tr[data-uscc='" + uscc + "']");
        assertThat(attribute(row, "data-status")).isEqualTo("FILED_LATE");
        assertThat(this.<String>read(d -> d.findElement(row).getText())).contains("逾期报送", "成都");
        clickToLoad(By.cssSelector("#late-table tr[data-uscc='" + uscc + "'] a"));
        assertThat(attribute(By.cssSelector("#report-table tr[data-period='" + period + "']"), "data-version")).isEqualTo("2");
        clickToLoad(By.id("history-" + period));
        assertThat(this.<Integer>read(d -> d.findElements(By.cssSelector("#version-table tbody tr")).size())).isEqualTo(2);
        assertThat(text("#version-table tr[data-version='1']")).contains("首次报送", "4-02-07-10: 120", "ChengduMSP/cd-admin");
        assertThat(text("#version-table tr[data-version='2']")).contains("报送后补充的记录 · five contracts arrived after filing",
                "4-02-07-10: 125", "CD: 95; CQ: 30");
        screenshot("reports");
    }

    private void signIn(String url, Service account) {
        browser.get(url + "/login");
        fill("username", account.user());
        fill("password", account.password());
        clickToLoad(By.id("sign-in"));
        assertThat(browser.getCurrentUrl()).endsWith("/bureau");
    }

    /** Clicks what loads another page and returns once that page replaced this one (see PagesIT.clickToLoad). */
    private void clickToLoad(By what) {
        WebElement oldPage = browser.findElement(By.tagName("html"));
        click(what);
        new WebDriverWait(browser, WAIT).withMessage("the page after clicking " + what).until(d -> replaced(oldPage));
        new WebDriverWait(browser, WAIT).until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private static boolean replaced(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    private <T> T read(Function<WebDriver, T> question) {
        return new FluentWait<>(browser).withTimeout(WAIT).pollingEvery(Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class).until(question);
    }

    private WebElement find(By locator) {
        return read(d -> d.findElement(locator));
    }

    private void click(By locator) {
        read(d -> {
            d.findElement(locator).click();
            return true;
        });
    }

    private void fill(String id, String value) {
        read(d -> {
            WebElement field = d.findElement(By.id(id));
            field.clear();
            field.sendKeys(value);
            return true;
        });
    }

    private void date(String id, LocalDate value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", find(By.id(id)), value.toString());
    }

    private String text(String css) {
        return read(d -> d.findElement(By.cssSelector(css)).getText().strip());
    }

    private String attribute(By locator, String name) {
        return read(d -> d.findElement(locator).getAttribute(name));
    }

    private void screenshot(String name) throws Exception {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(String.format("bureau-%02d-%s.png", ++shot, name)), png);
    }

    private static ObjectNode obj() {
        return Json.mapper().createObjectNode();
    }
}
