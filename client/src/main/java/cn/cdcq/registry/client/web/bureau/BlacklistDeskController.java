package cn.cdcq.registry.client.web.bureau;

import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.client.credit.CreditRegistryClient;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.web.PageFormats;
import cn.cdcq.registry.client.web.PageProblems;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.credit.CreditInputs;
import cn.cdcq.registry.common.credit.EarlyRemovalInput;
import cn.cdcq.registry.common.credit.ListingInput;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.credit.ViolationType;
import cn.cdcq.registry.common.credit.WageArrearsListing;
import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.settings.WageArrearsThreshold;
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
import org.springframework.web.util.UriComponentsBuilder;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The wage-arrears blacklist (MOHRSS Order 45) at the bureau: this region's threshold in force
 * (and a new one), an enterprise's blacklist status in both regions with every listing, its
 * wage-arrears violations this region enforced with a form to list it for one (the order to pay
 * ignored, the responsible persons by pseudonym only), and the early removal of a listing of this
 * region (wages paid, the rectification date, the credit-repair pledge hashed here, not kept).
 * The API's calls ({@code blacklist}, {@code blacklist/{id}/early-removal}) with its checks, and
 * the threshold through the same client, signed with the signed-in account's identity.
 */
@Controller
@RequestMapping("/bureau/blacklist")
public class BlacklistDeskController {

    private final UserGateways gateways;
    private final PageProblems problems;
    private final MessageSource messages;
    private final String region;
    private final PageFormats formats;

    public BlacklistDeskController(UserGateways gateways, PageProblems problems, MessageSource messages, ServiceProperties properties,
                                   PageFormats formats) {
        this.gateways = gateways;
        this.formats = formats;
        this.problems = problems;
        this.messages = messages;
        this.region = properties.regionCode();
    }

    @GetMapping
    String page(@AuthenticationPrincipal UserDetails user, @RequestParam(required = false) String uscc, Model model) {
        CreditRegistryClient client = client(user);
        model.addAttribute("region", region);
        model.addAttribute("today", IsoDate.today().toString());
        for (String attribute : List.of("thresholdProblems", "listProblems", "removalProblems")) {
            if (!model.containsAttribute(attribute)) {
                model.addAttribute(attribute, Map.of());
            }
        }
        try {
            model.addAttribute("threshold", client.wageArrearsThreshold(region));
        } catch (LedgerException e) {
            if (!ErrorCode.NOT_FOUND.name().equals(e.code())) {
                model.addAttribute("thresholdReadProblem", problems.of(e));
            }
        }
        if (uscc == null || uscc.isBlank()) {
            return "bureau/blacklist";
        }
        String code = uscc.strip().toUpperCase(Locale.ROOT);
        model.addAttribute("uscc", code);
        try {
            RequestValues.uscc("uscc", code);
            model.addAttribute("enterprise", client.enterprise(code));
            CreditRegistryClient.BlacklistStatus status = client.blacklistStatus(code);
            model.addAttribute("status", status);
            Set<String> listed = status.listings().stream().filter(l -> l.status() == WageArrearsListing.Status.LISTED)
                    .map(WageArrearsListing::violationId).collect(Collectors.toSet());
            model.addAttribute("listable", client.violations(code).stream()
                    .filter(v -> v.type() == ViolationType.WAGE_ARREARS && region.equals(v.recordingRegion()))
                    .filter(v -> !listed.contains(v.id())).toList());
        } catch (InvalidInputException | LedgerException e) {
            model.addAttribute("findProblem", problems.of(e));
        }
        return "bureau/blacklist";
    }

    @PostMapping("/threshold")
    String setThreshold(@AuthenticationPrincipal UserDetails user, @RequestParam String amount, RedirectAttributes flash) {
        try {
            long fen = yuanToFen("amount", amount);
            WageArrearsThreshold t = client(user).setWageArrearsThreshold(fen);
            flash.addFlashAttribute("done", message("blacklist.thresholdSet", t.revision()));
            return "redirect:/bureau/blacklist";
        } catch (InvalidRequest e) {
            flash.addFlashAttribute("thresholdProblems", problems.of(e));
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("thresholdProblems", Map.of("amount", problems.of(e)));
        }
        return "redirect:/bureau/blacklist#threshold";
    }

    @PostMapping
    String list(@AuthenticationPrincipal UserDetails user, @RequestParam String uscc, @RequestParam String violationId,
                @RequestParam(required = false) String orderIgnored, @RequestParam(required = false) String responsiblePersons,
                RedirectAttributes flash) {
        try {
            String id = RequestValues.ledgerId("violationId", violationId);
            ListingInput input = InvalidRequest.build(() -> new ListingInput(id, orderIgnored != null,
                    DeskForms.lines(responsiblePersons)), "responsiblePersonPseudonyms", "violationId");
            WageArrearsListing listing = client(user).list(input);
            flash.addFlashAttribute("done", message("blacklist.listed", listing.id().substring(0, 12), formats.date(listing.expiresOn())));
            return back(uscc, "");
        } catch (InvalidRequest e) {
            flash.addFlashAttribute("listProblems", DeskForms.byControl(problems.of(e)));
            flash.addFlashAttribute("problemId", violationId);
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("listProblems", Map.of("", problems.of(e)));
            flash.addFlashAttribute("problemId", violationId);
        }
        return back(uscc, "#listings");
    }

    @PostMapping("/{listingId}/early-removal")
    String removeEarly(@AuthenticationPrincipal UserDetails user, @PathVariable String listingId, @RequestParam String uscc,
                       @RequestParam(required = false) String wagesPaid, @RequestParam(required = false) String rectificationDate,
                       @RequestParam(value = "pledge", required = false) MultipartFile pledge, RedirectAttributes flash) {
        try {
            InvalidRequest.Collector collector = new InvalidRequest.Collector();
            String id = collector.check("listingId", () -> RequestValues.ledgerId("listingId", listingId));
            String date = collector.check("rectificationDate", () -> RequestValues.date("rectificationDate", rectificationDate));
            String hash = collector.check("pledge", () -> DeskForms.documentHash("pledge", pledge));
            collector.throwIfAny();
            EarlyRemovalInput input = InvalidRequest.build(() -> new EarlyRemovalInput(id, wagesPaid != null, date, hash),
                    "rectificationDate", "listingId", "pledgeDocumentHash");
            WageArrearsListing removed = client(user).removeEarly(input);
            flash.addFlashAttribute("done", message("blacklist.removed", removed.id().substring(0, 12)));
            return back(uscc, "");
        } catch (InvalidRequest e) {
            flash.addFlashAttribute("removalProblems", problems.of(e));
            flash.addFlashAttribute("problemId", listingId);
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("removalProblems", Map.of("", problems.of(e)));
            flash.addFlashAttribute("problemId", listingId);
        }
        return back(uscc, "#listings");
    }

    private static String back(String uscc, String anchor) {
        return "redirect:" + UriComponentsBuilder.fromPath("/bureau/blacklist").queryParam("uscc", uscc.strip().toUpperCase(Locale.ROOT))
                .build().encode().toUriString() + anchor;
    }

    private static long yuanToFen(String field, String yuan) {
        BigDecimal fen;
        try {
            fen = new BigDecimal(yuan == null ? "" : yuan.strip().replace(",", "")).movePointRight(2);
        } catch (NumberFormatException e) {
            throw new InvalidRequest(field, CreditInputs.INVALID_VALUE, "give the amount in yuan, e.g. 10000.00");
        }
        return RequestValues.fen(field, fen);
    }

    private CreditRegistryClient client(UserDetails user) {
        return gateways.client(user.getUsername(), CreditRegistryClient::new);
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
