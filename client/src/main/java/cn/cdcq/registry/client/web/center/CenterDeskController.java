package cn.cdcq.registry.client.web.center;

import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.certificate.CertificateEvents;
import cn.cdcq.registry.common.certificate.CertificateStatusRequest;
import cn.cdcq.registry.common.certificate.ReasonCodes;
import cn.cdcq.registry.client.certificate.CenterCertificatesController;
import cn.cdcq.registry.client.certificate.AccreditationClient;
import cn.cdcq.registry.client.certificate.CertificateClient;
import cn.cdcq.registry.client.certificate.CertificateCsv;
import cn.cdcq.registry.client.certificate.CertificateIssuance;
import cn.cdcq.registry.client.certificate.IssueResults.IssuedCertificate;
import cn.cdcq.registry.client.certificate.IssueResults.SingleIssue;
import cn.cdcq.registry.client.certificate.NewCertificate;
import cn.cdcq.registry.client.api.CsvRows;
import cn.cdcq.registry.client.events.Inbox;
import cn.cdcq.registry.client.events.InboxItem;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.Account;
import cn.cdcq.registry.client.identity.Accounts;
import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.client.web.PageFormats;
import cn.cdcq.registry.client.web.PageProblems;
import cn.cdcq.registry.client.web.center.Handouts.Handout;
import cn.cdcq.registry.client.web.center.Handouts.SaltLine;
import cn.cdcq.registry.common.certificate.SkillCertificate;
import cn.cdcq.registry.common.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The training center's desk: issue one certificate; upload a CSV batch, see every row checked
 * (each invalid one marked with its reason) before anything is submitted, then watch it commit;
 * print the certificates (one PDF, or a ZIP of one PDF each) and download the salts file; find a
 * certificate of this center with its status, list them all, and ask the bureau to suspend or
 * revoke one. Issuing goes through {@link CertificateIssuance},
 * the same path as the REST API's {@code POST /api/v1/certificates} and {@code certificate-batches};
 * CSV rows are checked by {@link CertificateCsv}, as the CLI checks them. The list and the request
 * go through {@link CenterCertificatesController}'s checks, as {@code GET /api/v1/centers/{id}/certificates}
 * and {@code POST /api/v1/certificates/{n}/status-requests}.
 */
@Controller
@RequestMapping("/center")
public class CenterDeskController {

    private static final String PENDING = "pendingBatch:";

    private final CertificateIssuance issuance;
    private final BatchJobs jobs;
    private final Handouts handouts;
    private final CertificatePdf pdf;
    private final UserGateways gateways;
    private final Accounts accounts;
    private final Inbox inbox;
    private final PageProblems problems;
    private final CenterCertificatesController listing;
    private final String region;
    private final String publicUrl;

    public CenterDeskController(CertificateIssuance issuance, BatchJobs jobs, Handouts handouts, CertificatePdf pdf,
                                UserGateways gateways, Accounts accounts, Inbox inbox, PageProblems problems,
                                CenterCertificatesController listing, ServiceProperties properties, @Value("${registry.pages.public-url:}") String publicUrl) {
        this.issuance = issuance;
        this.jobs = jobs;
        this.handouts = handouts;
        this.pdf = pdf;
        this.gateways = gateways;
        this.accounts = accounts;
        this.inbox = inbox;
        this.problems = problems;
        this.listing = listing;
        this.region = properties.regionCode();
        this.publicUrl = publicUrl;
    }

    /** The form's values, kept to show the form again after a refusal. */
    public record IssueForm(String number, String occupation, String occupationName, Integer level, String issueDate,
                            String expiryDate, String holderName, String holderIdNumber, HolderMask.Name nameMask,
                            HolderMask.IdNumber idMask) {
        static IssueForm empty() {
            return new IssueForm("", "", "", null, IsoDate.today().toString(), "", "", "",
                    HolderMask.Name.FULL, HolderMask.IdNumber.MASKED);
        }

        @Override
        public String toString() {
            return "IssueForm[" + number + ", holder withheld]";
        }
    }

    /** A checked CSV waiting for the clerk's go-ahead, in the clerk's session only. */
    record PendingBatch(String id, List<NewCertificate> rows, Map<String, String> occupationNames,
                        HolderMask.Name nameMask, HolderMask.IdNumber idMask,
                        Map<String, byte[]> photos) implements java.io.Serializable {
        @Override
        public String toString() {
            return "PendingBatch[" + id + ", " + rows.size() + " rows, holders withheld]";
        }
    }

    /** One CSV row as the preview shows it. */
    public record PreviewRow(int line, String number, String occupation, String level, String issueDate, String holderName,
                             String holderIdMasked, boolean photo, List<String> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    @GetMapping
    String desk(@AuthenticationPrincipal UserDetails user, Model model) {
        model.addAttribute("form", IssueForm.empty());
        return desk(user, model, null);
    }

    private String desk(UserDetails user, Model model, Map<String, PageProblems.Shown> fieldProblems) {
        String centerId = centerOf(user);
        model.addAttribute("centerId", centerId);
        model.addAttribute("fieldProblems", fieldProblems == null ? Map.of() : fieldProblems);
        model.addAttribute("recent", recent(centerId));
        return "center/desk";
    }

    @PostMapping("/certificates")
    String issueOne(@AuthenticationPrincipal UserDetails user, @RequestParam Map<String, String> params,
                    @RequestParam(value = "photo", required = false) MultipartFile photo, Model model,
                    HttpServletRequest request) {
        IssueForm form = new IssueForm(params.get("number"), params.get("occupation"), params.get("occupationName"),
                level(params.get("level")), params.get("issueDate"), params.get("expiryDate"), params.get("holderName"),
                params.get("holderIdNumber"), nameMask(params.get("nameMask")), idMask(params.get("idMask")));
        model.addAttribute("form", form);
        NewCertificate request1 = new NewCertificate(trim(form.number()), trim(form.occupation()), form.level(),
                trim(form.issueDate()), blankToNull(form.expiryDate()), form.holderName(), trim(form.holderIdNumber()));
        NewCertificate valid;
        SingleIssue issued;
        byte[] picture;
        try {
            // The photo is checked before anything is issued; it goes into the PDF only.
            picture = CertificatePhoto.checked("photo", photo);
            valid = request1.validated("", IsoDate.today());
            issued = issuance.issue(user.getUsername(), valid);
        } catch (InvalidRequest e) {
            return desk(user, model, problems.of(e));
        } catch (LedgerException e) {
            model.addAttribute("formProblem", problems.of(e));
            return desk(user, model, null);
        }
        String centerId = centerOf(user);
        PrintedCertificate printed = printed(valid, form.occupationName(), centerId, centerName(user, centerId),
                issued.certificate().holderSalt(), form.nameMask(), form.idMask(), base(request)).withPhoto(picture);
        Handout handout = handouts.keep(user.getUsername(), request.getSession().getId(), "",
                List.of(printed), List.of(new SaltLine(valid.number(), issued.certificate().holderSalt(), "")));
        return "redirect:/center/handouts/" + handout.id();
    }

    @PostMapping("/batches")
    String preview(@AuthenticationPrincipal UserDetails user, @RequestParam("csv") MultipartFile csv,
                   @RequestParam(value = "photos", required = false) List<MultipartFile> photoFiles,
                   @RequestParam(required = false) String nameMask, @RequestParam(required = false) String idMask,
                   Model model, HttpSession session) throws IOException {
        String centerId = centerOf(user);
        model.addAttribute("centerId", centerId);
        List<CsvRows.Row> rows;
        try {
            String text = new String(csv.getBytes(), StandardCharsets.UTF_8);
            rows = CsvRows.parse(text);
            CertificateCsv.requireColumns(csv.getOriginalFilename() == null ? "the CSV" : csv.getOriginalFilename(), rows);
        } catch (IllegalArgumentException e) {
            model.addAttribute("fileProblem", problems.of(new cn.cdcq.registry.common.InvalidInputException("INVALID_CSV", e.getMessage())));
            model.addAttribute("rows", List.of());
            return "center/preview";
        }
        BatchPhotos photos = BatchPhotos.of(photoFiles);
        java.util.Set<String> numbersInFile = new java.util.HashSet<>();
        rows.forEach(r -> numbersInFile.add(r.get("number") == null ? "" : r.get("number").strip()));
        List<String> strays = photos.numbers().stream().filter(n -> !numbersInFile.contains(n)).sorted().toList();
        if (!photos.misnamed().isEmpty() || !strays.isEmpty()) {
            // A photo the clerk meant for someone must not be silently left off, nor land on another's certificate.
            model.addAttribute("fileProblem", problems.of(new cn.cdcq.registry.common.InvalidInputException(
                    BatchPhotos.PHOTO_UNMATCHED, photos.explain(strays))));
            List<String> named = new ArrayList<>(photos.misnamed());
            strays.forEach(n -> named.add(photos.fileNames().get(n)));
            model.addAttribute("unmatchedPhotos", named);
            model.addAttribute("rows", List.of());
            return "center/preview";
        }
        CertificateCsv.RowCheck validator = new CertificateCsv.RowCheck(IsoDate.today());
        List<PreviewRow> preview = new ArrayList<>();
        List<NewCertificate> valid = new ArrayList<>();
        Map<String, String> occupationNames = new LinkedHashMap<>();
        for (CsvRows.Row row : rows) {
            List<String> rowProblems = new ArrayList<>();
            try {
                NewCertificate entry = validator.validate(row);
                valid.add(entry);
                occupationNames.put(entry.number(), row.get("occupationName"));
            } catch (CertificateCsv.InvalidRow e) {
                e.problems().forEach(p -> rowProblems.add(localized(p)));
            }
            String number = row.get("number") == null ? "" : row.get("number").strip();
            InvalidRequest.FieldProblem photoProblem = photos.problems().get(number);
            if (photoProblem != null) {
                rowProblems.add(problems.label("photo") + ": " + problems.explain(photoProblem.code(), photoProblem.message()));
            }
            preview.add(new PreviewRow(row.line(), row.get("number"), row.get("occupation"), row.get("level"),
                    row.get("issueDate"), row.get("holderName"), maskForPreview(row.get("holderIdNumber")),
                    photos.good().containsKey(number), List.copyOf(rowProblems)));
        }
        model.addAttribute("rows", preview);
        long invalid = preview.stream().filter(r -> !r.valid()).count();
        model.addAttribute("invalidCount", invalid);
        model.addAttribute("total", preview.size());
        if (invalid == 0 && !valid.isEmpty()) {
            PendingBatch pending = new PendingBatch(java.util.UUID.randomUUID().toString(), List.copyOf(valid),
                    occupationNames, nameMask(nameMask), idMask(idMask), new java.util.HashMap<>(photos.good()));
            session.setAttribute(PENDING + pending.id(), pending);
            model.addAttribute("pendingId", pending.id());
        }
        return "center/preview";
    }

    @PostMapping("/batches/{pendingId}/commit")
    String commit(@AuthenticationPrincipal UserDetails user, @PathVariable String pendingId, HttpSession session,
                  HttpServletRequest request) {
        PendingBatch pending = (PendingBatch) session.getAttribute(PENDING + pendingId);
        if (pending == null) {
            throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND,
                    "no checked batch " + pendingId + " in this session: upload the CSV again");
        }
        session.removeAttribute(PENDING + pendingId);
        String account = user.getUsername();
        String centerId = centerOf(user);
        String centerName = centerName(user, centerId);
        String base = base(request);
        String sessionId = session.getId();
        var locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        BatchJobs.Job job = jobs.start(account, pending.rows(), (issued, batchIds) -> {
            List<PrintedCertificate> printed = new ArrayList<>();
            List<SaltLine> salts = new ArrayList<>();
            for (int i = 0; i < issued.size(); i++) {
                NewCertificate row = pending.rows().get(i);
                IssuedCertificate c = issued.get(i);
                printed.add(printed(row, pending.occupationNames().get(row.number()), centerId, centerName, c.holderSalt(),
                        pending.nameMask(), pending.idMask(), base).withPhoto(pending.photos().get(row.number())));
                salts.add(new SaltLine(c.number(), c.holderSalt(), batchIds.get(i)));
            }
            return handouts.keep(account, sessionId, String.join(" ", new java.util.LinkedHashSet<>(batchIds)), printed, salts).id();
        }, e -> {
            org.springframework.context.i18n.LocaleContextHolder.setLocale(locale);
            return problems.of(e);
        });
        return "redirect:/center/jobs/" + job.id();
    }

    @GetMapping("/jobs/{jobId}")
    String progress(@AuthenticationPrincipal UserDetails user, @PathVariable String jobId, Model model) {
        BatchJobs.Job job = jobs.find(jobId, user.getUsername()).orElseThrow(() -> notFound("batch job " + jobId));
        model.addAttribute("job", job);
        return "center/progress";
    }

    /** The progress bar's source, polled by batch.js. */
    @GetMapping(value = "/jobs/{jobId}/status", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<String> status(@AuthenticationPrincipal UserDetails user, @PathVariable String jobId) {
        BatchJobs.Job job = jobs.find(jobId, user.getUsername()).orElseThrow(() -> notFound("batch job " + jobId));
        var body = Json.mapper().createObjectNode().put("state", job.state().name()).put("committed", job.committed())
                .put("total", job.total());
        if (job.handoutId() != null) {
            body.put("handout", "/center/handouts/" + job.handoutId());
        }
        if (job.problem() != null) {
            body.put("problem", job.problem().text());
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body.toString());
    }

    @GetMapping("/handouts/{id}")
    String handout(@AuthenticationPrincipal UserDetails user, @PathVariable String id, HttpSession session, Model model) {
        Handout handout = handouts.find(id, user.getUsername(), session.getId()).orElseThrow(() -> notFound("hand-out " + id));
        model.addAttribute("handout", handout);
        return "center/handout";
    }

    @GetMapping("/handouts/{id}/certificates.pdf")
    ResponseEntity<byte[]> handoutPdf(@AuthenticationPrincipal UserDetails user, @PathVariable String id, HttpSession session) {
        Handout handout = handouts.find(id, user.getUsername(), session.getId()).orElseThrow(() -> notFound("hand-out " + id));
        String name = handout.certificates().size() == 1 ? handout.certificates().get(0).number() + ".pdf" : "certificates.pdf";
        return download(pdf.pages(handout.certificates()), MediaType.APPLICATION_PDF, name);
    }

    @GetMapping("/handouts/{id}/certificates.zip")
    ResponseEntity<byte[]> handoutZip(@AuthenticationPrincipal UserDetails user, @PathVariable String id, HttpSession session) {
        Handout handout = handouts.find(id, user.getUsername(), session.getId()).orElseThrow(() -> notFound("hand-out " + id));
        return download(pdf.zip(handout.certificates()), MediaType.parseMediaType("application/zip"), "certificates.zip");
    }

    @GetMapping("/handouts/{id}/salts.csv")
    ResponseEntity<byte[]> handoutSalts(@AuthenticationPrincipal UserDetails user, @PathVariable String id, HttpSession session) {
        Handout handout = handouts.find(id, user.getUsername(), session.getId()).orElseThrow(() -> notFound("hand-out " + id));
        StringBuilder csv = new StringBuilder("certificateNumber,holderSalt,batchId\n");
        handout.salts().forEach(s -> csv.append(s.certificateNumber()).append(',').append(s.holderSalt()).append(',')
                .append(s.batchId()).append('\n'));
        return download(csv.toString().getBytes(StandardCharsets.UTF_8), MediaType.parseMediaType("text/csv"), "salts.csv");
    }

    @PostMapping("/handouts/{id}/discard")
    String discard(@AuthenticationPrincipal UserDetails user, @PathVariable String id, HttpSession session) {
        handouts.discard(id, user.getUsername(), session.getId());
        return "redirect:/center";
    }

    /**
     * This center's certificates a page at a time (status filter, bookmark paging) through the
     * ledger's index by center; with {@code number}, that one certificate with its status and the
     * center's latest request about it.
     */
    @GetMapping("/certificates")
    String certificates(@AuthenticationPrincipal UserDetails user, @RequestParam(required = false) String number,
                        @RequestParam(required = false) String status, @RequestParam(required = false) String from,
                        Model model) {
        if (number != null && !number.isBlank()) {
            return find(user, number, model);
        }
        String centerId = centerOf(user);
        model.addAttribute("centerId", centerId);
        model.addAttribute("status", status == null ? "" : status);
        model.addAttribute("from", from == null ? "" : from);
        try {
            model.addAttribute("page", listing.page(user.getUsername(), centerId, status, "50", from));
        } catch (InvalidRequest | LedgerException e) {
            model.addAttribute("listProblem", problems.of(e));
        }
        return "center/certificates";
    }

    /** The request form's values, kept to show it again after a refusal. */
    public record RequestForm(String asked, String reasonCode, String reason) {
    }

    private String find(UserDetails user, String number, Model model) {
        String centerId = centerOf(user);
        if (!model.containsAttribute("requestForm")) {
            model.addAttribute("requestForm", new RequestForm("", "", ""));
        }
        model.addAttribute("number", number);
        model.addAttribute("suspendReasons", ReasonCodes.CERTIFICATE_SUSPEND);
        model.addAttribute("revokeReasons", ReasonCodes.CERTIFICATE_REVOKE);
        try {
            CertificateClient client = gateways.client(user.getUsername(), CertificateClient::new);
            SkillCertificate found = client.certificate(
                    cn.cdcq.registry.common.format.CertificateNumber.validate(trim(number).toUpperCase(Locale.ROOT)));
            if (!found.claims().centerId().equals(centerId)) {
                model.addAttribute("notOurs", true);
            } else {
                model.addAttribute("certificate", found);
                model.addAttribute("statusRequest", latestRequest(client, found.number()));
            }
        } catch (cn.cdcq.registry.common.InvalidInputException | LedgerException e) {
            model.addAttribute("searchProblem", problems.of(e));
        }
        return "center/certificate";
    }

    /** The center asks its bureau to suspend or revoke the certificate: a request on the ledger, the status unchanged. */
    @PostMapping("/certificates/{number}/status-request")
    String askBureau(@AuthenticationPrincipal UserDetails user, @PathVariable String number, @RequestParam String asked,
                     @RequestParam String reasonCode, @RequestParam String reason, Model model) {
        model.addAttribute("requestForm", new RequestForm(asked, reasonCode, reason));
        try {
            CenterCertificatesController.ValidRequest r = CenterCertificatesController.validated(
                    trim(number).toUpperCase(Locale.ROOT), asked, reasonCode, reason);
            gateways.client(user.getUsername(), CertificateClient::new).requestStatusChange(r.number(), r.asked(),
                    r.reasonCode(), r.reason());
            return "redirect:/center/certificates?number=" + r.number() + "&asked=1";
        } catch (InvalidRequest e) {
            model.addAttribute("requestFieldProblems", problems.of(e));
        } catch (cn.cdcq.registry.common.InvalidInputException | LedgerException e) {
            model.addAttribute("requestProblem", problems.of(e));
        }
        return find(user, number, model);
    }

    private static CertificateStatusRequest latestRequest(CertificateClient client, String number) {
        try {
            return client.statusRequest(number);
        } catch (LedgerException e) {
            if (ErrorCode.NOT_FOUND.name().equals(e.code())) {
                return null;
            }
            throw e;
        }
    }

    private List<InboxItem> recent(String centerId) {
        List<InboxItem> mine = inbox.items(i -> (i.eventName().equals(CertificateEvents.CERTIFICATE_ISSUED) || i.eventName().equals(CertificateEvents.CERTIFICATE_BATCH_ISSUED))
                && centerId.equals(Json.tree(i.payload()).path("centerId").asText()));
        List<InboxItem> latest = new ArrayList<>(mine.subList(Math.max(0, mine.size() - 20), mine.size()));
        java.util.Collections.reverse(latest);
        return latest;
    }

    private PrintedCertificate printed(NewCertificate c, String occupationName, String centerId, String centerName,
                                       String salt, HolderMask.Name nameMask, HolderMask.IdNumber idMask, String base) {
        String link = base + "/verify/" + c.number() + "#salt=" + salt;
        return new PrintedCertificate(c.number(), c.occupation(), occupationName, c.level(), centerId, centerName, region,
                c.issueDate(), c.expiryDate(), nameMask.apply(c.holderName()), idMask.apply(c.holderIdNumber()), link);
    }

    private String base(HttpServletRequest request) {
        if (publicUrl != null && !publicUrl.isBlank()) {
            return publicUrl.replaceAll("/+$", "");
        }
        return ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
    }

    private String centerOf(UserDetails user) {
        Account account = accounts.find(user.getUsername()).orElseThrow();
        if (account.centerId() == null) {
            throw new LedgerException(ErrorCode.FORBIDDEN.name(), "account " + user.getUsername() + " has no centerId", List.of(), null);
        }
        return account.centerId();
    }

    private String centerName(UserDetails user, String centerId) {
        return gateways.client(user.getUsername(), AccreditationClient::new).accreditation(centerId).name();
    }

    /** A row's problem in the page's language, after the label of the field it names. */
    private String localized(CertificateCsv.Problem problem) {
        return problems.label(problem.field()) + ": " + problems.explain(problem.code(), problem.message());
    }

    private static String maskForPreview(String id) {
        return id == null || id.length() < 10 ? "******" : HolderMask.IdNumber.MASKED.apply(id);
    }

    private static ResponseEntity<byte[]> download(byte[] bytes, MediaType type, String filename) {
        return ResponseEntity.ok().contentType(type).cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .body(bytes);
    }

    private static ResponseStatusException notFound(String what) {
        return new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND, what + " is not in this session");
    }

    private static Integer level(String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static HolderMask.Name nameMask(String value) {
        return "MASKED".equals(value) ? HolderMask.Name.MASKED : HolderMask.Name.FULL;
    }

    private static HolderMask.IdNumber idMask(String value) {
        return value == null ? HolderMask.IdNumber.MASKED : switch (value) {
            case "FULL" -> HolderMask.IdNumber.FULL;
            case "HIDDEN" -> HolderMask.IdNumber.HIDDEN;
            default -> HolderMask.IdNumber.MASKED;
        };
    }

    private static String trim(String s) {
        return s == null ? null : s.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
