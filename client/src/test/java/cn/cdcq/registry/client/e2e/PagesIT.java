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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
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
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages in a real headless Chromium (Debian's chromium and chromedriver), against both
 * regional services on the real network: an employer opening the QR link of a valid, a revoked
 * and a forged certificate, with the holder check right and wrong; a Chongqing training center
 * whose CSV with bad rows is marked row by row and issues nothing, then a good CSV committing
 * with a progress bar and a PDF whose QR code decodes to the verification link; Chongqing's bureau
 * revoking one at its desk; a Chengdu
 * inspector recording a violation against a Chongqing enterprise and a Chongqing inspector
 * acknowledging the notice; a form posted without its CSRF token refused; the language switch; a
 * holder downloading the certificate's Verifiable Credential and the holder view verifying it (and a
 * tampered copy refused). Accounts, accreditation, the enterprise and the certificates the employer
 * checks are set up through the API in {@link #setUp} (as the bureaus and a center would), so each
 * test stands alone and runs in any order. Every page a click or a form post loads is waited for
 * ({@link #clickToLoad}) and read inside a wait that finds its elements again ({@link #read}).
 * Every test saves screenshots to target/screenshots/; the verification page's load time, as the
 * browser measures it (Navigation Timing), goes to target/page-timings.txt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path TIMINGS = Path.of("target", "page-timings.txt");
    private static final String COLUMNS = "number,occupation,level,issueDate,expiryDate,holderName,holderIdNumber,occupationName";
    private static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private E2eServices services;
    private Service cqAdmin;
    private Service cdAdmin;
    private Service cqCenter;
    private String cqUrl;
    private String cdUrl;
    private WebDriver browser;
    private Path work;
    private Path downloads;

    private final String occupation = String.format("6-%02d-%02d-%02d", 10 + RANDOM.nextInt(90), RANDOM.nextInt(100), RANDOM.nextInt(100));
    private final int site = RANDOM.nextInt(1_000_000);
    private int serial;
    private LocalDate today;
    private int shot;

    /** A certificate issued for the employer's tests: its holder's name and ID number, salt, and the QR code's link. */
    record Issued(String number, String holderName, String holderIdNumber, String salt, String link) {
    }

    /** Issued through the API in {@link #setUp}, one per test that needs one, so no test waits for another. */
    private Issued forHolderCheck;
    private Issued forRevocation;
    private Issued forForgery;
    private Issued forCredential;
    private Issued forSuspensionRequest;
    private Issued forDeclinedRequest;
    private Issued forApiRequest;
    private String cqCenterId;

    @BeforeAll
    void setUp() throws Exception {
        services = new E2eServices();
        work = Files.createDirectories(Path.of("target", "pages-it"));
        downloads = Files.createDirectories(work.resolve("downloads-" + System.currentTimeMillis()));
        Files.createDirectories(SCREENSHOTS);
        // This run's screenshots only: numbered in the order the tests ran.
        try (Stream<Path> old = Files.list(SCREENSHOTS)) {
            // (BureauDeskIT's own, bureau-*.png, are left alone.)
            for (Path png : old.filter(f -> f.toString().endsWith(".png") && !f.getFileName().toString().startsWith("bureau-")).toList()) {
                Files.delete(png);
            }
        }
        today = LocalDate.now(CHINA);
        cqAdmin = services.admin("chongqing");
        cdAdmin = services.admin("chengdu");
        cqUrl = cqAdmin.url();
        cdUrl = cdAdmin.url();
        CliRun bootstrap = services.cli(120, "bootstrap-regions");
        assertThat(bootstrap.exitCode()).as("registry-cli bootstrap-regions: %s", bootstrap).isZero();

        String centerId = TestValues.withCheck("5250000MJ" + String.format("%08d", RANDOM.nextInt(100_000_000)));
        ObjectNode accreditation = obj().put("centerId", centerId).put("name", "重庆市职业技能鉴定中心 " + site)
                .put("validFrom", today.minusDays(30).toString()).put("validTo", today.plusYears(3).toString());
        accreditation.putArray("scopes").addObject().put("occupation", occupation).put("highestLevel", 2);
        Answer accredited = services.post(cqAdmin, "/api/v1/accreditations", accreditation);
        assertThat(accredited.status()).as("%s", accredited).isEqualTo(201);
        cqCenter = services.createAccount(cqAdmin, "cq-pages-center-" + site, "TRAINING_CENTER", "centerId", centerId);

        // The certificates the employer's tests open, issued as the center's desk or CLI would (one batch).
        List<Issued> fixture = issueThroughTheApi(7);
        forHolderCheck = fixture.get(0);
        forRevocation = fixture.get(1);
        forForgery = fixture.get(2);
        forCredential = fixture.get(3);
        forSuspensionRequest = fixture.get(4);
        forDeclinedRequest = fixture.get(5);
        forApiRequest = fixture.get(6);
        cqCenterId = centerId;

        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1400", "--lang=zh-CN", "--no-first-run", "--disable-extensions");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false, "safebrowsing.enabled", false));
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(driver, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    /** Every test starts signed out, in Chinese, at desktop size: both services share 127.0.0.1's cookie jar. */
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

    // ------------------------------------------------------------------ sign-in, language, CSRF

    @Test
    void thePagesAreChineseByDefaultAndEnglishByTheSwitchOnEveryPage() throws Exception {
        browser.get(cqUrl + "/login");
        assertThat(text("h1")).isEqualTo("工作人员登录");
        assertThat(text("label[for=username]")).isEqualTo("账号");
        screenshot("login-zh");
        clickToLoad(By.id("lang-en"));
        assertThat(text("h1")).isEqualTo("Staff sign-in");
        browser.get(cqUrl + "/verify");
        assertThat(text("h1")).isEqualTo("Verify a vocational skill certificate");
        assertThat(attribute(By.id("lang-en"), "aria-current")).isEqualTo("true");
        screenshot("verify-form-en");
        clickToLoad(By.id("lang-zh"));
        assertThat(text("h1")).isEqualTo("核验职业技能等级证书");
    }

    @Test
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
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndIssuesNothing() throws Exception {
        signIn(cqUrl, cqCenter.user(), cqCenter.password());
        assertThat(browser.getCurrentUrl()).endsWith("/center");
        String number = number(4);
        String[] holder = holder(1);
        fill("number", number);
        fill("occupation", occupation);
        click(By.cssSelector("#level option[value='4']"));
        fill("holderName", holder[0]);
        fill("holderIdNumber", holder[1]);
        ((JavascriptExecutor) browser).executeScript("document.querySelector('#issue-form input[name=_csrf]').remove()");
        clickToLoad(By.id("issue-one"));
        assertThat(text("#denied")).contains("CSRF");
        screenshot("csrf-refused");
        assertThat(recordCheck(number)).isEqualTo("FAIL");
    }

    // ------------------------------------------------------------------ the training center desk

    @Test
    void aCsvWithBadRowsIsMarkedRowByRowAndNothingIsIssued() throws Exception {
        signIn(cqUrl, cqCenter.user(), cqCenter.password());
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
        find(By.id("csv")).sendKeys(csv.toAbsolutePath().toString());
        clickToLoad(By.id("preview"));
        assertThat(text("#preview-refused")).contains("3 行有误");
        assertThat(attribute(By.cssSelector("tr[data-line='2']"), "data-valid")).isEqualTo("true");
        for (String line : List.of("3", "4", "5")) {
            By row = By.cssSelector("tr[data-line='" + line + "']");
            assertThat(attribute(row, "data-valid")).as("line %s", line).isEqualTo("false");
            assertThat(this.<Integer>read(d -> d.findElement(row).findElements(By.cssSelector("ul.problems li")).size()))
                    .as("line %s has its reason", line).isPositive();
        }
        assertThat(text("tr[data-line='3']")).contains("等级");
        assertThat(text("tr[data-line='4']")).contains("发证日期");
        assertThat(text("tr[data-line='5']")).contains("公民身份号码不正确");
        assertThat(browser.findElements(By.id("commit"))).isEmpty();
        screenshot("batch-preview-refused");
        assertThat(recordCheck(good)).as("the valid row of a refused file is not issued").isEqualTo("FAIL");
    }

    @Test
    void aGoodCsvCommitsWithProgressAndItsPdfQrCodeOpensTheVerificationPage() throws Exception {
        signIn(cqUrl, cqCenter.user(), cqCenter.password());
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
        // Photos for the first two rows, named by their numbers; first with a third for a number not
        // in the file, which refuses the upload as a whole (a photo must not be left off silently).
        List<String> numbers = new ArrayList<>(holders.keySet());
        Path photos = Files.createDirectories(work.resolve("photos-" + site));
        Path firstPhoto = portrait(photos.resolve(numbers.get(0) + ".png"), new java.awt.Color(70, 110, 170));
        Path secondPhoto = portrait(photos.resolve(numbers.get(1) + ".png"), new java.awt.Color(60, 140, 90));
        Path stray = portrait(photos.resolve(number(4) + ".png"), new java.awt.Color(150, 60, 60));
        find(By.id("csv")).sendKeys(csv.toAbsolutePath().toString());
        find(By.id("photos")).sendKeys(firstPhoto.toAbsolutePath() + "\n" + secondPhoto.toAbsolutePath() + "\n" + stray.toAbsolutePath());
        clickToLoad(By.id("preview"));
        assertThat(find(By.id("file-problem")).isDisplayed()).isTrue();
        assertThat(text("#unmatched-photos")).isEqualTo(stray.getFileName().toString());
        assertThat(browser.findElements(By.id("commit"))).isEmpty();
        screenshot("batch-preview-stray-photo");
        browser.get(cqUrl + "/center");
        find(By.id("csv")).sendKeys(csv.toAbsolutePath().toString());
        find(By.id("photos")).sendKeys(firstPhoto.toAbsolutePath() + "\n" + secondPhoto.toAbsolutePath());
        click(By.id("batch-id-masked"));
        clickToLoad(By.id("preview"));
        assertThat(text("#preview-ok")).contains("全部 " + rows + " 行检查通过");
        assertThat(attributes(By.cssSelector("#preview-rows td[data-photo='true']"), "data-photo")).hasSize(2);
        screenshot("batch-preview-ok");
        clickToLoad(By.id("commit"));

        // The bar moves as chunks commit (batch.js polls): record every value it shows until the batch is done.
        TreeSet<Integer> seen = new TreeSet<>();
        boolean[] screenshotMidway = {false};
        String state = new FluentWait<>(browser).withTimeout(Duration.ofMinutes(3)).pollingEvery(Duration.ofMillis(150))
                .ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class)
                .withMessage("the batch is done within 3 minutes")
                .until(d -> {
                    int value = Integer.parseInt(d.findElement(By.id("progress")).getAttribute("value"));
                    seen.add(value);
                    if (!screenshotMidway[0] && value > 0 && value < rows) {
                        screenshotQuietly("batch-progress");
                        screenshotMidway[0] = true;
                    }
                    String now = d.findElement(By.id("job-state")).getAttribute("data-state");
                    return "RUNNING".equals(now) ? null : now;
                });
        assertThat(state).as("job state; problem: %s", text("#job-problem")).isEqualTo("DONE");
        // The value and the state are read one after the other while batch.js updates both: the
        // last value read may be from the poll before DONE (seen once in CI: 10 of 12). Read it again.
        seen.add(this.<Integer>read(d -> {
            int value = Integer.parseInt(d.findElement(By.id("progress")).getAttribute("value"));
            return value == rows ? value : null;
        }));
        assertThat(seen.last()).isEqualTo(rows);
        assertThat(Integer.parseInt(attribute(By.id("progress"), "max"))).isEqualTo(rows);
        if (!screenshotMidway[0]) {
            screenshot("batch-progress-done");
        }
        Files.writeString(work.resolve("progress-seen.txt"), seen.toString());
        read(ExpectedConditions.visibilityOfElementLocated(By.id("handout-link")));
        clickToLoad(By.id("handout-link"));
        assertThat(text("#issued")).contains("已发放 " + rows + " 张证书");
        screenshot("batch-handout");

        // The salts file and the one-PDF-of-many-pages, fetched with the clerk's session.
        String salts = new String(download(attribute(By.id("download-salts"), "href")), StandardCharsets.UTF_8);
        List<String> saltLines = salts.lines().toList();
        assertThat(saltLines.get(0)).isEqualTo("certificateNumber,holderSalt,batchId");
        assertThat(saltLines).hasSize(rows + 1);
        byte[] pdf = download(attribute(By.id("download-pdf"), "href"));
        Files.write(work.resolve("certificates-" + site + ".pdf"), pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(rows);
            for (int page = 0; page < rows; page++) {
                String[] line = saltLines.get(page + 1).split(",");
                assertThat(holders).containsKey(line[0]);
                assertThat(qr(doc, page)).as("QR code of page %d", page + 1).isEqualTo(cqUrl + "/verify/" + line[0] + "#salt=" + line[1]);
            }
            for (int page = 0; page < rows; page++) {
                String number = saltLines.get(page + 1).split(",")[0];
                boolean withPhoto = number.equals(numbers.get(0)) || number.equals(numbers.get(1));
                assertThat(images(doc, page)).as("photos on the page of %s", number).isEqualTo(withPhoto ? 1 : 0);
            }
            String pageText = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertThat(pageText).contains("职业技能等级证书", "电工", "四级 / 中级工");
            assertThat(pageText).doesNotContain(holders.values().iterator().next()[1]);
        }
        byte[] zip = download(attribute(By.id("download-zip"), "href"));
        assertThat(zip.length).isGreaterThan(1000);

        // The first page's QR link opens the verification page, which finds the certificate valid.
        String[] first = saltLines.get(1).split(",");
        browser.get("about:blank");
        browser.get(cqUrl + "/verify/" + first[0] + "#salt=" + first[1]);
        assertThat(verdict()).isEqualTo("VALID");
    }

    @Test
    void oneCertificateIssuedWithTheHoldersPhotoPrintsThePhotoAndAReadableQrCode() throws Exception {
        signIn(cqUrl, cqCenter.user(), cqCenter.password());
        String number = number(4);
        String[] holder = holder(7);
        var portrait = new java.awt.image.BufferedImage(300, 400, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = portrait.createGraphics();
        g.setColor(new java.awt.Color(70, 110, 170));
        g.fillRect(0, 0, 300, 400);
        g.setColor(new java.awt.Color(240, 210, 180));
        g.fillOval(90, 80, 120, 150);
        g.dispose();
        Path photo = work.resolve("photo-" + site + ".png");
        javax.imageio.ImageIO.write(portrait, "png", photo.toFile());
        fill("number", number);
        fill("occupation", occupation);
        fill("occupationName", "电工");
        click(By.cssSelector("#level option[value='4']"));
        fill("holderName", holder[0]);
        fill("holderIdNumber", holder[1]);
        find(By.id("photo")).sendKeys(photo.toAbsolutePath().toString());
        screenshot("center-issue-with-photo");
        clickToLoad(By.id("issue-one"));
        assertThat(text("#issued")).as("page: %s", text("main")).contains("已发放 1 张证书");
        byte[] pdf = download(attribute(By.id("download-pdf"), "href"));
        Files.write(work.resolve("certificate-with-photo-" + site + ".pdf"), pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            var resources = doc.getPage(0).getResources();
            long images = 0;
            for (var name : resources.getXObjectNames()) {
                if (resources.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject) {
                    images++;
                }
            }
            assertThat(images).as("the photo is embedded").isEqualTo(1);
            String salt = new String(download(attribute(By.id("download-salts"), "href")), StandardCharsets.UTF_8)
                    .lines().skip(1).findFirst().orElseThrow().split(",")[1];
            assertThat(qr(doc, 0)).isEqualTo(cqUrl + "/verify/" + number + "#salt=" + salt);
            // Rendered, the photo's box shows the photo (its blue background) at the top right.
            var page = new PDFRenderer(doc).renderImageWithDPI(0, 72);
            var inside = new java.awt.Color(page.getRGB(page.getWidth() - 76 - 90, 170 + 10));
            assertThat(inside.getBlue()).isGreaterThan(140);
            javax.imageio.ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(0, 100), "png",
                    SCREENSHOTS.resolve(String.format("%02d-%s.png", ++shot, "certificate-pdf-with-photo")).toFile());
        }
        screenshot("center-handout-with-photo");
    }

    // ------------------------------------------------------------------ an employer verifying

    @Test
    void theQrLinkOfAValidCertificateShowsValidWithEveryStepAndTheHolderCheckRightAndWrong() throws Exception {
        Issued first = forHolderCheck;
        List<double[]> timings = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            browser.get("about:blank");
            browser.get(first.link());
            timings.add(navigationTiming());
        }
        browser.get("about:blank");
        browser.get(first.link());
        assertThat(verdict()).isEqualTo("VALID");
        assertThat(text(".verdict-word")).isEqualTo("有效");
        assertThat(attributes(By.cssSelector("#steps li"), "data-check"))
                .contains("RECORD", "CANONICAL_HASH", "MERKLE_PATH", "REGION_SIGNATURE", "ISSUER_ACCREDITED", "STATUS", "HOLDER");
        assertThat(attribute(By.cssSelector("#steps li[data-check='REGION_SIGNATURE']"), "data-result")).isEqualTo("PASS");
        assertThat(text("#recognition tr[data-region='CQ']")).contains("发证地区");
        assertThat(text("#answered-by")).contains("重庆");
        assertThat(read(ExpectedConditions.visibilityOfElementLocated(By.id("salt-from-link"))).isDisplayed()).isTrue();
        screenshot("verify-valid");
        writeTimings(timings);

        // The employer types the name and ID number from the holder's card: they match.
        fill("holderName", first.holderName());
        fill("holderIdNumber", first.holderIdNumber());
        clickToLoad(By.id("check-holder"));
        assertThat(verdict()).isEqualTo("VALID");
        assertThat(text("#holder-result")).isEqualTo("持证人信息相符。");
        assertThat(attribute(By.cssSelector("#steps li[data-check='HOLDER']"), "data-result")).isEqualTo("PASS");
        assertThat(browser.getCurrentUrl()).as("the salt stays in the fragment for another check").contains("#salt=");
        screenshot("verify-holder-match");

        // Someone else's name with this certificate: not theirs.
        fill("holderName", "张冒名");
        fill("holderIdNumber", first.holderIdNumber());
        clickToLoad(By.id("check-holder"));
        assertThat(verdict()).isEqualTo("FORGED");
        assertThat(text("#holder-result")).isEqualTo("持证人信息与证书不符。");
        screenshot("verify-holder-mismatch");

        // On a phone's screen.
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get("about:blank");
        browser.get(first.link());
        assertThat(verdict()).isEqualTo("VALID");
        Long scrollWidth = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth");
        Long clientWidth = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.clientWidth");
        assertThat(scrollWidth).as("no sideways scrolling on a phone").isLessThanOrEqualTo(clientWidth);
        screenshot("verify-valid-phone");
    }

    @Test
    void theBureauRevokesAtItsDeskAndTheQrLinkThenShowsRevoked() throws Exception {
        signIn(cqUrl, cqAdmin.user(), cqAdmin.password());
        assertThat(browser.getCurrentUrl()).endsWith("/bureau");
        fill("s-number", forRevocation.number());
        click(By.cssSelector("#s-action option[value='REVOKE']"));
        click(By.cssSelector("#s-reasonCode option[value='ISSUED_IN_ERROR']"));
        fill("s-reason", "issued to the wrong person");
        clickToLoad(By.id("change-status"));
        assertThat(text("#done")).contains(forRevocation.number(), "已撤销");
        screenshot("bureau-revoked");
        clickToLoad(By.id("logout"));
        browser.get("about:blank");
        browser.get(forRevocation.link());
        assertThat(verdict()).isEqualTo("REVOKED");
        assertThat(text(".verdict-word")).isEqualTo("已撤销");
        assertThat(attribute(By.cssSelector("#steps li[data-check='STATUS']"), "data-result")).isEqualTo("FAIL");
        screenshot("verify-revoked");
    }

    @Test
    void theCenterListsItsCertificatesAndAsksTheBureauWhichCarriesOneOutAndDeclinesTheOther() throws Exception {
        String suspend = forSuspensionRequest.number();
        String revoke = forDeclinedRequest.number();
        signIn(cqUrl, cqCenter.user(), cqCenter.password());
        clickToLoad(By.id("all-certificates"));
        List<String> listed = attributes(By.cssSelector("#certificate-list tbody tr"), "data-number");
        assertThat(listed).as("the list is in number order").isSorted();
        assertThat(attributes(By.cssSelector("#certificate-list tbody tr"), "data-status")).isNotEmpty().isSubsetOf("VALID", "SUSPENDED", "REVOKED");
        screenshot("center-list");

        browser.get(cqUrl + "/center/certificates?number=" + suspend);
        click(By.cssSelector("#r-asked option[value='SUSPENDED']"));
        click(By.cssSelector("#r-reasonCode option[value='UNDER_INVESTIGATION']"));
        fill("r-reason", "assessment records under review");
        clickToLoad(By.id("send-request"));
        assertThat(find(By.id("request-sent")).isDisplayed()).isTrue();
        assertThat(attribute(By.id("latest-request"), "data-state")).isEqualTo("PENDING");
        assertThat(text("#found-status")).isEqualTo("有效");
        assertThat(browser.findElements(By.id("request-form"))).as("no second request while one is pending").isEmpty();
        screenshot("center-status-request");

        browser.get(cqUrl + "/center/certificates?number=" + revoke);
        click(By.cssSelector("#r-asked option[value='REVOKED']"));
        click(By.cssSelector("#r-reasonCode option[value='ISSUED_IN_ERROR']"));
        fill("r-reason", "");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('r-reason').removeAttribute('required')");
        clickToLoad(By.id("send-request"));
        assertThat(text("#r-reason-problem")).as("an empty reason, refused next to its field").isNotEmpty();
        fill("r-reason", "issued before the assessment was complete");
        clickToLoad(By.id("send-request"));
        assertThat(attribute(By.id("latest-request"), "data-state")).isEqualTo("PENDING");
        clickToLoad(By.id("logout"));

        signIn(cqUrl, cqAdmin.user(), cqAdmin.password());
        assertThat(attributes(By.cssSelector("#request-table tbody tr"), "data-number")).contains(suspend, revoke);
        assertThat(attribute(By.cssSelector("#request-table tr[data-number='" + revoke + "'] td[data-asked]"), "data-asked"))
                .as("the refused form kept what the clerk chose").isEqualTo("REVOKED");
        assertThat(text("#carry-out-" + revoke)).isEqualTo("按申请撤销");
        screenshot("bureau-status-requests");
        fill("carry-reason-" + suspend, "suspended while the assessment is reviewed");
        clickToLoad(By.id("carry-out-" + suspend));
        assertThat(text("#done")).contains(suspend, "已暂停");
        fill("decline-reason-" + revoke, "the assessment file is complete");
        clickToLoad(By.id("decline-" + revoke));
        assertThat(text("#done")).contains(revoke);
        assertThat(attributes(By.cssSelector("#request-table tbody tr"), "data-number")).doesNotContain(suspend, revoke);
        clickToLoad(By.id("logout"));

        signIn(cqUrl, cqCenter.user(), cqCenter.password());
        browser.get(cqUrl + "/center/certificates?status=SUSPENDED");
        assertThat(attributes(By.cssSelector("#certificate-list tbody tr"), "data-number")).contains(suspend).doesNotContain(revoke);
        assertThat(attributes(By.cssSelector("#certificate-list tbody tr"), "data-status")).containsOnly("SUSPENDED");
        browser.get(cqUrl + "/center/certificates?number=" + suspend);
        assertThat(attribute(By.id("latest-request"), "data-state")).isEqualTo("CARRIED_OUT");
        assertThat(text("#found-status")).isEqualTo("已暂停");
        browser.get(cqUrl + "/center/certificates?number=" + revoke);
        assertThat(attribute(By.id("latest-request"), "data-state")).isEqualTo("DECLINED");
        assertThat(text("#request-decision")).contains("the assessment file is complete");
        assertThat(text("#found-status")).isEqualTo("有效");
        screenshot("center-request-declined");
    }

    @Test
    void theStatusRequestApiRefusesTheWrongCallerAndLeavesTheCertificateAsItWas() {
        String n = forApiRequest.number();
        Answer ownList = services.get(cqCenter, "/api/v1/centers/" + cqCenterId + "/certificates?pageSize=200");
        assertThat(ownList.status()).as("%s", ownList).isEqualTo(200);
        List<String> numbers = new ArrayList<>();
        ownList.body().path("certificates").forEach(c -> numbers.add(c.path("number").asText()));
        assertThat(numbers).contains(n).isSorted();
        assertThat(ownList.body().toString()).doesNotContain(forApiRequest.holderName(), forApiRequest.holderIdNumber());
        Answer otherList = services.get(cqCenter, "/api/v1/centers/" + TestValues.withCheck("5251000MJ00000000") + "/certificates");
        assertThat(otherList.status()).as("%s", otherList).isEqualTo(403);
        Answer badSize = services.get(cqCenter, "/api/v1/centers/" + cqCenterId + "/certificates?pageSize=0");
        assertThat(badSize.status()).isEqualTo(400);
        assertThat(badSize.body().path("field").asText()).isEqualTo("pageSize");

        ObjectNode ask = obj().put("asked", "REVOKED").put("reasonCode", "ISSUED_IN_ERROR").put("reason", "wrong occupation code");
        Answer byBureau = services.post(cqAdmin, "/api/v1/certificates/" + n + "/status-requests", ask);
        assertThat(byBureau.status()).as("a bureau does not ask itself: %s", byBureau).isEqualTo(403);
        Answer wrongCode = services.post(cqCenter, "/api/v1/certificates/" + n + "/status-requests",
                obj().put("asked", "REVOKED").put("reasonCode", "UNDER_INVESTIGATION").put("reason", "x"));
        assertThat(wrongCode.status()).isEqualTo(400);
        assertThat(wrongCode.body().path("field").asText()).isEqualTo("reasonCode");
        Answer made = services.post(cqCenter, "/api/v1/certificates/" + n + "/status-requests", ask);
        assertThat(made.status()).as("%s", made).isEqualTo(201);
        assertThat(made.body().path("state").asText()).isEqualTo("PENDING");
        Answer again = services.post(cqCenter, "/api/v1/certificates/" + n + "/status-requests", ask);
        assertThat(again.status()).as("%s", again).isEqualTo(409);

        Answer pending = services.get(cqAdmin, "/api/v1/certificate-status-requests");
        assertThat(pending.status()).isEqualTo(200);
        List<String> waiting = new ArrayList<>();
        pending.body().forEach(r -> waiting.add(r.path("number").asText()));
        assertThat(waiting).contains(n);
        Answer chengduDeclines = services.post(cdAdmin, "/api/v1/certificates/" + n + "/status-requests/decline",
                obj().put("reason", "not ours to decide"));
        assertThat(chengduDeclines.status()).as("the other region's bureau: %s", chengduDeclines).isEqualTo(403);
        assertThat(services.get(cqAdmin, "/api/v1/certificates/" + n + "/status-request").body().path("state").asText())
                .isEqualTo("PENDING");
        Answer declined = services.post(cqAdmin, "/api/v1/certificates/" + n + "/status-requests/decline",
                obj().put("reason", "the occupation code is right"));
        assertThat(declined.status()).as("%s", declined).isEqualTo(200);
        assertThat(declined.body().path("state").asText()).isEqualTo("DECLINED");
        assertThat(services.get(cqAdmin, "/api/v1/certificates/" + n).body().path("status").asText()).isEqualTo("VALID");
    }

    @Test
    void theQrLinkOfAForgedCertificateShowsForgedAndANumberNeverIssuedNotFound() throws Exception {
        // A forged paper: a real number, another person's name and ID, the forger's own "salt" in the QR code.
        String forgedSalt = HexFormat.of().formatHex(Hashes.sha256(("forged " + site).getBytes(StandardCharsets.UTF_8)));
        String[] forger = holder(999);
        browser.get("about:blank");
        browser.get(cqUrl + "/verify/" + forForgery.number() + "#salt=" + forgedSalt);
        fill("holderName", forger[0]);
        fill("holderIdNumber", forger[1]);
        clickToLoad(By.id("check-holder"));
        assertThat(verdict()).isEqualTo("FORGED");
        assertThat(text(".verdict-word")).isEqualTo("伪造或不符");
        assertThat(attribute(By.cssSelector("#steps li[data-check='HOLDER']"), "data-result")).isEqualTo("FAIL");
        screenshot("verify-forged");

        browser.get(cdUrl + "/verify/" + number(4));
        assertThat(verdict()).isEqualTo("NOT_FOUND");
        assertThat(text("#answered-by")).contains("成都");
        screenshot("verify-not-found-at-chengdu");
        browser.get(cdUrl + "/verify/S12345?lang=en");
        assertThat(text("#number-problem")).contains("Certificate number is not valid.");
        screenshot("verify-bad-number-en");
    }

    @Test
    void theBureauAccreditsACenterAtItsDeskAndThenSuspendsIt() throws Exception {
        String center = TestValues.withCheck("5250000MJ" + String.format("%08d", RANDOM.nextInt(100_000_000)));
        String name = "重庆市第二职业技能鉴定中心 " + site;
        signIn(cqUrl, cqAdmin.user(), cqAdmin.password());
        clickToLoad(By.id("to-accreditations"));
        assertThat(text("h1")).isEqualTo("机构资质认定");
        fill("a-centerId", center);
        fill("a-name", name);
        date("a-validTo", today.plusYears(2));
        fill("a-occupation0", occupation);
        click(By.cssSelector("#a-highestLevel0 option[value='3']"));
        screenshot("bureau-accredit-form");
        clickToLoad(By.id("accredit-submit"));
        assertThat(text("#done")).as("problems: %s", text("main")).contains(name, "已在账本上认定");
        By row = By.cssSelector("#accreditation-table tr[data-center='" + center + "']");
        assertThat(attribute(row, "data-status")).isEqualTo("ACTIVE");
        assertThat(text("#accreditation-table tr[data-center='" + center + "']")).contains(occupation, "最高至三级/高级工");
        screenshot("bureau-accredited");
        Answer onLedger = services.get(cqAdmin, "/api/v1/accreditations/" + center);
        assertThat(onLedger.body().path("scopes").get(0).path("highestLevel").asInt()).as("%s", onLedger).isEqualTo(3);

        fill("c-centerId", center);
        click(By.cssSelector("#c-action option[value='SUSPEND']"));
        click(By.cssSelector("#c-reasonCode option[value='QUALITY_CONCERN']"));
        fill("c-reason", "complaints about assessments");
        clickToLoad(By.id("change-accreditation"));
        assertThat(text("#done")).contains(name, "已暂停");
        assertThat(attribute(row, "data-status")).isEqualTo("SUSPENDED");
        screenshot("bureau-accreditation-suspended");
        assertThat(services.get(cqAdmin, "/api/v1/accreditations/" + center).body().path("status").asText()).isEqualTo("SUSPENDED");

        // A wrong code is named next to its field, in the page's language.
        clickToLoad(By.id("lang-en"));
        fill("a-centerId", center.substring(0, 17) + (center.charAt(17) == '0' ? "1" : "0"));
        fill("a-name", name);
        date("a-validTo", today.plusYears(2));
        fill("a-occupation0", occupation);
        clickToLoad(By.id("accredit-submit"));
        assertThat(attribute(By.id("a-centerId"), "aria-invalid")).isEqualTo("true");
        assertThat(text("#a-centerId-problem")).contains("Unified social credit code");
        screenshot("bureau-accredit-wrong-code-en");
    }

    // ------------------------------------------------------------------ the holder's portable credential

    @Test
    void theHolderDownloadsTheCredentialAtTheVerificationPageAndTheHolderViewFindsItValid() throws Exception {
        browser.get("about:blank");
        browser.get(forCredential.link());
        assertThat(verdict()).isEqualTo("VALID");
        fill("holderName", forCredential.holderName());
        fill("holderIdNumber", forCredential.holderIdNumber());
        screenshot("verify-credential-button");
        click(By.id("download-credential"));
        Path file = downloaded("credential-" + forCredential.number() + ".json");
        JsonNode credential = Json.tree(Files.readString(file));
        assertThat(credential.path("type").toString()).contains("VerifiableCredential");
        assertThat(credential.path("proof").path("cryptosuite").asText()).isEqualTo("ecdsa-jcs-2019");
        assertThat(credential.toString()).contains(forCredential.number())
                .as("the holder did not ask to disclose: no name, no ID number")
                .doesNotContain(forCredential.holderName()).doesNotContain(forCredential.holderIdNumber());

        // The holder view: the file uploaded as a wallet would hand it over.
        browser.get(cqUrl + "/verify/credential");
        assertThat(text("h1")).isEqualTo("核验可验证凭证");
        find(By.id("credentialFile")).sendKeys(file.toAbsolutePath().toString());
        clickToLoad(By.id("verify-credential"));
        assertThat(attribute(By.id("credential-verdict"), "data-verdict")).isEqualTo("VALID");
        assertThat(text("#credential-verdict")).contains("凭证有效");
        assertThat(attribute(By.cssSelector("#credential-steps li[data-check='REGION_SIGNATURE']"), "data-result")).isEqualTo("PASS");
        assertThat(attribute(By.cssSelector("#credential-steps li[data-check='STATUS']"), "data-result")).isEqualTo("PASS");
        assertThat(text("#credential-number")).contains(forCredential.number());
        screenshot("credential-valid");

        // In English, the same view and verdict.
        clickToLoad(By.id("lang-en"));
        assertThat(text("h1")).isEqualTo("Verify a Verifiable Credential");
        screenshot("credential-form-en");
    }

    @Test
    void aTamperedCredentialPastedIntoTheHolderViewShowsInvalidWithTheFailedCheck() throws Exception {
        String genuine = services.post(new Service(cqUrl, null, null), "/api/v1/public/certificates/" + forCredential.number()
                + "/credential", obj().put("holderName", forCredential.holderName()).put("holderIdNumber", forCredential.holderIdNumber())
                .put("holderSalt", forCredential.salt())).body().toString();
        assertThat(genuine).contains("ecdsa-jcs-2019");
        ObjectNode tampered = (ObjectNode) Json.tree(genuine);
        // A raised level: the kind of change a forger would make.
        assertThat(tampered.path("credentialSubject").path("level").asInt()).isEqualTo(4);
        ((ObjectNode) tampered.path("credentialSubject")).put("level", 1);

        browser.get(cqUrl + "/verify/credential?lang=en");
        fill("credential", tampered.toString());
        clickToLoad(By.id("verify-credential"));
        assertThat(attribute(By.id("credential-verdict"), "data-verdict")).isEqualTo("INVALID");
        assertThat(text("#credential-verdict")).contains("not valid");
        assertThat(attribute(By.cssSelector("#credential-steps li[data-check='REGION_SIGNATURE']"), "data-result")).isEqualTo("FAIL");
        assertThat(text("#credential-problems li[data-check='REGION_SIGNATURE']"))
                .contains("Issuer's proof (ecdsa-jcs-2019)", "CRYPTOGRAPHIC_SECURITY_ERROR", "does not verify");
        screenshot("credential-tampered-en");

        // Not JSON at all: a reason, never a stack trace.
        clickToLoad(By.id("lang-zh"));
        fill("credential", "{ this is not a credential");
        clickToLoad(By.id("verify-credential"));
        assertThat(attribute(By.id("credential-verdict"), "data-verdict")).isEqualTo("INVALID");
        assertThat(attribute(By.cssSelector("#credential-steps li[data-check='RECORD']"), "data-result")).isEqualTo("FAIL");
        assertThat(text("#credential-steps li[data-check='STATUS']")).as("nothing claimed of a credential never read")
                .contains("凭证无法读取，未检查。");
        assertThat(text("main")).doesNotContain("Exception");
        screenshot("credential-not-json");
    }

    // ------------------------------------------------------------------ inspectors across regions

    @Test
    void aChongqingInspectorAcknowledgesTheNoticeChengduSent() throws Exception {
        String enterprise = randomUscc("91500000");
        Answer registered = services.post(cqAdmin, "/api/v1/enterprises", obj().put("uscc", enterprise)
                .put("name", "重庆示例建筑有限公司 " + site).put("platform", false));
        assertThat(registered.status()).as("%s", registered).isEqualTo(200);
        Service cdInspector = inspector(cdAdmin, "cd", "CD");
        Service cqInspector = inspector(cqAdmin, "cq", "CQ");

        // Chengdu's inspector records a wage-arrears violation at the Chengdu service's page.
        signIn(cdUrl, cdInspector.user(), cdInspector.password());
        assertThat(browser.getCurrentUrl()).endsWith("/inspector");
        Path decision = work.resolve("decision-" + site + ".pdf");
        Files.writeString(decision, "行政处理决定书 " + enterprise + " " + site);
        fill("v-uscc", enterprise);
        click(By.cssSelector("#v-type option[value='WAGE_ARREARS']"));
        fill("v-amount", "12500.00");
        fill("v-workers", "3");
        find(By.id("v-document")).sendKeys(decision.toAbsolutePath().toString());
        click(By.id("v-major"));
        click(By.id("v-penalized"));
        clickToLoad(By.id("record"));
        assertThat(text("#done")).contains("已在账本上记录违法行为");
        assertThat(text("#violations")).contains("拖欠工资", "¥12,500.00");
        screenshot("inspector-cd-profile-after-recording");
        clickToLoad(By.id("logout"));
        assertThat(text("#logged-out")).isNotEmpty();

        // Chongqing's inspector signs in at the Chongqing service: the notice waits in the inbox, due today.
        signIn(cqUrl, cqInspector.user(), cqInspector.password());
        By row = noticeRow(enterprise);
        assertThat(attribute(row, "data-done")).isEqualTo("false");
        assertThat(this.<String>read(d -> d.findElement(row).getText())).contains("成都", "重大");
        screenshot("inspector-cq-inbox");
        String violationId = attribute(row, "data-id");
        clickToLoad(By.id("ack-" + violationId));
        assertThat(text("#done")).contains("已在账本上签收通报");
        assertThat(attribute(noticeRow(enterprise), "data-done")).isEqualTo("true");
        screenshot("inspector-cq-acknowledged");
        Answer notice = services.get(cqInspector, "/api/v1/notices/" + violationId);
        assertThat(notice.body().path("acknowledgedAt").asText()).as("%s", notice).isNotBlank();
        assertThat(notice.body().path("acknowledgedBy").asText())
                .isEqualTo(cqInspector.user().replace("cq-pages-ins-", "CQ-INS-"));

        // The enterprise's profile across both regions, at Chongqing.
        browser.get(cqUrl + "/inspector/enterprises/" + enterprise);
        assertThat(text("#violations")).contains("拖欠工资", "成都（四川）记录");
        assertThat(text("#enterprise-kind")).as("registered without a kind").isEqualTo("其他用人单位");
        assertThat(text("#restrictions-h")).isEqualTo("联合惩戒（两地）");
        screenshot("inspector-cq-profile");
    }

    // ------------------------------------------------------------------ helpers

    /** The inbox row of the one notice about {@code uscc}, by the DOM (a wide table's cells may lie outside its scrolled view). */
    private By noticeRow(String uscc) {
        By row = By.xpath("//table[@id='inbox']//tr[@data-kind='NOTICE'][.//a[contains(@href, '/inspector/enterprises/" + uscc + "')]]");
        assertThat(this.<Integer>read(d -> d.findElements(row).size())).as("notices about %s in %s", uscc, text("main")).isEqualTo(1);
        return row;
    }

    private List<Issued> issueThroughTheApi(int count) {
        ObjectNode body = obj();
        var certificates = body.putArray("certificates");
        Map<String, String[]> holders = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String number = number(4);
            String[] h = holder(50 + i);
            holders.put(number, h);
            certificates.addObject().put("number", number).put("occupation", occupation).put("level", 4)
                    .put("issueDate", today.toString()).put("holderName", h[0]).put("holderIdNumber", h[1]);
        }
        Answer answer = services.post(cqCenter, "/api/v1/certificate-batches", body);
        assertThat(answer.status()).as("%s", answer).isEqualTo(201);
        List<Issued> issued = new ArrayList<>();
        for (JsonNode c : answer.body().path("certificates")) {
            String number = c.path("number").asText();
            String salt = c.path("holderSalt").asText();
            String[] h = holders.get(number);
            issued.add(new Issued(number, h[0], h[1], salt, cqUrl + "/verify/" + number + "#salt=" + salt));
        }
        assertThat(issued).hasSize(count);
        return issued;
    }

    /** A portrait-shaped PNG in one colour with a face-like oval, written to {@code file}. */
    private static Path portrait(Path file, java.awt.Color background) throws Exception {
        var image = new java.awt.image.BufferedImage(300, 400, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(background);
        g.fillRect(0, 0, 300, 400);
        g.setColor(new java.awt.Color(240, 210, 180));
        g.fillOval(90, 80, 120, 150);
        g.dispose();
        javax.imageio.ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private static long images(PDDocument doc, int page) throws Exception {
        var resources = doc.getPage(page).getResources();
        long images = 0;
        for (var name : resources.getXObjectNames()) {
            if (resources.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject) {
                images++;
            }
        }
        return images;
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
        clickToLoad(By.id("sign-in"));
    }

    /**
     * Clicks what loads another page (a link, a form's button) and returns once that page has
     * replaced this one: the old document's root gone stale, the new one loaded. Without this a
     * read right after the click may see the old page, or an element of it vanishing under it.
     */
    private void clickToLoad(By what) {
        WebElement oldPage = browser.findElement(By.tagName("html"));
        click(what);
        new WebDriverWait(browser, WAIT).withMessage("the page after clicking " + what)
                .until(d -> replaced(oldPage));
        new WebDriverWait(browser, WAIT).until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /**
     * Whether {@code element}'s document has been replaced. ChromeDriver reports a node of a
     * replaced document either as stale or, when the new document arrives mid-call, as the
     * inspector error "Node with given id does not belong to the document" (seen after a file
     * upload's post); both mean the same here, unlike Selenium's stalenessOf, which passes the
     * second one on as a failure.
     */
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

    /**
     * What {@code question} answers on the current page, asked again (elements found anew) while
     * they are missing or go stale under it, up to 30 s; null or false count as "not yet".
     */
    private <T> T read(Function<WebDriver, T> question) {
        return new FluentWait<>(browser).withTimeout(WAIT).pollingEvery(Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class)
                .until(question);
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

    /** A date control set as its picker would set it (typing into one depends on the browser's locale). */
    private void date(String id, LocalDate value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", find(By.id(id)), value.toString());
    }

    /** The text of an element of the current page. */
    private String text(String css) {
        return read(d -> d.findElement(By.cssSelector(css)).getText().strip());
    }

    private String attribute(By locator, String name) {
        return read(d -> d.findElement(locator).getAttribute(name));
    }

    private List<String> attributes(By locator, String name) {
        return read(d -> d.findElements(locator).stream().map(e -> e.getAttribute(name)).toList());
    }

    private String verdict() {
        return attribute(By.id("verdict"), "data-verdict");
    }

    /** A file the browser downloads into this run's folder, once complete (no .crdownload left). */
    private Path downloaded(String name) {
        Path file = downloads.resolve(name);
        new FluentWait<>(downloads).withTimeout(WAIT).pollingEvery(Duration.ofMillis(100))
                .withMessage(() -> "a download " + name + " in " + downloads + ": " + listing(downloads))
                .until(dir -> Files.isRegularFile(file) && listing(dir).stream().noneMatch(n -> n.endsWith(".crdownload")));
        return file;
    }

    private static List<String> listing(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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

    /** A screenshot from inside a wait's question, which may not throw checked exceptions. */
    private void screenshotQuietly(String name) {
        try {
            screenshot(name);
        } catch (Exception e) {
            throw new IllegalStateException("screenshot " + name, e);
        }
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
