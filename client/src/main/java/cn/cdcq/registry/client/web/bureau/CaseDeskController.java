package cn.cdcq.registry.client.web.bureau;

import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.cases.CaseRegistryClient;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.web.PageProblems;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.cases.Complaint;
import cn.cdcq.registry.common.cases.OverdueReport;
import cn.cdcq.registry.common.format.IsoDate;
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

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The bureau's cross-region cases: the complaints under this region's jurisdiction with their
 * state and acceptance deadline (overdue highlighted), those filed here and transferred to the
 * other region, and the decisions the cases contract gives the region with jurisdiction: accept,
 * decline with a reason and the written decision, close an accepted one with its outcome and the
 * investigation report (documents hashed here, not kept); and the bureau's overdue sweep. The
 * REST API's calls ({@code complaints/{id}/accept|decline|close}, {@code overdue/flag}) with its
 * checks, signed with the signed-in account's identity.
 */
@Controller
@RequestMapping("/bureau/cases")
public class CaseDeskController {

    private final UserGateways gateways;
    private final PageProblems problems;
    private final MessageSource messages;
    private final String region;

    public CaseDeskController(UserGateways gateways, PageProblems problems, MessageSource messages, ServiceProperties properties) {
        this.gateways = gateways;
        this.problems = problems;
        this.messages = messages;
        this.region = properties.regionCode();
    }

    @GetMapping
    String list(@AuthenticationPrincipal UserDetails user, Model model) {
        CaseRegistryClient client = client(user);
        Comparator<Complaint> order = Comparator.comparing((Complaint c) -> !c.open()).thenComparing(Complaint::acceptanceDueOn)
                .thenComparing(Complaint::filedAt, Comparator.reverseOrder());
        // The contract's list for a region holds what concerns it (filed there or under its jurisdiction): read both, once each.
        Map<String, Complaint> all = new java.util.LinkedHashMap<>();
        for (String r : List.of(region, DeskForms.otherRegion(region))) {
            client.complaints(r).forEach(c -> all.putIfAbsent(c.id(), c));
        }
        model.addAttribute("complaints", all.values().stream().filter(c -> region.equals(c.jurisdictionRegion())).sorted(order).toList());
        model.addAttribute("transferredOut", all.values().stream()
                .filter(c -> region.equals(c.filedRegion()) && !region.equals(c.jurisdictionRegion())).sorted(order).toList());
        model.addAttribute("today", IsoDate.today());
        model.addAttribute("region", region);
        return "bureau/cases";
    }

    @GetMapping("/{id}")
    String complaint(@AuthenticationPrincipal UserDetails user, @PathVariable String id, Model model) {
        Complaint c = client(user).complaint(RequestValues.ledgerId("id", id));
        model.addAttribute("c", c);
        model.addAttribute("overdue", c.overdueOn(IsoDate.today()));
        model.addAttribute("ours", region.equals(c.jurisdictionRegion()));
        model.addAttribute("declineReasons", Complaint.DeclineReason.values());
        model.addAttribute("outcomes", Complaint.Outcome.values());
        if (!model.containsAttribute("decideProblems")) {
            model.addAttribute("decideProblems", Map.of());
        }
        return "bureau/case";
    }

    @PostMapping("/{id}/accept")
    String accept(@AuthenticationPrincipal UserDetails user, @PathVariable String id, RedirectAttributes flash) {
        return decide(id, flash, () -> client(user).accept(RequestValues.ledgerId("id", id)));
    }

    @PostMapping("/{id}/decline")
    String decline(@AuthenticationPrincipal UserDetails user, @PathVariable String id, @RequestParam(required = false) String reason,
                   @RequestParam(value = "decisionDocument", required = false) MultipartFile document, RedirectAttributes flash) {
        return decide(id, flash, () -> {
            InvalidRequest.Collector collector = new InvalidRequest.Collector();
            Complaint.DeclineReason why = collector.check("reason", () -> RequestValues.enumValue(Complaint.DeclineReason.class, "reason", reason));
            String hash = collector.check("decisionDocument", () -> DeskForms.documentHash("decisionDocument", document));
            collector.throwIfAny();
            return client(user).decline(RequestValues.ledgerId("id", id), why, hash);
        });
    }

    @PostMapping("/{id}/close")
    String close(@AuthenticationPrincipal UserDetails user, @PathVariable String id, @RequestParam(required = false) String outcome,
                 @RequestParam(value = "reportDocument", required = false) MultipartFile document, RedirectAttributes flash) {
        return decide(id, flash, () -> {
            InvalidRequest.Collector collector = new InvalidRequest.Collector();
            Complaint.Outcome how = collector.check("outcome", () -> RequestValues.enumValue(Complaint.Outcome.class, "outcome", outcome));
            String hash = collector.check("reportDocument", () -> DeskForms.documentHash("reportDocument", document));
            collector.throwIfAny();
            return client(user).close(RequestValues.ledgerId("id", id), how, hash);
        });
    }

    @PostMapping("/overdue/flag")
    String flagOverdue(@AuthenticationPrincipal UserDetails user, RedirectAttributes flash) {
        try {
            OverdueReport report = client(user).flagOverdue();
            flash.addFlashAttribute("done", message("cases.flagged", report.complaints().size()));
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("listProblem", problems.of(e));
        }
        return "redirect:/bureau/cases";
    }

    private String decide(String id, RedirectAttributes flash, java.util.function.Supplier<Complaint> decision) {
        try {
            Complaint c = decision.get();
            flash.addFlashAttribute("done", message("cases.decided", c.id().substring(0, 12), message("complaint.status." + c.status())));
        } catch (InvalidRequest e) {
            flash.addFlashAttribute("decideProblems", problems.of(e));
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("decideProblem", problems.of(e));
        }
        return "redirect:/bureau/cases/" + id;
    }

    private CaseRegistryClient client(UserDetails user) {
        return gateways.client(user.getUsername(), CaseRegistryClient::new);
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
