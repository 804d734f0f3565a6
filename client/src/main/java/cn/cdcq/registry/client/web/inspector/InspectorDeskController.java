package cn.cdcq.registry.client.web.inspector;

import cn.cdcq.registry.client.web.UploadedDocuments;

import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.client.cases.CaseRegistryClient;
import cn.cdcq.registry.client.credit.CreditRegistryClient;
import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.client.web.PageFormats;
import cn.cdcq.registry.client.web.PageProblems;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.cases.AssistRequest;
import cn.cdcq.registry.common.profile.CreditProfile;
import cn.cdcq.registry.common.credit.CrossRegionNotice;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.credit.ViolationInput;
import cn.cdcq.registry.common.credit.ViolationStatus;
import cn.cdcq.registry.common.credit.ViolationType;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The inspector's desk (bureau staff may use it too): the inbox of cross-region items addressed
 * to this region (notices to acknowledge, assist requests to answer) with due dates, overdue ones
 * highlighted; an enterprise's credit profile across both regions on one page; recording a
 * violation. Each action is the same typed-client call, signed with the signed-in account's own
 * identity, as the REST API's ({@code notices/{id}/acknowledge}, {@code assist-requests/{id}/answer},
 * {@code violations}). A document (decision, answer) is hashed here and not kept: only its
 * SHA-256 goes to the ledger.
 */
@Controller
@RequestMapping("/inspector")
public class InspectorDeskController {

    private final UserGateways gateways;
    private final PageProblems problems;
    private final MessageSource messages;
    private final String region;

    public InspectorDeskController(UserGateways gateways, PageProblems problems, MessageSource messages,
                                   ServiceProperties properties) {
        this.gateways = gateways;
        this.problems = problems;
        this.messages = messages;
        this.region = properties.regionCode();
    }

    /** A row of the inbox. */
    public record InboxRow(String kind, String id, String uscc, String fromRegion, String dueOn, boolean major,
                           boolean done, boolean overdue, String doneAt) {
    }

    @GetMapping
    String inbox(@AuthenticationPrincipal UserDetails user, Model model) {
        LocalDate today = IsoDate.today();
        List<CrossRegionNotice> notices = credit(user).notices(region, false);
        List<AssistRequest> assists = cases(user).assistRequests(region).stream()
                .filter(a -> region.equals(a.toRegion())).toList();
        List<InboxRow> rows = new java.util.ArrayList<>();
        for (CrossRegionNotice n : notices) {
            boolean done = n.acknowledgedAt() != null;
            rows.add(new InboxRow("NOTICE", n.violationId(), n.uscc(), n.fromRegion(), n.dueOn(), n.major(), done,
                    !done && today.isAfter(LocalDate.parse(n.dueOn())), n.acknowledgedAt()));
        }
        for (AssistRequest a : assists) {
            boolean done = a.status() != AssistRequest.Status.OPEN;
            rows.add(new InboxRow("ASSIST", a.id(), a.uscc(), a.fromRegion(), a.dueOn(), false, done,
                    a.overdueOn(today), a.answeredOn()));
        }
        rows.sort(Comparator.comparing(InboxRow::done).thenComparing(InboxRow::dueOn));
        model.addAttribute("rows", rows);
        model.addAttribute("overdueCount", rows.stream().filter(InboxRow::overdue).count());
        model.addAttribute("types", ViolationType.values());
        model.addAttribute("today", today.toString());
        return "inspector/inbox";
    }

    @PostMapping("/notices/{violationId}/acknowledge")
    String acknowledge(@AuthenticationPrincipal UserDetails user, @PathVariable String violationId, RedirectAttributes flash) {
        try {
            credit(user).acknowledgeNotice(RequestValues.ledgerId("violationId", violationId));
            flash.addFlashAttribute("done", messages.getMessage("inspector.acknowledged", new Object[]{violationId.substring(0, 12)},
                    LocaleContextHolder.getLocale()));
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("actionProblem", problems.of(e));
            flash.addFlashAttribute("problemId", violationId);
        }
        return "redirect:/inspector";
    }

    @PostMapping("/assist-requests/{id}/answer")
    String answer(@AuthenticationPrincipal UserDetails user, @PathVariable String id,
                  @RequestParam(value = "document", required = false) MultipartFile document, RedirectAttributes flash)
            throws IOException {
        try {
            String hash = documentHash("document", document);
            cases(user).answerAssist(RequestValues.ledgerId("id", id), hash);
            flash.addFlashAttribute("done", messages.getMessage("inspector.answered", new Object[]{id.substring(0, 12)},
                    LocaleContextHolder.getLocale()));
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("actionProblem", problems.of(e));
            flash.addFlashAttribute("problemId", id);
        }
        return "redirect:/inspector";
    }

    @GetMapping("/enterprises")
    String findEnterprise(@RequestParam String uscc) {
        return "redirect:/inspector/enterprises/" + uscc.strip().toUpperCase(Locale.ROOT);
    }

    @GetMapping("/enterprises/{uscc}")
    String profile(@AuthenticationPrincipal UserDetails user, @PathVariable String uscc, Model model) {
        CreditProfile profile = credit(user).profile(RequestValues.uscc("uscc", uscc));
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute("profile", profile);
        model.addAttribute("chart", RatingChart.svg(profile.ratings(),
                code -> messages.getMessage("region." + code, null, code, locale),
                messages.getMessage("inspector.chart.title", null, locale)));
        model.addAttribute("timeline", profile.violations().stream()
                .sorted(Comparator.comparing(Violation::decisionDate).reversed()).toList());
        model.addAttribute("today", IsoDate.today().toString());
        return "inspector/profile";
    }

    @PostMapping("/violations")
    String recordViolation(@AuthenticationPrincipal UserDetails user, @RequestParam Map<String, String> form,
                           @RequestParam(value = "document", required = false) MultipartFile document, Model model,
                           RedirectAttributes flash) throws IOException {
        InvalidRequest.Collector collector = new InvalidRequest.Collector();
        String uscc = collector.check("uscc", () -> RequestValues.uscc("uscc", form.get("uscc")));
        ViolationType type = collector.check("type", () -> RequestValues.enumValue(ViolationType.class, "type", form.get("type")));
        Long amount = collector.check("amount", () -> RequestValues.fen("amount", yuanToFen(form.get("amount"))));
        Integer workers = collector.check("workersAffected", () -> {
            try {
                return Integer.valueOf(form.getOrDefault("workersAffected", "").strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException(ErrorCode.INVALID_INPUT.name(), "workersAffected: give a whole number");
            }
        });
        String date = collector.check("decisionDate", () -> RequestValues.date("decisionDate", form.get("decisionDate")));
        String hash = collector.check("document", () -> {
            try {
                return documentHash("document", document);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ViolationStatus status = "PENALIZED".equals(form.get("status")) ? ViolationStatus.PENALIZED : ViolationStatus.OPEN;
        try {
            collector.throwIfAny();
            Violation v = credit(user).recordViolation(new ViolationInput(uscc, type, amount, workers, date, hash,
                    form.containsKey("major"), form.containsKey("massIncident"), status));
            flash.addFlashAttribute("done", messages.getMessage("inspector.recorded", new Object[]{v.id().substring(0, 12)},
                    LocaleContextHolder.getLocale()));
            return "redirect:/inspector/enterprises/" + v.uscc();
        } catch (InvalidRequest e) {
            flash.addFlashAttribute("violationProblems", problems.of(e));
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("violationProblem", problems.of(e));
        }
        flash.addFlashAttribute("violationForm", form);
        return "redirect:/inspector#record-violation";
    }

    private static BigDecimal yuanToFen(String yuan) {
        try {
            return new BigDecimal(yuan == null ? "" : yuan.strip().replace(",", "")).movePointRight(2);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(ErrorCode.INVALID_INPUT.name(), "amount: give the amount in yuan, e.g. 12500.00");
        }
    }

    private static String documentHash(String field, MultipartFile document) throws IOException {
        return UploadedDocuments.sha256(field, document);
    }

    private CreditRegistryClient credit(UserDetails user) {
        return gateways.client(user.getUsername(), CreditRegistryClient::new);
    }

    private CaseRegistryClient cases(UserDetails user) {
        return gateways.client(user.getUsername(), CaseRegistryClient::new);
    }
}
