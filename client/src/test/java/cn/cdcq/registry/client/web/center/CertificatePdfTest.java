package cn.cdcq.registry.client.web.center;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The printable certificate: Chinese text embedded, holder as masked, a QR code that decodes to the verification link. */
class CertificatePdfTest {

    static final Path FONT = Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");
    static final String LINK = "http://127.0.0.1:7510/verify/S000250123456264000001#salt=" + "ab".repeat(32);

    static PrintedCertificate certificate(String number, String link) {
        return new PrintedCertificate(number, "4-04-05-01", "电工", 4, "52500000MJ00000033", "重庆技能培训中心", "CQ",
                "2026-06-30", null, HolderMask.Name.MASKED.apply("王小明"), HolderMask.IdNumber.MASKED.apply("50010119900101123X"), link);
    }

    /** Decodes the QR code of a page the way a phone would see the printout (rendered at 150 dpi). */
    static String qr(PDDocument doc, int page) throws Exception {
        var image = new PDFRenderer(doc).renderImageWithDPI(page, 150);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)))).getText();
    }

    @Test
    void aPageHasTheChineseTextTheMaskedHolderAndAQrCodeOfTheVerificationLink() throws Exception {
        byte[] pdf = new CertificatePdf(FONT).pages(List.of(certificate("S000250123456264000001", LINK)));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("职业技能等级证书", "S000250123456264000001", "四级 / 中级工", "电工", "重庆技能培训中心",
                    "王**", "500101********123X", "2026年6月30日", "长期有效");
            assertThat(text).doesNotContain("王小明", "50010119900101123X");
            assertThat(doc.getPage(0).getResources().getFont(doc.getPage(0).getResources().getFontNames().iterator().next())
                    .isEmbedded()).isTrue();
            assertThat(qr(doc, 0)).isEqualTo(LINK);
        }
    }

    @Test
    void aTitleAndASpecialAbilityPrintTheirOwnNameSeriesAndGrade() throws Exception {
        PrintedCertificate title = new PrintedCertificate("T5002326000001", "2-02-07-01", "工程师", 3, "52500000MJ00000033",
                "重庆技能培训中心", "CQ", "2026-06-30", null, "王**", "", LINK);
        PrintedCertificate ability = new PrintedCertificate("Z000150260000001", "4-04-05-01", "电工", 0, "52500000MJ00000033",
                "重庆技能培训中心", "CQ", "2026-06-30", null, "王**", "", LINK);
        byte[] pdf = new CertificatePdf(FONT).pages(List.of(title, ability));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper page = new PDFTextStripper();
            page.setStartPage(1);
            page.setEndPage(1);
            assertThat(page.getText(doc)).contains("职称证书", "Professional Title Certificate", "职称系列",
                    cn.cdcq.registry.common.format.TitleSeries.chineseName("02"), "级别", "中级").doesNotContain("职业技能等级证书");
            page.setStartPage(2);
            page.setEndPage(2);
            assertThat(page.getText(doc)).contains("专项职业能力证书", "考核结果", "合格").doesNotContain("等级 ");
            assertThat(doc.getDocumentInformation().getTitle()).isEqualTo("职称证书、专项职业能力证书 (2)");
        }
    }

    static byte[] png(int width, int height, java.awt.Color color) throws Exception {
        var image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static long images(PDDocument doc, int page) throws Exception {
        var resources = doc.getPage(page).getResources();
        long n = 0;
        for (var name : resources.getXObjectNames()) {
            if (resources.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject) {
                n++;
            }
        }
        return n;
    }

    @Test
    void theHoldersPhotoIsEmbeddedAtTheTopRightAndTheQrCodeStillReads() throws Exception {
        byte[] photo = png(300, 400, new java.awt.Color(200, 30, 30));
        byte[] pdf = new CertificatePdf(FONT).pages(List.of(certificate("S000250123456264000001", LINK).withPhoto(photo)));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(images(doc, 0)).isEqualTo(1);
            assertThat(qr(doc, 0)).isEqualTo(LINK);
            // At 72 dpi one pixel is one point: the photo's box (96 x 128 pt) lies 76 pt from the right edge, 170 pt from the top.
            var page = new PDFRenderer(doc).renderImageWithDPI(0, 72);
            var inside = new java.awt.Color(page.getRGB(page.getWidth() - 76 - 48, 170 + 64));
            assertThat(inside.getRed()).isGreaterThan(150);
            assertThat(inside.getGreen()).isLessThan(80);
            assertThat(new PDFTextStripper().getText(doc)).contains("S000250123456264000001", "500101********123X");
        }
        try (PDDocument without = Loader.loadPDF(new CertificatePdf(FONT).pages(List.of(certificate("S000250123456264000001", LINK))))) {
            assertThat(images(without, 0)).isZero();
        }
    }

    @Test
    void onlyAJpegOrPngThatDecodesIsTakenAsThePhoto() throws Exception {
        var png = new org.springframework.mock.web.MockMultipartFile("photo", "me.png", "image/png", png(30, 40, java.awt.Color.GRAY));
        assertThat(CertificatePhoto.checked("photo", png)).isEqualTo(png.getBytes());
        assertThat(CertificatePhoto.checked("photo", new org.springframework.mock.web.MockMultipartFile("photo", new byte[0]))).isNull();
        var text = new org.springframework.mock.web.MockMultipartFile("photo", "me.jpg", "image/jpeg", "not an image".getBytes());
        assertThatThrownBy(() -> CertificatePhoto.checked("photo", text))
                .isInstanceOfSatisfying(cn.cdcq.registry.client.api.InvalidRequest.class,
                        e -> assertThat(e.problems().get(0).code()).isEqualTo(CertificatePhoto.PHOTO_INVALID));
        byte[] broken = java.util.Arrays.copyOf(png(30, 40, java.awt.Color.GRAY), 20);
        assertThatThrownBy(() -> CertificatePhoto.checked("photo", new org.springframework.mock.web.MockMultipartFile("photo", broken)))
                .isInstanceOfSatisfying(cn.cdcq.registry.client.api.InvalidRequest.class,
                        e -> assertThat(e.field()).isEqualTo("photo"));
    }

    /**
     * A link for which ZXing's encoder, left to choose, makes a level-M code that ZXing's own
     * detector cannot find (it failed PagesIT once at every resolution). The page must carry a
     * code that reads, at print resolution and at the phone-like 150 dpi.
     */
    @Test
    void aLinkWhoseFirstChoiceOfCodeCannotBeReadStillPrintsAReadableCode() throws Exception {
        String link = "http://127.0.0.1:9265/verify/S000250641706264000017#salt="
                + "8f0d530157500aae4fdd08582644e1a6d84947de02e87ac0852b87af19ff8611";
        var chosen = new com.google.zxing.qrcode.QRCodeWriter().encode(link, com.google.zxing.BarcodeFormat.QR_CODE, 0, 0,
                java.util.Map.of(com.google.zxing.EncodeHintType.ERROR_CORRECTION,
                        com.google.zxing.qrcode.decoder.ErrorCorrectionLevel.M, com.google.zxing.EncodeHintType.MARGIN, 4,
                        com.google.zxing.EncodeHintType.CHARACTER_SET, "UTF-8"));
        var clean = com.google.zxing.client.j2se.MatrixToImageWriter.toBufferedImage(chosen);
        var enlarged = new java.awt.image.BufferedImage(clean.getWidth() * 8, clean.getHeight() * 8,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = enlarged.createGraphics();
        g.drawImage(clean, 0, 0, enlarged.getWidth(), enlarged.getHeight(), null);
        g.dispose();
        assertThatThrownBy(() -> new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(enlarged))),
                java.util.Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE))).as("the encoder's own first choice for this link")
                .isInstanceOf(com.google.zxing.ReaderException.class);

        try (PDDocument doc = Loader.loadPDF(new CertificatePdf(FONT).pages(List.of(certificate("S000250641706264000017", link))))) {
            assertThat(qr(doc, 0)).isEqualTo(link);
            var image = new PDFRenderer(doc).renderImageWithDPI(0, 300);
            assertThat(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                    .getText()).isEqualTo(link);
        }
    }

    @Test
    void aBatchIsOnePdfOfManyPagesOrAZipOfOnePdfEach() throws Exception {
        var pdf = new CertificatePdf(FONT);
        List<PrintedCertificate> two = List.of(certificate("S000250123456264000001", LINK + "1"),
                certificate("S000250123456264000002", LINK + "2"));
        try (PDDocument doc = Loader.loadPDF(pdf.pages(two))) {
            assertThat(doc.getNumberOfPages()).isEqualTo(2);
            assertThat(qr(doc, 1)).isEqualTo(LINK + "2");
        }
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(pdf.zip(two)))) {
            assertThat(zip.getNextEntry().getName()).isEqualTo("S000250123456264000001.pdf");
            assertThat(zip.getNextEntry().getName()).isEqualTo("S000250123456264000002.pdf");
        }
    }

    @Test
    void aMissingFontSaysWhichPackageToInstall() {
        assertThatThrownBy(() -> new CertificatePdf(Path.of("/nonexistent/font.ttc")).pages(List.of(certificate("S000250123456264000001", LINK))))
                .hasMessageContaining("fonts-wqy-zenhei");
    }
}
