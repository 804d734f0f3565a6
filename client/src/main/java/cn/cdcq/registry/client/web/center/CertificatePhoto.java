package cn.cdcq.registry.client.web.center;

import cn.cdcq.registry.client.api.InvalidRequest;
import org.springframework.web.multipart.MultipartFile;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The holder's optional photo for the printable certificate, as the clerk uploads it: a JPEG or
 * PNG of at most {@link #MAX_BYTES} that decodes as an image. It is embedded in the PDF and
 * nothing else: kept in memory with the hand-out (see {@link Handouts}), never written to disk,
 * logged or sent to the ledger.
 */
final class CertificatePhoto {

    /** The service's own multipart limit for one file (Spring Boot's default, 1 MB). */
    static final int MAX_BYTES = 1024 * 1024;
    /** A page's own codes (no API answers them). */
    static final String PHOTO_INVALID = "PHOTO_INVALID";
    static final String PHOTO_TOO_LARGE = "PHOTO_TOO_LARGE";

    private CertificatePhoto() {
    }

    /** The photo's bytes, or null when none was chosen. */
    static byte[] checked(String field, MultipartFile file) {
        if (file == null || file.isEmpty()) {
            return null;
        }
        if (file.getSize() > MAX_BYTES) {
            throw new InvalidRequest(field, PHOTO_TOO_LARGE, "the photo has " + file.getSize() + " bytes; at most " + MAX_BYTES);
        }
        byte[] bytes;
        try {
            bytes = file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean jpeg = bytes.length > 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff;
        boolean png = bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
        if (!jpeg && !png) {
            throw new InvalidRequest(field, PHOTO_INVALID, "the photo must be a JPEG or PNG image");
        }
        try {
            if (ImageIO.read(new ByteArrayInputStream(bytes)) == null) {
                throw new InvalidRequest(field, PHOTO_INVALID, "the photo cannot be read as an image");
            }
        } catch (IOException e) {
            throw new InvalidRequest(field, PHOTO_INVALID, "the photo cannot be read as an image");
        }
        return bytes;
    }
}
