package cn.cdcq.registry.client.web.verify;

import cn.cdcq.registry.client.certificate.PublicVerificationController;
import cn.cdcq.registry.client.certificate.PublicVerificationController.HolderCheck;
import cn.cdcq.registry.client.identity.PublicReader;
import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.client.web.PageProblems;
import cn.cdcq.registry.common.certificate.VerificationReport;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.CacheControl;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Public verification, no sign-in: a number typed in, or the link in a certificate's QR code
 * ({@code /verify/{number}#salt=...}). The verdict at a glance, every check with its reason,
 * recognition in each region with its basis, and which region's peer answered (this service's
 * own). The holder check posts name, ID number and the salt (read from the URL fragment by
 * verify.js, so it never reaches a server log) in the body only. Same path to the ledger as the
 * public API: {@link PublicVerificationController#verify}.
 */
@Controller
@RequestMapping("/verify")
public class VerificationPageController {

    private final PublicReader reader;
    private final PageProblems problems;
    private final String region;

    public VerificationPageController(PublicReader reader, PageProblems problems, ServiceProperties properties) {
        this.reader = reader;
        this.problems = problems;
        this.region = properties.regionCode();
    }

    @GetMapping
    String form(@RequestParam(required = false) String number) {
        if (number != null && !number.isBlank()) {
            String clean = number.strip().toUpperCase(Locale.ROOT);
            return "redirect:/verify/" + UriUtils.encodePathSegment(clean, StandardCharsets.UTF_8);
        }
        return "verify/form";
    }

    @GetMapping("/{number}")
    String report(@PathVariable String number, Model model, HttpServletResponse response) {
        return show(number, null, model, response);
    }

    @PostMapping("/{number}")
    String holderCheck(@PathVariable String number, @RequestParam(required = false) String holderName,
                       @RequestParam(required = false) String holderIdNumber,
                       @RequestParam(required = false) String holderSalt, Model model, HttpServletResponse response) {
        model.addAttribute("holderName", holderName);
        return show(number, new HolderCheck(holderName, holderIdNumber, holderSalt), model, response);
    }

    private String show(String number, HolderCheck holder, Model model, HttpServletResponse response) {
        // A report describes one moment, and with holder details it must never be kept anywhere.
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
        model.addAttribute("number", number);
        model.addAttribute("answeredBy", region);
        model.addAttribute("holderChecked", holder != null);
        VerificationReport report;
        try {
            report = PublicVerificationController.verify(reader, number, holder);
        } catch (InvalidRequest e) {
            var shown = problems.of(e);
            if (shown.containsKey("number")) {
                model.addAttribute("numberProblem", shown.get("number"));
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                return "verify/form";
            }
            model.addAttribute("holderProblems", shown);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            report = PublicVerificationController.verify(reader, number, null);
            model.addAttribute("holderChecked", false);
        }
        model.addAttribute("report", report);
        model.addAttribute("verdict", Verdict.of(report));
        model.addAttribute("holderStep", report.step(VerificationReport.HOLDER).orElse(null));
        return "verify/report";
    }
}
