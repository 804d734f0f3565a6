package cn.cdcq.registry.client.web.bureau;

import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.certificate.AccreditationClient;
import cn.cdcq.registry.client.certificate.AccreditationController;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.web.KindLevel;
import cn.cdcq.registry.client.web.PageProblems;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.certificate.Accreditation;
import cn.cdcq.registry.common.certificate.AccreditationRequest;
import cn.cdcq.registry.common.certificate.AccreditationScope;
import cn.cdcq.registry.common.certificate.ReasonCodes;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bureau's accreditation of training and evaluation centers: this region's accreditations
 * with their status; accredit a center (name, validity window, up to three occupations each with
 * the most advanced level it may certify); suspend, reinstate or revoke one. The REST API's calls
 * ({@code POST /api/v1/accreditations}, {@code .../suspend|reinstate|revoke}) with its own checks
 * ({@link AccreditationController#validated}), signed with the signed-in account's identity.
 */
@Controller
@RequestMapping("/bureau/accreditations")
public class AccreditationDeskController {

    static final int SCOPE_ROWS = 3;
    static final Map<String, List<String>> STATUS_REASONS = BureauDeskController.statusReasons(
            ReasonCodes.ACCREDITATION_SUSPEND, ReasonCodes.ACCREDITATION_REINSTATE, ReasonCodes.ACCREDITATION_REVOKE);

    private final UserGateways gateways;
    private final PageProblems problems;
    private final MessageSource messages;
    private final ServiceProperties properties;

    public AccreditationDeskController(UserGateways gateways, PageProblems problems, MessageSource messages,
                                       ServiceProperties properties) {
        this.gateways = gateways;
        this.problems = problems;
        this.messages = messages;
        this.properties = properties;
    }

    @GetMapping
    String page(@AuthenticationPrincipal UserDetails user, Model model) {
        List<Accreditation> accreditations = List.of();
        try {
            accreditations = client(user).accreditations(properties.regionCode());
        } catch (LedgerException e) {
            model.addAttribute("listProblem", problems.of(e));
        }
        model.addAttribute("accreditations", accreditations);
        model.addAttribute("region", properties.regionCode());
        model.addAttribute("scopeRows", SCOPE_ROWS);
        model.addAttribute("statusReasons", STATUS_REASONS);
        model.addAttribute("today", IsoDate.today().toString());
        if (!model.containsAttribute("accreditProblems")) {
            model.addAttribute("accreditProblems", Map.of());
        }
        if (!model.containsAttribute("accreditForm")) {
            model.addAttribute("accreditForm", Map.of());
        }
        return "bureau/accreditations";
    }

    @PostMapping
    String accredit(@AuthenticationPrincipal UserDetails user, @RequestParam Map<String, String> form, RedirectAttributes flash) {
        List<AccreditationScope> scopes = new ArrayList<>();
        List<Integer> rowOfScope = new ArrayList<>();
        try {
            for (int i = 0; i < SCOPE_ROWS; i++) {
                String occupation = form.getOrDefault("occupation" + i, "").strip();
                String level = form.getOrDefault("highestLevel" + i, "").strip();
                if (occupation.isEmpty() && (i > 0 || level.isEmpty())) {
                    continue;
                }
                KindLevel highest = KindLevel.parse("highestLevel" + i, level);
                scopes.add(new AccreditationScope(occupation, highest.level(), highest.kind()));
                rowOfScope.add(i);
            }
            AccreditationRequest request = AccreditationController.validated(new AccreditationRequest(
                    form.getOrDefault("centerId", "").strip().toUpperCase(java.util.Locale.ROOT), form.getOrDefault("name", "").strip(),
                    scopes, form.get("validFrom"), form.get("validTo")), null);
            Accreditation done = client(user).accredit(request);
            flash.addFlashAttribute("done", message("accreditation.granted", done.name(), done.centerId()));
        } catch (InvalidRequest e) {
            flash.addFlashAttribute("accreditProblems", byFormField(problems.of(e), rowOfScope));
            flash.addFlashAttribute("accreditForm", form);
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("accreditProblem", problems.of(e));
            flash.addFlashAttribute("accreditForm", form);
        }
        return "redirect:/bureau/accreditations";
    }

    @PostMapping("/status")
    String changeStatus(@AuthenticationPrincipal UserDetails user, @RequestParam String centerId, @RequestParam String action,
                        @RequestParam String reasonCode, @RequestParam String reason, RedirectAttributes flash) {
        try {
            List<String> allowed = STATUS_REASONS.get(action);
            if (allowed == null) {
                throw new InvalidRequest("action", ErrorCode.INVALID_INPUT.name(), "action must be SUSPEND, REINSTATE or REVOKE");
            }
            String center = RequestValues.uscc("centerId", centerId.strip().toUpperCase(java.util.Locale.ROOT));
            String code = RequestValues.reasonCode("reasonCode", action.toLowerCase(java.util.Locale.ROOT) + " an accreditation",
                    reasonCode, allowed);
            String text = RequestValues.text("reason", reason);
            AccreditationClient client = client(user);
            Accreditation changed = switch (action) {
                case "SUSPEND" -> client.suspend(center, code, text);
                case "REINSTATE" -> client.reinstate(center, code, text);
                default -> client.revoke(center, code, text);
            };
            flash.addFlashAttribute("done", message("accreditation.changed", changed.name(),
                    message("accreditation.status." + changed.status().name())));
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("statusProblem", problems.of(e));
        }
        return "redirect:/bureau/accreditations";
    }

    /**
     * The API names a scope's field {@code scopes[N].occupation}; the form's control for it is
     * {@code occupationR}, R the form row the scope came from (empty rows are skipped).
     */
    private static Map<String, PageProblems.Shown> byFormField(Map<String, PageProblems.Shown> shown, List<Integer> rowOfScope) {
        Map<String, PageProblems.Shown> out = new LinkedHashMap<>();
        java.util.regex.Pattern scope = java.util.regex.Pattern.compile("scopes\\[(\\d+)]\\.(\\w+)");
        shown.forEach((field, problem) -> {
            var m = scope.matcher(field);
            String control = field;
            if (field.equals("scopes")) {
                control = "occupation0";
            } else if (m.matches()) {
                int index = Integer.parseInt(m.group(1));
                // the kind is chosen in the level's list (KindLevel), so its problem shows there
                String name = m.group(2).equals("kind") ? "highestLevel" : m.group(2);
                control = name + (index < rowOfScope.size() ? rowOfScope.get(index) : index);
            }
            out.putIfAbsent(control, problem);
        });
        return out;
    }

    private AccreditationClient client(UserDetails user) {
        return gateways.client(user.getUsername(), AccreditationClient::new);
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
