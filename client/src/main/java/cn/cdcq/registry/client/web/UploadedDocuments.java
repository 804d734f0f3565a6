package cn.cdcq.registry.client.web;

import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.common.crypto.Hashes;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A document attached to a desk's form: only its SHA-256 goes to the ledger; the file is read once and dropped. */
public final class UploadedDocuments {

    /** A page's own code (no API answers it): a form's document was not attached. */
    public static final String DOCUMENT_MISSING = "DOCUMENT_MISSING";

    private UploadedDocuments() {
    }

    /** SHA-256 (hex) of the uploaded document; refused next to {@code field} when none was attached. */
    public static String sha256(String field, MultipartFile document) {
        if (document == null || document.isEmpty()) {
            throw new InvalidRequest(field, DOCUMENT_MISSING,
                    "attach the signed document: only its SHA-256 goes to the ledger, the file is not kept");
        }
        try {
            return Hashes.sha256Hex(document.getBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
