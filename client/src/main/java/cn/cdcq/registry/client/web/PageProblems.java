package cn.cdcq.registry.client.web;

import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.common.InvalidInputException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The service's refusals (the same problem codes the API answers) as a page shows them: each
 * next to the field it names, in the page's language. The text for a code comes from the message
 * bundle ({@code problem.CODE}); the service's own detail, written in English, is shown as well
 * when the page is in English, since it says exactly what was wrong.
 */
@Component
public class PageProblems {

    private final MessageSource messages;

    public PageProblems(MessageSource messages) {
        this.messages = messages;
    }

    /** One problem as shown: the field it names (or "" for the whole form) and the text. */
    public record Shown(String field, String code, String text) {
    }

    /** Field name to problem, in the order the service named them (first per field). */
    public Map<String, Shown> of(InvalidRequest e) {
        Map<String, Shown> byField = new LinkedHashMap<>();
        for (InvalidRequest.FieldProblem p : e.problems()) {
            byField.putIfAbsent(p.field(), shown(p.field(), p.code(), p.message()));
        }
        return byField;
    }

    /** A refusal that is not about one field: the ledger's, or a single invalid value. */
    public Shown of(RuntimeException e) {
        if (e instanceof InvalidRequest invalid && !invalid.problems().isEmpty()) {
            return of(invalid).values().iterator().next();
        }
        if (e instanceof InvalidInputException invalid) {
            return shown("", invalid.getCode(), invalid.getMessage());
        }
        if (e instanceof org.springframework.web.server.ResponseStatusException status && status.getStatusCode().value() == 404) {
            return shown("", ErrorCode.NOT_FOUND.name(), status.getReason());
        }
        if (e instanceof LedgerException ledger) {
            return shown("", ledger.code(), ledger.getMessage());
        }
        return shown("", "UNEXPECTED", e.getMessage());
    }

    public List<Shown> list(InvalidRequest e) {
        return List.copyOf(of(e).values());
    }

    Shown shown(String field, String code, String detail) {
        return new Shown(field, code, explain(code, detail));
    }

    /** A field's name as the page's forms label it ({@code field.NAME} in the bundle), or the name itself. */
    public String label(String field) {
        return messages.getMessage("field." + field, null, field, LocaleContextHolder.getLocale());
    }

    /** The text for problem {@code code} in the page's language, with the service's detail when in English. */
    public String explain(String code, String detail) {
        Locale locale = LocaleContextHolder.getLocale();
        String text = messages.getMessage("problem." + code, null, null, locale);
        if (text == null) {
            text = messages.getMessage("problem.OTHER", null, "refused", locale);
        }
        if ("en".equals(locale.getLanguage()) && detail != null && !detail.isBlank()) {
            text = text + " " + detail;
        }
        return text;
    }
}
