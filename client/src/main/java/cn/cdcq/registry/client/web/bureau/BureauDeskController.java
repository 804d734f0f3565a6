package cn.cdcq.registry.client.web.bureau;

import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.client.certificate.CertificateClient;
import cn.cdcq.registry.client.certificate.RecognitionClient;
import cn.cdcq.registry.client.certificate.RecognitionController;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.AccountRole;
import cn.cdcq.registry.client.identity.Accounts;
import cn.cdcq.registry.client.identity.NewAccount;
import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.client.web.KindLevel;
import cn.cdcq.registry.client.web.PageProblems;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.certificate.CertificateStatus;
import cn.cdcq.registry.common.certificate.CertificateStatusRequest;
import cn.cdcq.registry.common.certificate.ReasonCodes;
import cn.cdcq.registry.common.certificate.RecognitionRule;
import cn.cdcq.registry.common.certificate.RecognitionRuleProposal;
import cn.cdcq.registry.common.format.CertificateNumber;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
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

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bureau's desk: a certificate of this region suspended, reinstated or revoked; the
 * recognition catalogue (propose a rule, accept the other region's proposal, withdraw); and, for
 * the bureau administrator, the service's accounts. Each action is the REST API's call
 * ({@code certificates/{n}/suspend|reinstate|revoke}, {@code recognition-rules}, {@code accounts}),
 * with the same checks, signed with the signed-in account's identity. It links to the bureau's
 * other pages: accreditation, cases, ratings, the blacklist, spot checks and the shared settings
 * (one controller each in this package).
 */
@Controller
@RequestMapping("/bureau")
public class BureauDeskController {

    private final UserGateways gateways;
    private final Accounts accounts;
    private final PageProblems problems;
    private final MessageSource messages;
    private final ServiceProperties properties;

    public BureauDeskController(UserGateways gateways, Accounts accounts, PageProblems problems, MessageSource messages,
                                ServiceProperties properties) {
        this.gateways = gateways;
        this.accounts = accounts;
        this.problems = problems;
        this.messages = messages;
        this.properties = properties;
    }

    static final Map<String, List<String>> STATUS_REASONS = statusReasons(ReasonCodes.CERTIFICATE_SUSPEND,
            ReasonCodes.CERTIFICATE_REINSTATE, ReasonCodes.CERTIFICATE_REVOKE);

    /** Each action with the API's reason codes for it, in the order the forms offer them (fragments :: statusChangeFields). */
    static Map<String, List<String>> statusReasons(List<String> suspend, List<String> reinstate, List<String> revoke) {
        Map<String, List<String>> reasons = new java.util.LinkedHashMap<>();
        reasons.put("SUSPEND", suspend);
        reasons.put("REINSTATE", reinstate);
        reasons.put("REVOKE", revoke);
        return java.util.Collections.unmodifiableMap(reasons);
    }

    @GetMapping
    String desk(Authentication user, Model model) {
        List<RecognitionRule> rules = gateways.client(user.getName(), RecognitionClient::new).rules();
        model.addAttribute("rules", rules);
        model.addAttribute("region", properties.regionCode());
        model.addAttribute("otherRegion", "CD".equals(properties.regionCode()) ? "CQ" : "CD");
        model.addAttribute("statusReasons", STATUS_REASONS);
        model.addAttribute("statusRequests", gateways.client(user.getName(), CertificateClient::new)
                .pendingStatusRequests(properties.regionCode()));
        boolean admin = user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_BUREAU_ADMIN"));
        model.addAttribute("admin", admin);
        if (admin) {
            model.addAttribute("accounts", accounts.all().stream().filter(a -> a.role() != AccountRole.PUBLIC_READER).toList());
            model.addAttribute("roles", List.of(AccountRole.TRAINING_CENTER, AccountRole.INSPECTOR, AccountRole.BUREAU));
        }
        return "bureau/desk";
    }

    @PostMapping("/certificates/status")
    String changeStatus(@AuthenticationPrincipal UserDetails user, @RequestParam String number, @RequestParam String action,
                        @RequestParam String reasonCode, @RequestParam String reason, RedirectAttributes flash) {
        try {
            List<String> allowed = STATUS_REASONS.get(action);
            if (allowed == null) {
                throw new InvalidRequest("action", ErrorCode.INVALID_INPUT.name(), "action must be SUSPEND, REINSTATE or REVOKE");
            }
            String valid = InvalidRequest.check("number", () -> CertificateNumber.validate(number.strip().toUpperCase(Locale.ROOT)));
            String code = InvalidRequest.check("reasonCode", () -> ReasonCodes.require(action.toLowerCase(Locale.ROOT)
                    + " a certificate", reasonCode, allowed));
            String text = InvalidRequest.check("reason", () -> ReasonCodes.requireText("reason", reason));
            CertificateClient client = gateways.client(user.getUsername(), CertificateClient::new);
            var changed = switch (action) {
                case "SUSPEND" -> client.suspend(valid, code, text);
                case "REINSTATE" -> client.reinstate(valid, code, text);
                default -> client.revoke(valid, code, text);
            };
            flash.addFlashAttribute("done", message("bureau.statusChanged", changed.number(), message("status." + changed.status())));
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("statusProblem", problems.of(e));
        }
        return "redirect:/bureau";
    }

    /**
     * Carries out a center's pending request: the status change it asked for, with the center's
     * reason code and the bureau's own words; the ledger closes the request with it.
     */
    @PostMapping("/status-requests/{number}/carry-out")
    String carryOut(@AuthenticationPrincipal UserDetails user, @PathVariable String number, @RequestParam String reason,
                    RedirectAttributes flash) {
        try {
            String valid = InvalidRequest.check("number", () -> CertificateNumber.validate(number.strip().toUpperCase(Locale.ROOT)));
            String text = InvalidRequest.check("reason", () -> ReasonCodes.requireText("reason", reason));
            CertificateClient client = gateways.client(user.getUsername(), CertificateClient::new);
            CertificateStatusRequest request = client.statusRequest(valid);
            var changed = request.asked() == CertificateStatus.SUSPENDED
                    ? client.suspend(valid, request.reasonCode(), text)
                    : client.revoke(valid, request.reasonCode(), text);
            flash.addFlashAttribute("done", message("bureau.statusChanged", changed.number(), message("status." + changed.status())));
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("requestProblem", problems.of(e));
        }
        return "redirect:/bureau";
    }

    @PostMapping("/status-requests/{number}/decline")
    String declineRequest(@AuthenticationPrincipal UserDetails user, @PathVariable String number,
                          @RequestParam String reason, RedirectAttributes flash) {
        try {
            String valid = InvalidRequest.check("number", () -> CertificateNumber.validate(number.strip().toUpperCase(Locale.ROOT)));
            String text = InvalidRequest.check("reason", () -> ReasonCodes.requireText("reason", reason));
            gateways.client(user.getUsername(), CertificateClient::new).declineStatusRequest(valid, text);
            flash.addFlashAttribute("done", message("bureau.requestDeclined", valid));
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("requestProblem", problems.of(e));
        }
        return "redirect:/bureau";
    }

    @PostMapping("/recognition-rules")
    String propose(@AuthenticationPrincipal UserDetails user, @RequestParam String occupation, @RequestParam String minimumLevel,
                   @RequestParam String effectiveFrom, @RequestParam(required = false) String effectiveTo,
                   @RequestParam String direction, RedirectAttributes flash) {
        String other = "CD".equals(properties.regionCode()) ? "CQ" : "CD";
        boolean theirsHere = "IN".equals(direction);
        try {
            KindLevel level = KindLevel.parse("minimumLevel", minimumLevel);
            RecognitionRuleProposal proposal = RecognitionController.validated(new RecognitionRuleProposal(occupation.strip(),
                    level.level(), theirsHere ? other : properties.regionCode(), theirsHere ? properties.regionCode() : other,
                    effectiveFrom, effectiveTo == null || effectiveTo.isBlank() ? null : effectiveTo, level.kind()));
            RecognitionRule rule = gateways.client(user.getUsername(), RecognitionClient::new).proposeRule(proposal);
            flash.addFlashAttribute("done", message("bureau.proposed", rule.id().substring(0, 12)));
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("ruleProblem", problems.of(e));
        }
        return "redirect:/bureau#rules";
    }

    @PostMapping("/recognition-rules/{ruleId}/accept")
    String accept(@AuthenticationPrincipal UserDetails user, @PathVariable String ruleId, RedirectAttributes flash) {
        try {
            RecognitionRule rule = gateways.client(user.getUsername(), RecognitionClient::new).acceptRule(ruleId);
            flash.addFlashAttribute("done", message("bureau.accepted", rule.id().substring(0, 12)));
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("ruleProblem", problems.of(e));
        }
        return "redirect:/bureau#rules";
    }

    @PostMapping("/recognition-rules/{ruleId}/withdraw")
    String withdraw(@AuthenticationPrincipal UserDetails user, @PathVariable String ruleId, @RequestParam String reason,
                    RedirectAttributes flash) {
        try {
            String text = InvalidRequest.check("reason", () -> ReasonCodes.requireText("reason", reason));
            RecognitionRule rule = gateways.client(user.getUsername(), RecognitionClient::new).withdrawRule(ruleId, text);
            flash.addFlashAttribute("done", message("bureau.withdrawn", rule.id().substring(0, 12)));
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("ruleProblem", problems.of(e));
        }
        return "redirect:/bureau#rules";
    }

    /** Bureau administrators only (the page chain's rule for /bureau/accounts). */
    @PostMapping("/accounts")
    String createAccount(@AuthenticationPrincipal UserDetails user, @RequestParam String name,
                         @RequestParam String role, @RequestParam(required = false) String attribute,
                         @RequestParam String password, RedirectAttributes flash) {
        try {
            AccountRole accountRole = switch (role) {
                case "TRAINING_CENTER" -> AccountRole.TRAINING_CENTER;
                case "INSPECTOR" -> AccountRole.INSPECTOR;
                case "BUREAU" -> AccountRole.BUREAU;
                default -> throw new InvalidRequest("role", ErrorCode.INVALID_INPUT.name(), "role must be TRAINING_CENTER, INSPECTOR or BUREAU");
            };
            String value = attribute == null || attribute.isBlank() ? null : attribute.strip();
            NewAccount request = new NewAccount(name.strip(), accountRole, accountRole == AccountRole.TRAINING_CENTER ? value : null,
                    accountRole == AccountRole.INSPECTOR ? value : null, password);
            if (password.length() < 12 || password.length() > 128) {
                throw new InvalidRequest("password", ErrorCode.INVALID_INPUT.name(), "the password needs 12 to 128 characters");
            }
            if (!name.strip().matches("[a-z0-9][a-z0-9-]{2,63}")) {
                throw new InvalidRequest("name", "INVALID_ACCOUNT", "name must be 3 to 64 characters of a-z, 0-9 and '-'");
            }
            request.validate(properties.regionCode());
            accounts.create(request, password, user.getUsername());
            flash.addFlashAttribute("done", message("bureau.accountCreated", name.strip()));
        } catch (Accounts.AccountExistsException e) {
            flash.addFlashAttribute("accountProblem", problems.of(new LedgerException(ErrorCode.ALREADY_EXISTS.name(), e.getMessage(), List.of(), null)));
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("accountProblem", problems.of(e));
        }
        return "redirect:/bureau#accounts";
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
