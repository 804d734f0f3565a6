package cn.cdcq.registry.client.web.bureau;

import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.client.credit.CreditController;
import cn.cdcq.registry.client.credit.CreditRegistryClient;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.region.RegionAttestation;
import cn.cdcq.registry.client.web.PageProblems;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.CreditRating;
import cn.cdcq.registry.common.format.IsoDate;
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
import org.springframework.web.util.UriComponentsBuilder;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The bureau rates an enterprise for a year: the page shows the enterprise's ratings by both
 * regions and the statement this region would sign now (the rules' level and why), and rates it
 * at the rules' level or overrides it with a written reason. Rating is the API's own path
 * ({@link CreditController#rate}): the chaincode's statement, signed inside this service with the
 * region's attestation key, recorded with the signed-in account's identity.
 */
@Controller
@RequestMapping("/bureau/ratings")
public class RatingDeskController {

    /** A page's own code: the chaincode refused a level different from the rules' without a reason, or a reason without one. */
    static final String OVERRIDE_REASON = "OVERRIDE_REASON";

    private final UserGateways gateways;
    private final RegionAttestation attestation;
    private final PageProblems problems;
    private final MessageSource messages;
    private final String region;

    public RatingDeskController(UserGateways gateways, RegionAttestation attestation, PageProblems problems, MessageSource messages,
                                ServiceProperties properties) {
        this.gateways = gateways;
        this.attestation = attestation;
        this.problems = problems;
        this.messages = messages;
        this.region = properties.regionCode();
    }

    @GetMapping
    String page(@AuthenticationPrincipal UserDetails user, @RequestParam(required = false) String uscc,
                @RequestParam(required = false) Integer year, Model model) {
        int thisYear = IsoDate.today().getYear();
        int y = year == null ? thisYear : year;
        model.addAttribute("year", y);
        model.addAttribute("thisYear", thisYear);
        model.addAttribute("levels", CreditLevel.values());
        model.addAttribute("region", region);
        if (!model.containsAttribute("rateProblems")) {
            model.addAttribute("rateProblems", Map.of());
        }
        if (uscc == null || uscc.isBlank()) {
            return "bureau/ratings";
        }
        String code = uscc.strip().toUpperCase(Locale.ROOT);
        model.addAttribute("uscc", code);
        try {
            RequestValues.uscc("uscc", code);
            RequestValues.year("year", y);
            CreditRegistryClient client = client(user);
            model.addAttribute("enterprise", client.enterprise(code));
            model.addAttribute("ratings", client.ratings(code).stream()
                    .sorted(Comparator.comparing((CreditRating r) -> r.statement().year()).reversed()
                            .thenComparing(CreditRating::ratedAt, Comparator.reverseOrder())).toList());
            model.addAttribute("effective", client.effectiveLevel(code));
            model.addAttribute("preview", client.previewRating(code, y, null, null));
        } catch (InvalidInputException | LedgerException e) {
            model.addAttribute("findProblem", problems.of(e));
        }
        return "bureau/ratings";
    }

    @PostMapping
    String rate(@AuthenticationPrincipal UserDetails user, @RequestParam String uscc, @RequestParam String year,
                @RequestParam(required = false) String level, @RequestParam(required = false) String overrideReason,
                RedirectAttributes flash) {
        String code = uscc.strip().toUpperCase(Locale.ROOT);
        String reason = overrideReason == null || overrideReason.isBlank() ? null : overrideReason.strip();
        Integer y = null;
        try {
            InvalidRequest.Collector collector = new InvalidRequest.Collector();
            collector.check("uscc", () -> RequestValues.uscc("uscc", code));
            y = collector.check("year", () -> RequestValues.year("year", required("year", DeskForms.wholeNumber("year", year))));
            String lvl = collector.check("level", () -> level == null || level.isBlank() ? ""
                    : RequestValues.enumValue(CreditLevel.class, "level", level).name());
            collector.throwIfAny();
            CreditRating rating = CreditController.rate(client(user), attestation, code, y, lvl.isEmpty() ? null : lvl, reason,
                    user.getUsername());
            flash.addFlashAttribute("done", message("ratings.rated", rating.statement().uscc(), rating.statement().year(),
                    rating.statement().level().name(), rating.revision()));
        } catch (InvalidRequest e) {
            flash.addFlashAttribute("rateProblems", problems.of(e));
        } catch (InvalidInputException | LedgerException e) {
            // The chaincode's refusal of a level without a reason (or a reason without a different level) is the reason's.
            boolean aboutReason = ErrorCode.INVALID_INPUT.name().equals(code(e)) && String.valueOf(e.getMessage()).contains("reason");
            if (aboutReason) {
                Map<String, PageProblems.Shown> byField = new LinkedHashMap<>();
                byField.put("overrideReason", new PageProblems.Shown("overrideReason", OVERRIDE_REASON,
                        problems.explain(OVERRIDE_REASON, e.getMessage())));
                flash.addFlashAttribute("rateProblems", byField);
            } else {
                flash.addFlashAttribute("rateProblem", problems.of(e));
            }
        }
        boolean refused = !flash.getFlashAttributes().containsKey("done");
        if (refused) {
            flash.addFlashAttribute("rateForm", Map.of("level", level == null ? "" : level, "overrideReason", reason == null ? "" : reason));
        }
        return "redirect:" + UriComponentsBuilder.fromPath("/bureau/ratings").queryParam("uscc", code)
                .queryParam("year", y == null ? year : y).build().encode().toUriString() + (refused ? "#rate" : "");
    }

    private static int required(String field, Integer value) {
        if (value == null) {
            throw new InvalidRequest(field, cn.cdcq.registry.common.credit.CreditInputs.INVALID_VALUE, "is missing");
        }
        return value;
    }

    private static String code(RuntimeException e) {
        return e instanceof LedgerException l ? l.code() : e instanceof InvalidInputException i ? i.getCode() : "";
    }

    private CreditRegistryClient client(UserDetails user) {
        return gateways.client(user.getUsername(), CreditRegistryClient::new);
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
