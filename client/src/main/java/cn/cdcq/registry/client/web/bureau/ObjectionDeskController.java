package cn.cdcq.registry.client.web.bureau;

import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.cases.ObjectionClient;
import cn.cdcq.registry.client.cases.ObjectionController;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.web.PageProblems;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.cases.CreditRepair;
import cn.cdcq.registry.common.cases.Objection;
import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.ViolationType;
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

import java.util.List;
import java.util.Map;

/**
 * Objections and credit repair at the bureau (docs/objections.md): the objections this region
 * must decide (records it made), each with its deadline and a decision form; the objections it
 * filed for its enterprises with their outcomes; a form to file one; the same for credit repairs
 * of listings. The API's checks ({@link ObjectionController}), evidence and pledges hashed here
 * and not kept, every call signed with the signed-in account's identity.
 */
@Controller
@RequestMapping("/bureau/objections")
public class ObjectionDeskController {

    private static final List<String> PROBLEMS = List.of("fileProblems", "decideProblems", "repairProblems",
            "repairDecideProblems");

    private final UserGateways gateways;
    private final PageProblems problems;
    private final MessageSource messages;
    private final String region;

    public ObjectionDeskController(UserGateways gateways, PageProblems problems, MessageSource messages,
                                   ServiceProperties properties) {
        this.gateways = gateways;
        this.problems = problems;
        this.messages = messages;
        this.region = properties.regionCode();
    }

    @GetMapping
    String page(@AuthenticationPrincipal UserDetails user, Model model) {
        ObjectionClient client = client(user);
        model.addAttribute("region", region);
        model.addAttribute("today", IsoDate.today().toString());
        model.addAttribute("targets", Objection.Target.values());
        model.addAttribute("reasonCodes", Objection.REASON_CODES);
        model.addAttribute("violationTypes", ViolationType.values());
        model.addAttribute("levels", CreditLevel.values());
        for (String attribute : PROBLEMS) {
            if (!model.containsAttribute(attribute)) {
                model.addAttribute(attribute, Map.of());
            }
        }
        try {
            model.addAttribute("toDecide", client.objections(null, region, Objection.Status.PENDING));
            model.addAttribute("filed", newestFirst(client.objections(null, null, null).stream()
                    .filter(o -> region.equals(o.filingRegion())).toList()));
            model.addAttribute("repairsToDecide", client.repairs(null, region, CreditRepair.Status.PENDING));
            model.addAttribute("repairsApplied", newestFirst(client.repairs(null, null, null).stream()
                    .filter(r -> region.equals(r.applyingRegion())).toList()));
        } catch (LedgerException e) {
            model.addAttribute("readProblem", problems.of(e));
            for (String list : List.of("toDecide", "filed", "repairsToDecide", "repairsApplied")) {
                model.addAttribute(list, List.of());
            }
        }
        return "bureau/objections";
    }

    @PostMapping
    String file(@AuthenticationPrincipal UserDetails user, @RequestParam(required = false) String target,
                @RequestParam(required = false) String recordId, @RequestParam(required = false) String reasonCode,
                @RequestParam(required = false) String reason,
                @RequestParam(value = "evidence", required = false) List<MultipartFile> evidence, RedirectAttributes flash) {
        try {
            Objection.Input input = ObjectionController.objectionInput(new ObjectionController.ObjectionRequest(
                    target, recordId == null ? null : recordId.strip(), reasonCode, reason, hashes("evidence", evidence)));
            Objection o = client(user).file(input);
            flash.addFlashAttribute("done", message("objections.filed", o.id().substring(0, 12),
                    message("region." + o.decidingRegion()), o.dueOn()));
            return "redirect:/bureau/objections";
        } catch (InvalidRequest e) {
            flash.addFlashAttribute("fileProblems", problems.of(e));
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("fileProblems", Map.of("", problems.of(e)));
        }
        return "redirect:/bureau/objections#file";
    }

    @PostMapping("/{id}/decision")
    String decide(@AuthenticationPrincipal UserDetails user, @PathVariable String id,
                  @RequestParam(required = false) String outcome, @RequestParam(required = false) String reason,
                  @RequestParam(required = false) String correctionType, @RequestParam(required = false) String correctionMajor,
                  @RequestParam(required = false) String correctionMass, @RequestParam(required = false) String correctionLevel,
                  RedirectAttributes flash) {
        try {
            String objectionId = RequestValues.ledgerId("id", id);
            boolean corrects = !blank(correctionType) || !blank(correctionMajor) || !blank(correctionMass)
                    || !blank(correctionLevel);
            ObjectionController.CorrectionBody correction = corrects ? new ObjectionController.CorrectionBody(
                    blankToNull(correctionType), flag(correctionMajor), flag(correctionMass), blankToNull(correctionLevel)) : null;
            Objection.DecisionInput input = ObjectionController.decisionInput(new ObjectionController.ObjectionDecisionRequest(
                    outcome, reason, correction));
            Objection o = client(user).decide(objectionId, input);
            flash.addFlashAttribute("done", message("objections.decided", o.id().substring(0, 12),
                    message("objections.status." + o.status().name())));
            return "redirect:/bureau/objections";
        } catch (InvalidRequest e) {
            flash.addFlashAttribute("decideProblems", problems.of(e));
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("decideProblems", Map.of("", problems.of(e)));
        }
        flash.addFlashAttribute("problemId", id);
        return "redirect:/bureau/objections#decide";
    }

    @PostMapping("/repairs")
    String applyForRepair(@AuthenticationPrincipal UserDetails user, @RequestParam(required = false) String listingId,
                          @RequestParam(required = false) String wagesPaid, @RequestParam(required = false) String rectificationDate,
                          @RequestParam(value = "pledge", required = false) MultipartFile pledge,
                          @RequestParam(value = "evidence", required = false) List<MultipartFile> evidence,
                          RedirectAttributes flash) {
        try {
            InvalidRequest.Collector collector = new InvalidRequest.Collector();
            String hash = collector.check("pledge", () -> DeskForms.documentHash("pledge", pledge));
            List<String> proofs = collector.check("evidence", () -> hashes("evidence", evidence));
            collector.throwIfAny();
            CreditRepair.Input input = ObjectionController.repairInput(new ObjectionController.RepairRequest(
                    listingId == null ? null : listingId.strip(), wagesPaid != null, rectificationDate, hash, proofs));
            CreditRepair r = client(user).applyForRepair(input);
            flash.addFlashAttribute("done", message("objections.repairApplied", r.id().substring(0, 12),
                    message("region." + r.decidingRegion())));
            return "redirect:/bureau/objections";
        } catch (InvalidRequest e) {
            flash.addFlashAttribute("repairProblems", problems.of(e));
        } catch (LedgerException e) {
            flash.addFlashAttribute("repairProblems", Map.of("", tooEarly(e)));
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("repairProblems", Map.of("", problems.of(e)));
        }
        return "redirect:/bureau/objections#repair";
    }

    @PostMapping("/repairs/{id}/decision")
    String decideRepair(@AuthenticationPrincipal UserDetails user, @PathVariable String id,
                        @RequestParam(required = false) String outcome, @RequestParam(required = false) String reason,
                        RedirectAttributes flash) {
        try {
            String repairId = RequestValues.ledgerId("id", id);
            CreditRepair.Status s = RequestValues.enumValue(CreditRepair.Status.class, "outcome", outcome);
            CreditRepair.DecisionInput input = InvalidRequest.build(() -> new CreditRepair.DecisionInput(s, reason),
                    "reason", "outcome");
            CreditRepair r = client(user).decideRepair(repairId, input);
            flash.addFlashAttribute("done", message("objections.repairDecided", r.id().substring(0, 12),
                    message("objections.repairStatus." + r.status().name())));
            return "redirect:/bureau/objections";
        } catch (InvalidRequest e) {
            flash.addFlashAttribute("repairDecideProblems", problems.of(e));
        } catch (InvalidInputException | LedgerException e) {
            flash.addFlashAttribute("repairDecideProblems", Map.of("", problems.of(e)));
        }
        flash.addFlashAttribute("problemId", id);
        return "redirect:/bureau/objections#repairs-to-decide";
    }

    /** A refusal as shown; a repair too early says, in the page's language too, the first day it is possible. */
    private PageProblems.Shown tooEarly(LedgerException e) {
        java.util.regex.Matcher day = POSSIBLE_FROM.matcher(String.valueOf(e.getMessage()));
        if (!ErrorCode.TOO_EARLY.name().equals(e.code()) || !day.find()) {
            return problems.of(e);
        }
        return new PageProblems.Shown("", e.code(), message("objections.tooEarly", day.group(1)));
    }

    private static final java.util.regex.Pattern POSSIBLE_FROM = java.util.regex.Pattern.compile("possible from (\\d{4}-\\d{2}-\\d{2})");

    /** SHA-256 of each uploaded file (empty file inputs are left out); the files are not kept. */
    private static List<String> hashes(String field, List<MultipartFile> files) {
        if (files == null) {
            return List.of();
        }
        List<MultipartFile> given = files.stream().filter(f -> f != null && !f.isEmpty()).toList();
        return java.util.stream.IntStream.range(0, given.size())
                .mapToObj(i -> DeskForms.documentHash(field + "[" + i + "]", given.get(i))).toList();
    }

    private static <T> List<T> newestFirst(List<T> oldestFirst) {
        List<T> out = new java.util.ArrayList<>(oldestFirst);
        java.util.Collections.reverse(out);
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s.strip();
    }

    private static Boolean flag(String s) {
        return blank(s) ? null : Boolean.valueOf("true".equals(s.strip()));
    }

    private ObjectionClient client(UserDetails user) {
        return gateways.client(user.getUsername(), ObjectionClient::new);
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
