package cn.cdcq.registry.client.web.bureau;

import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.cases.CaseController;
import cn.cdcq.registry.client.cases.CaseRegistryClient;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.web.PageProblems;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.cases.WorkingCalendar;
import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.settings.SettingProposal;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings neither region changes alone (contract settings): the working-day calendar and the
 * case deadlines. What is in force (the deadlines, this year's and the next year's calendar),
 * what is pending (the other region's proposals to accept or decline with a reason, this region's
 * awaiting the other), the latest decided, and a proposal of either. The API's calls
 * ({@code PUT calendar}, {@code PUT case-settings}, {@code setting-proposals/{id}/accept}) with its
 * checks ({@link CaseController#validatedCalendar}, {@link CaseController#checkCaseSettings}), and
 * the decline through the same client, signed with the signed-in account's identity.
 */
@Controller
@RequestMapping("/bureau/settings")
public class SettingsDeskController {

    static final int DECIDED_SHOWN = 8;

    private final UserGateways gateways;
    private final PageProblems problems;
    private final MessageSource messages;
    private final String region;

    public SettingsDeskController(UserGateways gateways, PageProblems problems, MessageSource messages, ServiceProperties properties) {
        this.gateways = gateways;
        this.problems = problems;
        this.messages = messages;
        this.region = properties.regionCode();
    }

    /** A year's calendar in force, or null when none is. */
    public record YearInForce(int year, WorkingCalendar calendar) {
    }

    @GetMapping
    String page(@AuthenticationPrincipal UserDetails user, Model model) {
        CaseRegistryClient client = client(user);
        int year = IsoDate.today().getYear();
        model.addAttribute("region", region);
        model.addAttribute("year", year);
        model.addAttribute("caseSettings", client.caseSettings());
        List<YearInForce> years = new ArrayList<>();
        for (int y = year; y <= year + 1; y++) {
            years.add(new YearInForce(y, calendarOrNull(client, y)));
        }
        model.addAttribute("years", years);
        List<SettingProposal> all = client.settingProposals(null);
        model.addAttribute("pending", all.stream().filter(p -> SettingProposal.PROPOSED.equals(p.status()))
                .sorted(Comparator.comparing(SettingProposal::proposedAt).reversed()).toList());
        model.addAttribute("decided", all.stream().filter(p -> !SettingProposal.PROPOSED.equals(p.status()))
                .sorted(Comparator.comparing((SettingProposal p) -> p.decidedAt() == null ? "" : p.decidedAt()).reversed())
                .limit(DECIDED_SHOWN).toList());
        for (String attribute : List.of("calendarProblems", "caseProblems", "calendarForm", "caseForm")) {
            if (!model.containsAttribute(attribute)) {
                model.addAttribute(attribute, Map.of());
            }
        }
        return "bureau/settings";
    }

    @PostMapping("/calendar")
    String proposeCalendar(@AuthenticationPrincipal UserDetails user, @RequestParam(required = false) String year,
                           @RequestParam(required = false) String holidays, @RequestParam(required = false) String adjustedWorkingDays,
                           RedirectAttributes flash) {
        try {
            Integer y = DeskForms.wholeNumber("year", year);
            WorkingCalendar calendar = CaseController.validatedCalendar(y, DeskForms.lines(holidays), DeskForms.lines(adjustedWorkingDays));
            SettingProposal p = client(user).proposeCalendar(calendar);
            flash.addFlashAttribute("done", message("settings.proposed", p.id().substring(0, 12)));
            return "redirect:/bureau/settings";
        } catch (InvalidRequest e) {
            flash.addFlashAttribute("calendarProblems", DeskForms.byControl(problems.of(e)));
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("calendarProblem", problems.of(e));
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("year", year == null ? "" : year);
        form.put("holidays", holidays == null ? "" : holidays);
        form.put("adjustedWorkingDays", adjustedWorkingDays == null ? "" : adjustedWorkingDays);
        flash.addFlashAttribute("calendarForm", form);
        return "redirect:/bureau/settings#propose-calendar";
    }

    @PostMapping("/case-settings")
    String proposeCaseSettings(@AuthenticationPrincipal UserDetails user, @RequestParam(required = false) String acceptanceWorkingDays,
                               @RequestParam(required = false) String assistWorkingDays, RedirectAttributes flash) {
        try {
            InvalidRequest.Collector collector = new InvalidRequest.Collector();
            Integer acceptance = collector.check("acceptanceWorkingDays", () -> DeskForms.wholeNumber("acceptanceWorkingDays",
                    acceptanceWorkingDays));
            Integer assist = collector.check("assistWorkingDays", () -> DeskForms.wholeNumber("assistWorkingDays", assistWorkingDays));
            collector.throwIfAny();
            CaseController.checkCaseSettings(acceptance, assist);
            SettingProposal p = client(user).proposeCaseSettings(acceptance, assist);
            flash.addFlashAttribute("done", message("settings.proposed", p.id().substring(0, 12)));
            return "redirect:/bureau/settings";
        } catch (InvalidRequest e) {
            flash.addFlashAttribute("caseProblems", problems.of(e));
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("caseProblem", problems.of(e));
        }
        flash.addFlashAttribute("caseForm", Map.of("acceptanceWorkingDays", String.valueOf(acceptanceWorkingDays),
                "assistWorkingDays", String.valueOf(assistWorkingDays)));
        return "redirect:/bureau/settings#propose-case-settings";
    }

    @PostMapping("/proposals/{id}/accept")
    String accept(@AuthenticationPrincipal UserDetails user, @PathVariable String id, RedirectAttributes flash) {
        try {
            SettingProposal p = client(user).acceptSetting(RequestValues.ledgerId("id", id));
            flash.addFlashAttribute("done", message("settings.accepted", p.id().substring(0, 12)));
            return "redirect:/bureau/settings";
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("pendingProblem", problems.of(e));
            flash.addFlashAttribute("problemId", id);
        }
        return "redirect:/bureau/settings#pending";
    }

    @PostMapping("/proposals/{id}/decline")
    String decline(@AuthenticationPrincipal UserDetails user, @PathVariable String id, @RequestParam(required = false) String reason,
                   RedirectAttributes flash) {
        return decideWithReason(id, reason, flash, "settings.declined", (ledgerId, why) -> client(user).declineSetting(ledgerId, why));
    }

    /** This region withdraws its own proposal while the other region has not decided it. */
    @PostMapping("/proposals/{id}/withdraw")
    String withdraw(@AuthenticationPrincipal UserDetails user, @PathVariable String id, @RequestParam(required = false) String reason,
                    RedirectAttributes flash) {
        return decideWithReason(id, reason, flash, "settings.withdrawn", (ledgerId, why) -> client(user).withdrawSetting(ledgerId, why));
    }

    /** A decision on a proposal that takes a written reason (decline, withdraw): checked, made, and said. */
    private String decideWithReason(String id, String reason, RedirectAttributes flash, String doneMessage,
                                    java.util.function.BiFunction<String, String, SettingProposal> decision) {
        try {
            SettingProposal p = decision.apply(RequestValues.ledgerId("id", id), RequestValues.text("reason", reason));
            flash.addFlashAttribute("done", message(doneMessage, p.id().substring(0, 12)));
            return "redirect:/bureau/settings";
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("pendingProblem", problems.of(e));
            flash.addFlashAttribute("problemId", id);
        }
        return "redirect:/bureau/settings#pending";
    }

    private static WorkingCalendar calendarOrNull(CaseRegistryClient client, int year) {
        try {
            return client.calendar(year);
        } catch (LedgerException e) {
            if (ErrorCode.NOT_FOUND.name().equals(e.code())) {
                return null;
            }
            throw e;
        }
    }

    private CaseRegistryClient client(UserDetails user) {
        return gateways.client(user.getUsername(), CaseRegistryClient::new);
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
