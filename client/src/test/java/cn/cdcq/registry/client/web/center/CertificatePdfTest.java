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
