package cn.cdcq.registry.client.web.center;

import cn.cdcq.registry.common.format.CertificateNumber;
import cn.cdcq.registry.common.format.CredentialKind;
import cn.cdcq.registry.common.format.TitleSeries;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Printable certificates: one A4 page each with what a national skill-level certificate shows
 * (issuing center, number, occupation code and name, level and its name, dates, holder as masked)
 * and a QR code that opens the verification page. The QR code is drawn as vector squares, so it
 * prints sharp at any size. The Chinese font is read at run time from the system (Debian's
 * fonts-wqy-zenhei, installed by the project's scripts) and embedded as a subset in each PDF.
 */
@Component
public class CertificatePdf {

    private static final Map<String, String> REGION_NAMES = Map.of("CD", "四川省成都市", "CQ", "重庆市");
    private static final Color INK = new Color(0x1b, 0x1f, 0x24);
    private static final Color RED = new Color(0x9b, 0x1c, 0x1c);
    private static final Color MUTED = new Color(0x56, 0x60, 0x6b);

    private final Path fontFile;

    /** The kind of the certificate, read from its number (a skill level if the number were not valid). */
    private static CredentialKind kindOf(PrintedCertificate c) {
        return CertificateNumber.isValid(c.number()) ? CertificateNumber.kindOf(c.number()) : CredentialKind.SKILL_LEVEL;
    }

    /** The level as a certificate prints it: "四级 / 中级工", "中级" (a title's grade), "合格". */
    static String levelName(CredentialKind kind, int level) {
        if (!kind.isValidLevel(level)) {
            return String.valueOf(level);
        }
        return kind == CredentialKind.SKILL_LEVEL ? kind.chineseLevelNumber(level) + " / " + kind.levelName(level)
                : kind.levelName(level);
    }

    private static String titleCase(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean start = true;
        for (char ch : text.toCharArray()) {
            out.append(start ? Character.toUpperCase(ch) : ch);
            start = ch == ' ';
        }
        return out.toString();
    }

    public CertificatePdf(@Value("${registry.pages.certificate-font:/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc}") Path fontFile) {
        this.fontFile = fontFile;
    }

    /** One PDF with a page per certificate. */
    public byte[] pages(List<PrintedCertificate> certificates) {
        if (!Files.isReadable(fontFile)) {
            throw new IllegalStateException("the certificate font " + fontFile + " is missing: install Debian's "
                    + "fonts-wqy-zenhei (scripts/start.sh does) or set registry.pages.certificate-font to a TrueType font with Chinese glyphs");
        }
        try (TrueTypeCollection collection = new TrueTypeCollection(fontFile.toFile()); PDDocument doc = new PDDocument()) {
            AtomicReference<TrueTypeFont> first = new AtomicReference<>();
            collection.processAllFonts(f -> first.compareAndSet(null, f));
            PDType0Font font = PDType0Font.load(doc, first.get(), true);
            for (PrintedCertificate c : certificates) {
                page(doc, font, c);
            }
            doc.getDocumentInformation().setTitle(certificates.size() == 1
                    ? kindOf(certificates.get(0)).chineseName() + " " + certificates.get(0).number()
                    : certificates.stream().map(c -> kindOf(c).chineseName()).distinct().collect(Collectors.joining("、"))
                    + " (" + certificates.size() + ")");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the certificate PDF", e);
        }
    }

    /** A ZIP of one PDF per certificate, each named by its number. */
    public byte[] zip(List<PrintedCertificate> certificates) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (PrintedCertificate c : certificates) {
                zip.putNextEntry(new ZipEntry(c.number() + ".pdf"));
                zip.write(pages(List.of(c)));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the ZIP of certificate PDFs", e);
        }
        return bytes.toByteArray();
    }

    private static void page(PDDocument doc, PDType0Font font, PrintedCertificate c) throws IOException {
        PDRectangle a4 = PDRectangle.A4;
        PDPage page = new PDPage(a4);
        doc.addPage(page);
        float w = a4.getWidth();
        float h = a4.getHeight();
        try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
            s.setStrokingColor(RED);
            s.setLineWidth(3f);
            s.addRect(28, 28, w - 56, h - 56);
            s.stroke();
            s.setLineWidth(0.8f);
            s.addRect(36, 36, w - 72, h - 72);
            s.stroke();

            CredentialKind kind = kindOf(c);
            centered(s, font, 28, RED, kind.chineseName(), w, h - 110);
            centered(s, font, 12, MUTED, titleCase(kind.englishName()), w, h - 132);

            // The holder's photo, when given, at the top right (a two-inch photo's 3:4 box); the
            // values beside it are made smaller if they would run into it.
            float photoW = 96;
            float photoH = 128;
            float photoX = w - 76 - photoW;
            float photoBottom = h - 170 - photoH;
            float beside = Float.MAX_VALUE;
            if (c.photo() != null) {
                PDImageXObject image = PDImageXObject.createFromByteArray(doc, c.photo(), "photo");
                float scale = Math.min(photoW / image.getWidth(), photoH / image.getHeight());
                float iw = image.getWidth() * scale;
                float ih = image.getHeight() * scale;
                s.drawImage(image, photoX + (photoW - iw) / 2, photoBottom + (photoH - ih) / 2, iw, ih);
                s.setStrokingColor(MUTED);
                s.setLineWidth(0.5f);
                s.addRect(photoX, photoBottom, photoW, photoH);
                s.stroke();
                beside = photoX - 12 - 220;
            }

            float y = h - 190;
            y = row(s, font, "证书编号", "Certificate No.", c.number(), y, y > photoBottom ? beside : Float.MAX_VALUE);
            y = row(s, font, "姓名", "Name", c.holderName(), y, y > photoBottom ? beside : Float.MAX_VALUE);
            if (!c.holderIdNumber().isEmpty()) {
                y = row(s, font, "公民身份号码", "ID number", c.holderIdNumber(), y, y > photoBottom ? beside : Float.MAX_VALUE);
            }
            String occupation = c.occupationName() == null || c.occupationName().isBlank() ? c.occupation()
                    : c.occupation() + "  " + c.occupationName();
            y = row(s, font, "职业（工种）", "Occupation", occupation, y, y > photoBottom ? beside : Float.MAX_VALUE);
            if (kind == CredentialKind.PROFESSIONAL_TITLE) {
                String series = CertificateNumber.parse(c.number()).series();
                y = row(s, font, "职称系列", "Title series", TitleSeries.chineseName(series), y);
                y = row(s, font, "级别", "Grade", levelName(kind, c.level()), y);
            } else if (kind.hasLevels()) {
                y = row(s, font, "等级", "Level", levelName(kind, c.level()), y);
            } else {
                y = row(s, font, "考核结果", "Result", levelName(kind, c.level()), y);
            }
            y = row(s, font, "发证日期", "Issued on", chineseDate(c.issueDate()), y);
            y = row(s, font, "有效期至", "Valid until", c.expiryDate() == null ? "长期有效" : chineseDate(c.expiryDate()), y);
            y = row(s, font, "发证机构", "Issuing center", c.centerName(), y);
            y = row(s, font, "统一社会信用代码", "Center USCC", c.centerId(), y);
            row(s, font, "发证地区", "Region", REGION_NAMES.getOrDefault(c.region(), c.region()), y);

            // The QR code at the bottom right with a quiet zone of more than four modules on every
            // side: no text or line comes closer, so a phone reads it from the printout.
            float qrSize = 150;
            float qrX = w - 76 - qrSize;
            float qrY = 110;
            qr(s, c.verificationLink(), qrX, qrY, qrSize);
            text(s, font, 10, INK, "扫码核验本证书", qrX, qrY - 30);
            text(s, font, 8, MUTED, "Scan to verify this certificate", qrX, qrY - 42);
            float noteWidth = qrX - 30 - 70;
            float y2 = 200;
            for (String line : List.of("本证书记录于成渝劳动者技能与信用登记许可链，", "由发证地区签名。核验：扫描二维码，",
                    "或在核验页输入证书编号。")) {
                text(s, font, 9, MUTED, fit(font, 9, line, noteWidth), 70, y2);
                y2 -= 14;
            }
            for (String line : List.of("Recorded on the Chengdu–Chongqing registry ledger,", "signed by the issuing region.",
                    "Verify: scan the QR code, or enter the number on", "the verification page.")) {
                text(s, font, 8, MUTED, fit(font, 8, line, noteWidth), 70, y2);
                y2 -= 12;
            }
        }
    }

    /** The line, cut short if it would run into the QR code's quiet zone. */
    private static String fit(PDType0Font font, float size, String line, float width) throws IOException {
        String fitted = line;
        while (fitted.length() > 1 && font.getStringWidth(fitted) / 1000 * size > width) {
            fitted = fitted.substring(0, fitted.length() - 1);
        }
        return fitted;
    }

    private static String chineseDate(String isoDate) {
        return java.time.LocalDate.parse(isoDate).format(java.time.format.DateTimeFormatter.ofPattern("yyyy年M月d日"));
    }

    private static float row(PDPageContentStream s, PDType0Font font, String label, String english, String value, float y)
            throws IOException {
        return row(s, font, label, english, value, y, Float.MAX_VALUE);
    }

    /** A row whose value is set smaller (down to 9 pt, never cut) where it would be wider than {@code width}. */
    private static float row(PDPageContentStream s, PDType0Font font, String label, String english, String value, float y,
                             float width) throws IOException {
        text(s, font, 12, MUTED, label, 80, y);
        text(s, font, 8, MUTED, english, 80, y - 12);
        String shown = value == null ? "" : value;
        float size = 14;
        while (size > 9 && font.getStringWidth(shown) / 1000 * size > width) {
            size -= 0.5f;
        }
        text(s, font, size, INK, shown, 220, y);
        return y - 40;
    }

    private static void centered(PDPageContentStream s, PDType0Font font, float size, Color color, String text, float w, float y)
            throws IOException {
        float width = font.getStringWidth(text) / 1000 * size;
        text(s, font, size, color, text, (w - width) / 2, y);
    }

    private static void text(PDPageContentStream s, PDType0Font font, float size, Color color, String text, float x, float y)
            throws IOException {
        s.beginText();
        s.setNonStrokingColor(color);
        s.setFont(font, size);
        s.newLineAtOffset(x, y);
        s.showText(text);
        s.endText();
    }

    /** The QR code as filled squares, one per dark module. */
    private static void qr(PDPageContentStream s, String content, float x, float y, float size) throws IOException {
        BitMatrix matrix = readableMatrix(content);
        int n = matrix.getWidth();
        float module = size / n;
        s.setNonStrokingColor(Color.BLACK);
        // One rectangle per run of dark modules in a row, a hair taller than a module, so no
        // anti-aliased seam appears between neighbours when the page is rendered to pixels.
        float bleed = module * 0.08f;
        for (int row = 0; row < n; row++) {
            int col = 0;
            while (col < n) {
                if (!matrix.get(col, row)) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < n && matrix.get(col, row)) {
                    col++;
                }
                s.addRect(x + start * module, y + (n - 1 - row) * module - bleed, (col - start) * module, module + bleed);
            }
        }
        s.fill();
    }

    /**
     * The QR code of the content, read back before it is printed. For some contents ZXing's own
     * detector cannot find the code its encoder chose (a mask pattern whose data modules look like
     * a fourth finder pattern: about one verification link in 200 at level M, seen in PagesIT),
     * and a phone app built on it would fail the same way on the printout. So the encoder's choice
     * is decoded from a clean image first; when that fails, the other seven mask patterns are
     * tried, then the higher error-correction levels, each read back the same way.
     */
    static BitMatrix readableMatrix(String content) {
        List<ErrorCorrectionLevel> levels = List.of(ErrorCorrectionLevel.M, ErrorCorrectionLevel.Q, ErrorCorrectionLevel.H);
        for (ErrorCorrectionLevel level : levels) {
            for (int mask = -1; mask < 8; mask++) {
                Map<EncodeHintType, Object> hints = new java.util.EnumMap<>(EncodeHintType.class);
                hints.put(EncodeHintType.ERROR_CORRECTION, level);
                hints.put(EncodeHintType.MARGIN, 0);
                hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
                if (mask >= 0) {
                    hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
                }
                BitMatrix matrix;
                try {
                    matrix = new QRCodeWriter().encode(content, com.google.zxing.BarcodeFormat.QR_CODE, 0, 0, hints);
                } catch (WriterException e) {
                    throw new IllegalArgumentException("cannot encode the verification link as a QR code: " + e.getMessage(), e);
                }
                if (content.equals(readBack(matrix))) {
                    return matrix;
                }
            }
        }
        throw new IllegalStateException("no QR code of the verification link could be read back at levels " + levels
                + " with any mask pattern");
    }

    /** The text ZXing's detector reads from the code drawn 4 pixels a module with a 4-module quiet zone, or null. */
    private static String readBack(BitMatrix matrix) {
        int scale = 4;
        int quiet = 4;
        int side = (matrix.getWidth() + 2 * quiet) * scale;
        int[] pixels = new int[side * side];
        java.util.Arrays.fill(pixels, 0xFFFFFF);
        for (int row = 0; row < matrix.getHeight(); row++) {
            for (int col = 0; col < matrix.getWidth(); col++) {
                if (matrix.get(col, row)) {
                    for (int dy = 0; dy < scale; dy++) {
                        int start = ((row + quiet) * scale + dy) * side + (col + quiet) * scale;
                        java.util.Arrays.fill(pixels, start, start + scale, 0);
                    }
                }
            }
        }
        var bitmap = new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                new com.google.zxing.RGBLuminanceSource(side, side, pixels)));
        try {
            return new com.google.zxing.qrcode.QRCodeReader().decode(bitmap).getText();
        } catch (com.google.zxing.ReaderException e) {
            return null;
        }
    }
}
