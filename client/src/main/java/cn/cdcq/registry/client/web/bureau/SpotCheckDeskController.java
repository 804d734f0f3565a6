package cn.cdcq.registry.client.web.bureau;

import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.client.credit.SpotCheckClient;
import cn.cdcq.registry.client.credit.SpotCheckController;
import cn.cdcq.registry.client.credit.SpotCheckDrawKey;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.web.PageProblems;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.credit.SpotCheckDraw;
import cn.cdcq.registry.common.credit.SpotCheckResult;
import cn.cdcq.registry.common.region.DrawKey;
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

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * "Double random, one public" spot checks at the bureau. Commit: this service's draw key made the
 * region's on the ledger (each region's contribution to a draw is its signature over the draw id
 * under the key fixed at opening, so the key is the region's commitment; docs/trust.md). Then open
 * a draw on this region's own register, reveal this region's contribution to a draw (the last
 * reveal draws), and the results: the drawn enterprises with their inspectors, and each published
 * outcome (the findings hashed here, not kept). The API's calls ({@code spot-checks/draw-key},
 * {@code draws}, {@code draws/{id}/reveal}, {@code draws/{id}/results}), signed with the signed-in
 * account's identity.
 */
@Controller
@RequestMapping("/bureau/spot-checks")
public class SpotCheckDeskController {

    static final int LISTED_DRAWS = 15;

    private final UserGateways gateways;
    private final SpotCheckDrawKey drawKey;
    private final PageProblems problems;
    private final MessageSource messages;
    private final String region;

    public SpotCheckDeskController(UserGateways gateways, SpotCheckDrawKey drawKey, PageProblems problems, MessageSource messages,
                                   ServiceProperties properties) {
        this.gateways = gateways;
        this.drawKey = drawKey;
        this.problems = problems;
        this.messages = messages;
        this.region = properties.regionCode();
    }

    @GetMapping
    String page(@AuthenticationPrincipal UserDetails user, Model model) {
        SpotCheckClient client = client(user);
        String other = DeskForms.otherRegion(region);
        List<DrawKey> ours = client.drawKeys(region);
        List<DrawKey> theirs = client.drawKeys(other);
        model.addAttribute("region", region);
        model.addAttribute("otherRegion", other);
        model.addAttribute("ourKey", ours.isEmpty() ? null : ours.get(ours.size() - 1));
        model.addAttribute("committed", !ours.isEmpty() && ours.get(ours.size() - 1).publicKey().equals(drawKey.publicKeyBase64()));
        model.addAttribute("theirKey", theirs.isEmpty() ? null : theirs.get(theirs.size() - 1));
        try {
            model.addAttribute("weights", client.weights(region));
        } catch (LedgerException e) {
            if (!ErrorCode.NOT_FOUND.name().equals(e.code())) {
                throw e;
            }
        }
        model.addAttribute("draws", client.draws().stream().filter(d -> d.participants().contains(region))
                .sorted(Comparator.comparing(SpotCheckDraw::openedAt).reversed()).limit(LISTED_DRAWS).toList());
        if (!model.containsAttribute("openProblems")) {
            model.addAttribute("openProblems", Map.of());
        }
        return "bureau/spot-checks";
    }

    @PostMapping("/draw-key")
    String commit(@AuthenticationPrincipal UserDetails user, RedirectAttributes flash) {
        try {
            DrawKey key = SpotCheckController.registerDrawKey(client(user), drawKey, region);
            flash.addFlashAttribute("done", message("spot.committed", key.sequence(), key.fingerprint()));
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("keyProblem", problems.of(e));
        }
        return "redirect:/bureau/spot-checks";
    }

    @PostMapping("/draws")
    String open(@AuthenticationPrincipal UserDetails user, @RequestParam(required = false) String enterpriseCount,
                @RequestParam(required = false) String inspectorsPerEnterprise, @RequestParam(required = false) String period,
                RedirectAttributes flash) {
        try {
            InvalidRequest.Collector collector = new InvalidRequest.Collector();
            Integer count = collector.check("enterpriseCount", () -> DeskForms.wholeNumber("enterpriseCount", enterpriseCount));
            Integer per = collector.check("inspectorsPerEnterprise", () -> DeskForms.wholeNumber("inspectorsPerEnterprise",
                    inspectorsPerEnterprise));
            collector.throwIfAny();
            SpotCheckDraw draw = client(user).openDraw(SpotCheckController.validated(region, count == null ? 0 : count,
                    per == null ? 0 : per, period == null || period.isBlank() ? null : period.strip()));
            flash.addFlashAttribute("done", message("spot.opened", draw.id().substring(0, 12)));
            return "redirect:/bureau/spot-checks/draws/" + draw.id();
        } catch (InvalidRequest e) {
            flash.addFlashAttribute("openProblems", problems.of(e));
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("openProblem", problems.of(e));
        }
        flash.addFlashAttribute("openForm", Map.of("enterpriseCount", String.valueOf(enterpriseCount),
                "inspectorsPerEnterprise", String.valueOf(inspectorsPerEnterprise), "period", period == null ? "" : period));
        return "redirect:/bureau/spot-checks#open";
    }

    @GetMapping("/draws/{drawId}")
    String draw(@AuthenticationPrincipal UserDetails user, @PathVariable String drawId, Model model) {
        SpotCheckClient client = client(user);
        String id = RequestValues.ledgerId("drawId", drawId);
        SpotCheckDraw draw = client.draw(id);
        model.addAttribute("draw", draw);
        model.addAttribute("region", region);
        Map<String, SpotCheckResult> resultOf = new java.util.HashMap<>();
        client.results(id).forEach(r -> resultOf.put(r.uscc(), r));
        model.addAttribute("resultOf", resultOf);
        model.addAttribute("unpublished", draw.assignments() == null ? List.of() : draw.assignments().stream()
                .filter(a -> !resultOf.containsKey(a.uscc())).toList());
        model.addAttribute("outcomes", SpotCheckResult.Outcome.values());
        model.addAttribute("mayReveal", draw.status() == SpotCheckDraw.Status.REVEALING && draw.participants().contains(region)
                && !draw.reveals().containsKey(region));
        if (!model.containsAttribute("resultProblems")) {
            model.addAttribute("resultProblems", Map.of());
        }
        return "bureau/spot-check";
    }

    @PostMapping("/draws/{drawId}/reveal")
    String reveal(@AuthenticationPrincipal UserDetails user, @PathVariable String drawId, RedirectAttributes flash) {
        try {
            String id = RequestValues.ledgerId("drawId", drawId);
            SpotCheckDraw draw = client(user).reveal(id, drawKey.contributionHex(id));
            flash.addFlashAttribute("done", message(draw.status() == SpotCheckDraw.Status.DRAWN ? "spot.drawn" : "spot.revealed",
                    id.substring(0, 12)));
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("revealProblem", problems.of(e));
        }
        return "redirect:/bureau/spot-checks/draws/" + RequestValues.ledgerId("drawId", drawId);
    }

    @PostMapping("/draws/{drawId}/results")
    String publish(@AuthenticationPrincipal UserDetails user, @PathVariable String drawId, @RequestParam(required = false) String uscc,
                   @RequestParam(required = false) String outcome,
                   @RequestParam(value = "findings", required = false) MultipartFile findings, RedirectAttributes flash) {
        String id = RequestValues.ledgerId("drawId", drawId);
        try {
            InvalidRequest.Collector collector = new InvalidRequest.Collector();
            String code = collector.check("uscc", () -> RequestValues.uscc("uscc", uscc));
            SpotCheckResult.Outcome how = collector.check("outcome", () -> RequestValues.enumValue(SpotCheckResult.Outcome.class,
                    "outcome", outcome));
            String hash = collector.check("findings", () -> DeskForms.documentHash("findings", findings));
            collector.throwIfAny();
            SpotCheckResult result = client(user).publishResult(id, code, how, hash);
            flash.addFlashAttribute("done", message("spot.published", result.uscc()));
            return "redirect:/bureau/spot-checks/draws/" + id;
        } catch (InvalidRequest e) {
            flash.addFlashAttribute("resultProblems", problems.of(e));
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("resultProblem", problems.of(e));
        }
        return "redirect:/bureau/spot-checks/draws/" + id + "#results";
    }

    private SpotCheckClient client(UserDetails user) {
        return gateways.client(user.getUsername(), SpotCheckClient::new);
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
