package cn.cdcq.registry.client.web.verify;

import cn.cdcq.registry.client.anchor.AnchorProof;
import cn.cdcq.registry.client.anchor.AnchorService;
import cn.cdcq.registry.client.api.CodedException;
import cn.cdcq.registry.client.certificate.PublicVerificationController;
import cn.cdcq.registry.client.certificate.PublicVerificationController.HolderCheck;
import cn.cdcq.registry.client.credential.CredentialController;
import cn.cdcq.registry.client.credential.CredentialController.HolderExport;
import cn.cdcq.registry.client.credential.CredentialRefusal;
import cn.cdcq.registry.client.identity.PublicReader;
import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.client.web.PageProblems;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.certificate.VerificationReport;
import cn.cdcq.registry.common.credential.CredentialVerification;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.util.UriUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Public verification, no sign-in: a number typed in, or the link in a certificate's QR code
 * ({@code /verify/{number}#salt=...}). The verdict at a glance, every check with its reason,
 * recognition in each region with its basis, and which region's peer answered (this service's
 * own). The holder check posts name, ID number and the salt (read from the URL fragment by
 * verify.js, so it never reaches a server log) in the body only. Same path to the ledger as the
 * public API: {@link PublicVerificationController#verify}.
 *
 * <p>Portable credentials (issue 12): the holder form also downloads the certificate's W3C
 * Verifiable Credential, made by the public API's own {@link CredentialController#holderExport}
 * (the holder's details and salt must give the commitment); and the holder view
 * ({@code /verify/credential}) takes a pasted or uploaded credential and shows the offline
 * verifier's steps and verdict, as {@code POST /api/v1/public/credentials/verification} answers.
 */
@Controller
@RequestMapping("/verify")
public class VerificationPageController {

    private static final Logger log = LoggerFactory.getLogger(VerificationPageController.class);

    /** A credential is a few kilobytes; anything far larger is not one. */
    static final int MAX_CREDENTIAL_BYTES = 256 * 1024;

    private final PublicReader reader;
    private final PageProblems problems;
    private final CredentialController credentials;
    private final String region;
    private final AnchorService anchors;

    public VerificationPageController(PublicReader reader, PageProblems problems, CredentialController credentials,
                                      ServiceProperties properties, AnchorService anchors) {
        this.reader = reader;
        this.problems = problems;
        this.credentials = credentials;
        this.region = properties.regionCode();
        this.anchors = anchors;
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

    /**
     * The holder's credential as a JSON download, or the report again with the reason it was not
     * made (a field wrong, details that do not give the commitment, a certificate of the other region).
     */
    @PostMapping("/{number}/credential")
    ModelAndView credential(@PathVariable String number, @RequestParam(required = false) String holderName,
                            @RequestParam(required = false) String holderIdNumber,
                            @RequestParam(required = false) String holderSalt,
                            @RequestParam(required = false) boolean disclose, Model model, HttpServletResponse response) {
        model.addAttribute("holderName", holderName);
        String json;
        try {
            json = credentials.holderExport(number, new HolderExport(holderName, holderIdNumber, holderSalt, disclose)).getBody();
        } catch (InvalidRequest e) {
            var shown = problems.of(e);
            if (!shown.containsKey("number")) {
                model.addAttribute("holderProblems", shown);
            }
            String view = show(number, null, model, response);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return new ModelAndView(view);
        } catch (CredentialRefusal e) {
            model.addAttribute("credentialProblem", new PageProblems.Shown("", e.code(), problems.explain(e.code(), e.getMessage())));
            String view = show(number, null, model, response);
            response.setStatus(e.status().value());
            return new ModelAndView(view);
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        String filename = "credential-" + number.strip().toUpperCase(Locale.ROOT) + ".json";
        View download = (m, request, out) -> {
            out.setContentType(MediaType.APPLICATION_JSON_VALUE);
            out.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
            out.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString());
            out.setContentLength(bytes.length);
            out.getOutputStream().write(bytes);
        };
        return new ModelAndView(download);
    }

    /** The holder view: paste a credential or upload its file. */
    @GetMapping("/credential")
    String credentialForm(HttpServletResponse response) {
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
        return "verify/credential";
    }

    @PostMapping("/credential")
    String verifyCredential(@RequestParam(required = false) String credential,
                            @RequestParam(required = false) MultipartFile credentialFile, Model model,
                            HttpServletResponse response) throws IOException {
        // A disclosing credential names its holder: the result is never kept by a cache.
        response.setHeader("Cache-Control", CacheControl.noStore().getHeaderValue());
        String text = credentialFile != null && !credentialFile.isEmpty()
                ? (credentialFile.getSize() > MAX_CREDENTIAL_BYTES ? null : new String(credentialFile.getBytes(), StandardCharsets.UTF_8))
                : credential;
        if (text == null || text.length() > MAX_CREDENTIAL_BYTES) {
            model.addAttribute("credentialProblem", new PageProblems.Shown("credential", "CREDENTIAL_TOO_LARGE",
                    problems.explain("CREDENTIAL_TOO_LARGE", "a credential is a few kilobytes; this is over " + MAX_CREDENTIAL_BYTES + " bytes")));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "verify/credential";
        }
        if (text.isBlank()) {
            model.addAttribute("credentialProblem", new PageProblems.Shown("credential", "CREDENTIAL_MISSING",
                    problems.explain("CREDENTIAL_MISSING", "paste the credential's JSON or choose its file")));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "verify/credential";
        }
        CredentialVerification result = credentials.verification(text);
        model.addAttribute("result", result);
        model.addAttribute("answeredBy", region);
        return "verify/credential";
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
        if (report.status() != null && anchors.anchoringConfigured()) {
            model.addAttribute("anchor", anchor(report.certificateNumber()));
        }
        return "verify/report";
    }

    /**
     * The public anchor of the certificate's latest anchored write, checked against the chain as
     * {@code POST /api/v1/public/anchor-proofs/verification} checks it. A problem reading the
     * checkpoints or the chain is shown as such and never hides the rest of the report.
     */
    private AnchorView anchor(String number) {
        try {
            AnchorProof proof = anchors.certificateProof(number);
            return AnchorView.of(proof, anchors.verify(proof));
        } catch (CodedException e) {
            if (ErrorCode.NOT_FOUND.name().equals(e.code())) {
                return AnchorView.none("NOT_YET", e.getMessage());
            }
            if (ErrorCode.CONFLICT.name().equals(e.code())) {
                return AnchorView.none("FAILED", e.getMessage());
            }
            log.warn("the anchor of certificate {} could not be checked: {}", number, e.getMessage());
            return AnchorView.none("UNREACHABLE", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("the anchor of certificate {} could not be checked: {}", number, e.toString());
            return AnchorView.none("UNREACHABLE", e.getMessage());
        }
    }
}
