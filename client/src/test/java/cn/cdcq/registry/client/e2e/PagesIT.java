package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.e2e.E2eServices.Answer;
import cn.cdcq.registry.client.e2e.E2eServices.CliRun;
import cn.cdcq.registry.client.e2e.E2eServices.Service;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import cn.cdcq.registry.common.format.Uscc;
import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages in a real headless Chromium (Debian's chromium and chromedriver), against both
 * regional services on the real network: an employer opening the QR link of a valid, a revoked
 * and a forged certificate, with the holder check right and wrong; a Chongqing training center
 * whose CSV with bad rows is marked row by row and issues nothing, then a good CSV committing
 * with a progress bar and a PDF whose QR code decodes to the verification link; Chongqing's bureau
 * revoking one at its desk; a Chengdu
 * inspector recording a violation against a Chongqing enterprise and a Chongqing inspector
 * acknowledging the notice; a form posted without its CSRF token refused; the language switch.
 * Accounts, accreditation and the enterprise are set up through the API (as the bureaus would).
 * Every test saves screenshots to target/screenshots/; the verification page's load time, as the
 * browser measures it (Navigation Timing), goes to target/page-timings.txt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PagesIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path TIMINGS = Path.of("target", "page-timings.txt");
    private static final String COLUMNS = "number,occupation,level,issueDate,expiryDate,holderName,holderIdNumber,occupationName";
    private static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private E2eServices services;
    private Service cqAdmin;
    private Service cdAdmin;
    private Service cqCenter;
    private String cqUrl;
    private String cdUrl;
    private WebDriver browser;
    private Path work;

    private final String occupation = String.format("6-%02d-%02d-%02d", 10 + RANDOM.nextInt(90), RANDOM.nextInt(100), RANDOM.nextInt(100));
    private final int site = RANDOM.nextInt(1_000_000);
    private int serial;
    private LocalDate today;
    private int shot;

    /** What the good CSV issued, in order: number -> {name, ID number, salt, verification link}. */
    private final Map<String, String[]> issued = new LinkedHashMap<>();

    @BeforeAll
    void setUp() throws Exception {
        services = new E2eServices();
        work = Files.createDirectories(Path.of("target", "pages-it"));
        Files.createDirectories(SCREENSHOTS);
        today = LocalDate.now(CHINA);
        cqAdmin = services.admin("chongqing");
        cdAdmin = services.admin("chengdu");
        cqUrl = cqAdmin.url();
        cdUrl = cdAdmin.url();
        CliRun bootstrap = services.cli(120, "bootstrap-regions");
        assertThat(bootstrap.exitCode()).as("registry-cli bootstrap-regions: %s", bootstrap).isZero();

        String centerId = uscc("5250000MJ" + String.format("%08d", RANDOM.nextInt(100_000_000)));
        ObjectNode accreditation = obj().put("centerId", centerId).put("name", "重庆市职业技能鉴定中心 " + site)
                .put("validFrom", today.minusDays(30).toString()).put("validTo", today.plusYears(3).toString());
        accreditation.putArray("scopes").addObject().put("occupation", occupation).put("highestLevel", 2);
        Answer accredited = services.post(cqAdmin, "/api/v1/accreditations", accreditation);
        assertThat(accredited.status()).as("%s", accredited).isEqualTo(201);
        cqCenter = services.createAccount(cqAdmin, "cq-pages-center-" + site, "TRAINING_CENTER", "centerId", centerId);

        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1400", "--lang=zh-CN", "--no-first-run", "--disable-extensions");
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    // ------------------------------------------------------------------ sign-in, language, CSRF

    @Test
    @Order(1)
    void thePagesAreChineseByDefaultAndEnglishByTheSwitchOnEveryPage() throws Exception {
        browser.get(cqUrl + "/login");
        assertThat(text("h1")).isEqualTo("工作人员登录");
        assertThat(browser.findElement(By.cssSelector("label[for=username]")).getText()).isEqualTo("账号");
        screenshot("login-zh");
        browser.findElement(By.id("lang-en")).click();
        assertThat(text("h1")).isEqualTo("Staff sign-in");
        browser.get(cqUrl + "/verify");
        assertThat(text("h1")).isEqualTo("Verify a vocational skill certificate");
        assertThat(browser.findElement(By.id("lang-en")).getAttribute("aria-current")).isEqualTo("true");
        screenshot("verify-form-en");
        browser.findElement(By.id("lang-zh")).click();
        assertThat(text("h1")).isEqualTo("核验职业技能等级证书");
    }

    @Test
    @Order(2)
    void aWrongPasswordIsRefusedOnThePageWithoutABasicChallenge() throws Exception {
        HttpResponse<String> desk = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cqUrl + "/center")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(desk.statusCode()).isEqualTo(302);
        assertThat(desk.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(desk.headers().firstValue("WWW-Authenticate")).isEmpty();
        signIn(cqUrl, cqCenter.user(), "not-the-password");
        assertThat(text("#login-error")).contains("账号或密码不正确");
        screenshot("login-wrong-password");
    }

    @Test
    @Order(3)
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndIssuesNothing() throws Exception {
        signIn(cqUrl, cqCenter.user(), cqCenter.password());
        assertThat(browser.getCurrentUrl()).endsWith("/center");
        String number = number(4);
        String[] holder = holder(1);
        fill("number", number);
        fill("occupation", occupation);
        browser.findElement(By.cssSelector("#level option[value='4']")).click();
        fill("holderName", holder[0]);
        fill("holderIdNumber", holder[1]);
        ((JavascriptExecutor) browser).executeScript("document.querySelector('#issue-form input[name=_csrf]').remove()");
        browser.findElement(By.id("issue-one")).click();
        assertThat(text("#denied")).contains("CSRF");
        screenshot("csrf-refused");
        assertThat(recordCheck(number)).isEqualTo("FAIL");
    }

    // ------------------------------------------------------------------ the training center desk

    @Test
    @Order(4)
    void aCsvWithBadRowsIsMarkedRowByRowAndNothingIsIssued() throws Exception {
        browser.get(cqUrl + "/center");
        String good = number(4);
        String wrongLevel = number(4);
        List<String> lines = new ArrayList<>(List.of(COLUMNS));
        String[] h = holder(2);
        lines.add(String.join(",", good, occupation, "4", today.toString(), "", h[0], h[1], "电工"));
        lines.add(String.join(",", wrongLevel, occupation, "3", today.toString(), "", h[0], h[1], "电工"));
        lines.add(String.join(",", number(4), occupation, "4", today.plusDays(3).toString(), "", h[0], h[1], "电工"));
        lines.add(String.join(",", number(4), occupation, "4", today.toString(), "", h[0], h[1].substring(0, 17) + wrongCheck(h[1]), "电工"));
        Path csv = work.resolve("bad-" + site + ".csv");
        Files.writeString(csv, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        browser.findElement(By.id("csv")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.id("preview")).click();
        assertThat(text("#preview-refused")).contains("3 行有误");
        assertThat(browser.findElement(By.cssSelector("tr[data-line='2']")).getAttribute("data-valid")).isEqualTo("true");
        for (String line : List.of("3", "4", "5")) {
            WebElement row = browser.findElement(By.cssSelector("tr[data-line='" + line + "']"));
            assertThat(row.getAttribute("data-valid")).as("line %s", line).isEqualTo("false");
            assertThat(row.findElements(By.cssSelector("ul.problems li"))).as("line %s has its reason", line).isNotEmpty();
        }
        assertThat(browser.findElement(By.cssSelector("tr[data-line='3']")).getText()).contains("等级");
        assertThat(browser.findElement(By.cssSelector("tr[data-line='4']")).getText()).contains("发证日期");
        assertThat(browser.findElement(By.cssSelector("tr[data-line='5']")).getText()).contains("公民身份号码不正确");
        assertThat(browser.findElements(By.id("commit"))).isEmpty();
        screenshot("batch-preview-refused");
        assertThat(recordCheck(good)).as("the valid row of a refused file is not issued").isEqualTo("FAIL");
    }

    @Test
    @Order(5)
    void aGoodCsvCommitsWithProgressAndItsPdfQrCodeOpensTheVerificationPage() throws Exception {
        browser.get(cqUrl + "/center");
        int rows = 12;
        List<String> lines = new ArrayList<>(List.of(COLUMNS));
        Map<String, String[]> holders = new LinkedHashMap<>();
        for (int i = 0; i < rows; i++) {
            String number = number(4);
            String[] h = holder(100 + i);
            holders.put(number, h);
            lines.add(String.join(",", number, occupation, "4", today.toString(), i == 0 ? today.plusYears(5).toString() : "",
                    h[0], h[1], "电工"));
        }
        Path csv = work.resolve("good-" + site + ".csv");
        Files.writeString(csv, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        browser.findElement(By.id("csv")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.id("batch-id-masked")).click();
        browser.findElement(By.id("preview")).click();
        assertThat(text("#preview-ok")).contains("全部 " + rows + " 行检查通过");
        screenshot("batch-preview-ok");
        browser.findElement(By.id("commit")).click();

        // The bar moves as chunks commit; record every value it shows until the batch is done.
        TreeSet<Integer> seen = new TreeSet<>();
        java.time.Instant deadline = java.time.Instant.now().plus(Duration.ofMinutes(3));
        boolean screenshotMidway = false;
        while (true) {
            WebElement bar = browser.findElement(By.id("progress"));
            int value = Integer.parseInt(bar.getAttribute("value"));
            seen.add(value);
            if (!screenshotMidway && value > 0 && value < rows) {
                screenshot("batch-progress");
                screenshotMidway = true;
            }
            String state = browser.findElement(By.id("job-state")).getAttribute("data-state");
            if (!"RUNNING".equals(state)) {
                assertThat(state).as("job state; problem: %s", text("#job-problem")).isEqualTo("DONE");
                break;
            }
            assertThat(java.time.Instant.now()).as("batch done within 3 minutes").isBefore(deadline);
            Thread.sleep(150);
        }
        assertThat(seen.last()).isEqualTo(rows);
        assertThat(Integer.parseInt(browser.findElement(By.id("progress")).getAttribute("max"))).isEqualTo(rows);
        if (!screenshotMidway) {
            screenshot("batch-progress-done");
        }
        Files.writeString(work.resolve("progress-seen.txt"), seen.toString());
        browser.findElement(By.id("handout-link")).click();
        assertThat(text("#issued")).contains("已发放 " + rows + " 张证书");
        screenshot("batch-handout");

        // The salts file and the one-PDF-of-many-pages, fetched with the clerk's session.
        String salts = new String(download(browser.findElement(By.id("download-salts")).getAttribute("href")), StandardCharsets.UTF_8);
        List<String> saltLines = salts.lines().toList();
        assertThat(saltLines.get(0)).isEqualTo("certificateNumber,holderSalt,batchId");
        assertThat(saltLines).hasSize(rows + 1);
        byte[] pdf = download(browser.findElement(By.id("download-pdf")).getAttribute("href"));
        Files.write(work.resolve("certificates-" + site + ".pdf"), pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(rows);
            for (int page = 0; page < rows; page++) {
                String[] line = saltLines.get(page + 1).split(",");
                String expected = cqUrl + "/verify/" + line[0] + "#salt=" + line[1];
                String decoded = qr(doc, page);
                assertThat(decoded).as("QR code of page %d", page + 1).isEqualTo(expected);
                String[] h = holders.get(line[0]);
                issued.put(line[0], new String[]{h[0], h[1], line[1], decoded});
            }
            String pageText = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertThat(pageText).contains("职业技能等级证书", "电工", "四级 / 中级工");
            assertThat(pageText).doesNotContain(holders.values().iterator().next()[1]);
        }
        byte[] zip = download(browser.findElement(By.id("download-zip")).getAttribute("href"));
        assertThat(zip.length).isGreaterThan(1000);
        assertThat(issued).hasSize(rows);
    }

    // ------------------------------------------------------------------ an employer verifying

    @Test
    @Order(6)
    void theQrLinkOfAValidCertificateShowsValidWithEveryStepAndTheHolderCheckRightAndWrong() throws Exception {
        signOutEverywhere();
        var first = issued.entrySet().iterator().next();
        String link = first.getValue()[3];
        List<double[]> timings = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            browser.get("about:blank");
            browser.get(link);
            timings.add(navigationTiming());
        }
        browser.get(link);
        assertThat(verdict()).isEqualTo("VALID");
        assertThat(text(".verdict-word")).isEqualTo("有效");
        List<WebElement> steps = browser.findElements(By.cssSelector("#steps li"));
        assertThat(steps).extracting(s -> s.getAttribute("data-check"))
                .contains("RECORD", "CANONICAL_HASH", "MERKLE_PATH", "REGION_SIGNATURE", "ISSUER_ACCREDITED", "STATUS", "HOLDER");
        assertThat(steps).filteredOn(s -> s.getAttribute("data-check").equals("REGION_SIGNATURE"))
                .extracting(s -> s.getAttribute("data-result")).containsExactly("PASS");
        assertThat(browser.findElement(By.cssSelector("#recognition tr[data-region='CQ']")).getText()).contains("发证地区");
        assertThat(text("#answered-by")).contains("重庆");
        assertThat(browser.findElement(By.id("salt-from-link")).isDisplayed()).isTrue();
        screenshot("verify-valid");
        writeTimings(timings);

        // The employer types the name and ID number from the holder's card: they match.
        fill("holderName", first.getValue()[0]);
        fill("holderIdNumber", first.getValue()[1]);
        browser.findElement(By.id("check-holder")).click();
        assertThat(verdict()).isEqualTo("VALID");
        assertThat(text("#holder-result")).isEqualTo("持证人信息相符。");
        assertThat(browser.findElement(By.cssSelector("#steps li[data-check='HOLDER']")).getAttribute("data-result")).isEqualTo("PASS");
        assertThat(browser.getCurrentUrl()).as("the salt stays in the fragment for another check").contains("#salt=");
        screenshot("verify-holder-match");

        // Someone else's name with this certificate: not theirs.
        fill("holderName", "张冒名");
        fill("holderIdNumber", first.getValue()[1]);
        browser.findElement(By.id("check-holder")).click();
        assertThat(verdict()).isEqualTo("FORGED");
        assertThat(text("#holder-result")).isEqualTo("持证人信息与证书不符。");
        screenshot("verify-holder-mismatch");

        // On a phone's screen.
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get("about:blank");
        browser.get(link);
        assertThat(verdict()).isEqualTo("VALID");
        Long scrollWidth = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth");
        Long clientWidth = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.clientWidth");
        assertThat(scrollWidth).as("no sideways scrolling on a phone").isLessThanOrEqualTo(clientWidth);
        screenshot("verify-valid-phone");
        browser.manage().window().setSize(new Dimension(1280, 1400));
    }

    @Test
    @Order(7)
    void theBureauRevokesAtItsDeskAndTheQrLinkThenShowsRevoked() throws Exception {
        var second = new ArrayList<>(issued.entrySet()).get(1);
        signIn(cqUrl, cqAdmin.user(), cqAdmin.password());
        assertThat(browser.getCurrentUrl()).endsWith("/bureau");
        fill("s-number", second.getKey());
        browser.findElement(By.cssSelector("#s-action option[value='REVOKE']")).click();
        browser.findElement(By.cssSelector("#s-reasonCode option[value='ISSUED_IN_ERROR']")).click();
        fill("s-reason", "issued to the wrong person");
        browser.findElement(By.id("change-status")).click();
        assertThat(text("#done")).contains(second.getKey(), "已撤销");
        screenshot("bureau-revoked");
        browser.findElement(By.id("logout")).click();
        browser.get("about:blank");
        browser.get(second.getValue()[3]);
        assertThat(verdict()).isEqualTo("REVOKED");
        assertThat(text(".verdict-word")).isEqualTo("已撤销");
        assertThat(browser.findElement(By.cssSelector("#steps li[data-check='STATUS']")).getAttribute("data-result")).isEqualTo("FAIL");
        screenshot("verify-revoked");
    }

    @Test
    @Order(8)
    void theQrLinkOfAForgedCertificateShowsForgedAndANumberNeverIssuedNotFound() throws Exception {
        // A forged paper: a real number, another person's name and ID, the forger's own "salt" in the QR code.
        var third = new ArrayList<>(issued.entrySet()).get(2);
        String forgedSalt = HexFormat.of().formatHex(Hashes.sha256(("forged " + site).getBytes(StandardCharsets.UTF_8)));
        String[] forger = holder(999);
        browser.get("about:blank");
        browser.get(cqUrl + "/verify/" + third.getKey() + "#salt=" + forgedSalt);
        fill("holderName", forger[0]);
        fill("holderIdNumber", forger[1]);
        browser.findElement(By.id("check-holder")).click();
        assertThat(verdict()).isEqualTo("FORGED");
        assertThat(text(".verdict-word")).isEqualTo("伪造或不符");
        assertThat(browser.findElement(By.cssSelector("#steps li[data-check='HOLDER']")).getAttribute("data-result")).isEqualTo("FAIL");
        screenshot("verify-forged");

        browser.get(cdUrl + "/verify/" + number(4));
        assertThat(verdict()).isEqualTo("NOT_FOUND");
        assertThat(text("#answered-by")).contains("成都");
        screenshot("verify-not-found-at-chengdu");
        browser.get(cdUrl + "/verify/S12345?lang=en");
        assertThat(text("#number-problem")).contains("Certificate number is not valid.");
        screenshot("verify-bad-number-en");
        browser.findElement(By.id("lang-zh")).click();
    }

    // ------------------------------------------------------------------ inspectors across regions

    @Test
    @Order(9)
    void aChongqingInspectorAcknowledgesTheNoticeChengduSent() throws Exception {
        String enterprise = randomUscc("91500000");
        Answer registered = services.post(cqAdmin, "/api/v1/enterprises", obj().put("uscc", enterprise)
                .put("name", "重庆示例建筑有限公司 " + site).put("platform", false));
        assertThat(registered.status()).as("%s", registered).isEqualTo(200);
        Service cdInspector = inspector(cdAdmin, "cd", "CD");
        Service cqInspector = inspector(cqAdmin, "cq", "CQ");

        // Chengdu's inspector records a wage-arrears violation at the Chengdu service's page.
        signOutEverywhere();
        signIn(cdUrl, cdInspector.user(), cdInspector.password());
        assertThat(browser.getCurrentUrl()).endsWith("/inspector");
        Path decision = work.resolve("decision-" + site + ".pdf");
        Files.writeString(decision, "行政处理决定书 " + enterprise + " " + site);
        fill("v-uscc", enterprise);
        browser.findElement(By.cssSelector("#v-type option[value='WAGE_ARREARS']")).click();
        fill("v-amount", "12500.00");
        fill("v-workers", "3");
        browser.findElement(By.id("v-document")).sendKeys(decision.toAbsolutePath().toString());
        browser.findElement(By.id("v-major")).click();
        browser.findElement(By.id("v-penalized")).click();
        browser.findElement(By.id("record")).click();
        assertThat(text("#done")).contains("已在账本上记录违法行为");
        assertThat(browser.findElement(By.id("violations")).getText()).contains("拖欠工资", "¥12,500.00");
        screenshot("inspector-cd-profile-after-recording");
        browser.findElement(By.id("logout")).click();
        assertThat(text("#logged-out")).isNotEmpty();

        // Chongqing's inspector signs in at the Chongqing service: the notice waits in the inbox, due today.
        signIn(cqUrl, cqInspector.user(), cqInspector.password());
        WebElement row = noticeRow(enterprise);
        assertThat(row.getAttribute("data-done")).isEqualTo("false");
        assertThat(row.getText()).contains("成都", "重大");
        screenshot("inspector-cq-inbox");
        String violationId = row.getAttribute("data-id");
        browser.findElement(By.id("ack-" + violationId)).click();
        assertThat(text("#done")).contains("已在账本上签收通报");
        assertThat(noticeRow(enterprise).getAttribute("data-done")).isEqualTo("true");
        screenshot("inspector-cq-acknowledged");
        Answer notice = services.get(cqInspector, "/api/v1/notices/" + violationId);
        assertThat(notice.body().path("acknowledgedAt").asText()).as("%s", notice).isNotBlank();
        assertThat(notice.body().path("acknowledgedBy").asText())
                .isEqualTo(cqInspector.user().replace("cq-pages-ins-", "CQ-INS-"));

        // The enterprise's profile across both regions, at Chongqing.
        browser.get(cqUrl + "/inspector/enterprises/" + enterprise);
        assertThat(browser.findElement(By.id("violations")).getText()).contains("拖欠工资", "成都（四川）记录");
        screenshot("inspector-cq-profile");
        browser.findElement(By.id("logout")).click();
    }

    // ------------------------------------------------------------------ helpers

    private WebElement noticeRow(String uscc) {
        // By the DOM, not by visible text: a wide table's cells may lie outside its scrolled view.
        List<WebElement> rows = browser.findElements(By.xpath("//table[@id='inbox']//tr[@data-kind='NOTICE']"
                + "[.//a[contains(@href, '/inspector/enterprises/" + uscc + "')]]"));
        assertThat(rows).as("a notice about %s in %s", uscc, text("main")).hasSize(1);
        return rows.get(0);
    }

    private Service inspector(Service admin, String prefix, String region) {
        String number = String.format("%06d", RANDOM.nextInt(1_000_000));
        Service inspector = services.createAccount(admin, prefix + "-pages-ins-" + number, "INSPECTOR", "inspectorId",
                region + "-INS-" + number);
        Answer registered = services.post(admin, "/api/v1/spot-checks/inspectors", obj().put("inspectorId", region + "-INS-" + number));
        assertThat(registered.status()).as("%s", registered).isEqualTo(200);
        return inspector;
    }

    private void signIn(String url, String user, String password) {
        browser.get(url + "/login");
        fill("username", user);
        fill("password", password);
        browser.findElement(By.id("sign-in")).click();
    }

    private void signOutEverywhere() {
        for (String url : List.of(cqUrl, cdUrl)) {
            browser.get(url + "/verify");
            if (!browser.findElements(By.id("logout")).isEmpty()) {
                browser.findElement(By.id("logout")).click();
            }
        }
    }

    private void fill(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    /** The text of an element of the page a click or a form post is loading (waits up to 30 s for it). */
    private String text(String css) {
        return present(By.cssSelector(css)).getText().strip();
    }

    /** A click on a submit button returns before the next page is there: wait for what it shows. */
    private WebElement present(By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(locator));
    }

    private String verdict() {
        return present(By.id("verdict")).getAttribute("data-verdict");
    }

    /** responseStart and loadEventEnd of the last navigation, in ms from its start. */
    private double[] navigationTiming() {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                "const n = performance.getEntriesByType('navigation')[0]; return n ? n.loadEventEnd : 0;")).doubleValue() > 0);
        @SuppressWarnings("unchecked")
        List<Number> t = (List<Number>) ((JavascriptExecutor) browser).executeScript(
                "const n = performance.getEntriesByType('navigation')[0]; return [n.responseStart, n.domContentLoadedEventEnd, n.loadEventEnd];");
        return new double[]{t.get(0).doubleValue(), t.get(1).doubleValue(), t.get(2).doubleValue()};
    }

    private void writeTimings(List<double[]> timings) throws Exception {
        List<double[]> warm = timings.subList(1, timings.size());
        StringBuilder out = new StringBuilder("# Verification page (QR link of a valid certificate, Chongqing service), headless Chromium, "
                + "Navigation Timing in ms from navigation start; first load cold, then " + warm.size() + " warm loads\n");
        out.append(String.format("first load: responseStart %.1f, domContentLoadedEventEnd %.1f, loadEventEnd %.1f%n",
                timings.get(0)[0], timings.get(0)[1], timings.get(0)[2]));
        out.append(String.format("warm p50: responseStart %.1f, loadEventEnd %.1f; warm max: responseStart %.1f, loadEventEnd %.1f%n",
                median(warm, 0), median(warm, 2), warm.stream().mapToDouble(t -> t[0]).max().orElse(0),
                warm.stream().mapToDouble(t -> t[2]).max().orElse(0)));
        Files.writeString(TIMINGS, out.toString());
    }

    private static double median(List<double[]> values, int index) {
        double[] sorted = values.stream().mapToDouble(t -> t[index]).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private void screenshot(String name) throws Exception {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(String.format("%02d-%s.png", ++shot, name)), png);
    }

    /** A download as the signed-in clerk's browser would make it: same session cookie. */
    private byte[] download(String url) throws Exception {
        String cookies = browser.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .reduce((a, b) -> a + "; " + b).orElse("");
        HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Cookie", cookies).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).as("GET %s", url).isEqualTo(200);
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
        return answer.body();
    }

    /**
     * The page's QR code as a printout shows it to a camera, which tries again when one look fails:
     * rendered at 300, 200 and 400 dpi, each read with both of ZXing's binarizers. A code that none
     * of these reads fails the test with the last reader's error.
     */
    private static String qr(PDDocument doc, int page) throws Exception {
        Exception last = null;
        for (int dpi : new int[]{300, 200, 400}) {
            var image = new PDFRenderer(doc).renderImageWithDPI(page, dpi);
            var source = new BufferedImageLuminanceSource(image);
            for (var bitmap : java.util.List.of(new BinaryBitmap(new HybridBinarizer(source)),
                    new BinaryBitmap(new com.google.zxing.common.GlobalHistogramBinarizer(source)))) {
                try {
                    return new QRCodeReader().decode(bitmap,
                            java.util.Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
                } catch (com.google.zxing.ReaderException e) {
                    last = e;
                }
            }
        }
        throw new AssertionError("the QR code of page " + (page + 1) + " could not be read at 300, 200 or 400 dpi", last);
    }

    /** The RECORD check of a number at the public API: FAIL when the ledger has no such certificate. */
    private String recordCheck(String number) {
        Answer report = services.get(new Service(cdUrl, null, null), "/api/v1/public/certificates/" + number + "/verification");
        assertThat(report.status()).as("%s", report).isEqualTo(200);
        for (JsonNode step : report.body().path("steps")) {
            if (step.path("check").asText().equals("RECORD")) {
                return step.path("result").asText();
            }
        }
        throw new AssertionError("no RECORD step in " + report);
    }

    private String number(int level) {
        return String.format("S000250%06d%02d%d%06d", site, today.getYear() % 100, level, ++serial);
    }

    private String[] holder(int person) {
        String first17 = "500101" + LocalDate.of(1965, 1, 1).plusDays((site + person) % 14000).toString().replace("-", "")
                + String.format("%03d", (site / 14000 + person) % 1000);
        return new String[]{"测试工人" + person, first17 + ResidentIdNumber.checkCharacter(first17)};
    }

    /** The ID number with another check character: a typing error the check must catch. */
    private static String wrongCheck(String id) {
        char right = id.charAt(17);
        return right == '0' ? "1" : "0";
    }

    private static String uscc(String first17) {
        return first17 + Uscc.checkCharacter(first17);
    }

    private static String randomUscc(String prefix) {
        StringBuilder b = new StringBuilder(prefix);
        while (b.length() < 17) {
            b.append(USCC_CHARS.charAt(RANDOM.nextInt(USCC_CHARS.length())));
        }
        return b + String.valueOf(Uscc.checkCharacter(b.toString()));
    }

    private static ObjectNode obj() {
        return Json.mapper().createObjectNode();
    }
}
