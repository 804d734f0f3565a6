package cn.cdcq.registry.client.web.bureau;

import cn.cdcq.registry.client.web.UploadedDocuments;

import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.web.PageProblems;
import cn.cdcq.registry.common.credit.CreditInputs;
import org.springframework.web.multipart.MultipartFile;

import java.util.Arrays;
import java.util.List;

/**
 * What the bureau's forms share before the API's own checks: a document hashed and not kept (only
 * its SHA-256 goes to the ledger, as at the inspector's desk), a whole number typed into a field,
 * a list of dates or pseudonyms typed one per line.
 */
final class DeskForms {

    /** A page's own code (no API answers it): a form's document was not attached. */
    static final String DOCUMENT_MISSING = UploadedDocuments.DOCUMENT_MISSING;

    private DeskForms() {
    }

    static String otherRegion(String region) {
        return "CD".equals(region) ? "CQ" : "CD";
    }

    /** SHA-256 (hex) of an uploaded document; the file itself is read once and dropped. */
    static String documentHash(String field, MultipartFile document) {
        return UploadedDocuments.sha256(field, document);
    }

    /** A whole number typed into {@code field}; null when left empty. */
    static Integer wholeNumber(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequest(field, CreditInputs.INVALID_VALUE, "'" + value.strip() + "' is not a whole number");
        }
    }

    /** Values typed one per line (or separated by commas or spaces), blanks dropped. */
    static List<String> lines(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split("[\\s,，、]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Problems by the form control they belong next to (first per control). */
    static java.util.Map<String, PageProblems.Shown> byControl(java.util.Map<String, PageProblems.Shown> byField) {
        java.util.Map<String, PageProblems.Shown> out = new java.util.LinkedHashMap<>();
        byField.forEach((field, shown) -> out.putIfAbsent(control(field), shown));
        return out;
    }

    /** The field a problem names, without an index: {@code holidays[2]} is shown next to {@code holidays}. */
    static String control(String field) {
        int bracket = field.indexOf('[');
        return bracket < 0 ? field : field.substring(0, bracket);
    }
}
