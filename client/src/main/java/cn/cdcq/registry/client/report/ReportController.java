package cn.cdcq.registry.client.report;

import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.api.LedgerJson;
import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.Account;
import cn.cdcq.registry.client.identity.AccountRole;
import cn.cdcq.registry.client.identity.Accounts;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.credit.CreditInputs;
import cn.cdcq.registry.common.format.OccupationCode;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.report.LateReport;
import cn.cdcq.registry.common.report.PeriodTotals;
import cn.cdcq.registry.common.report.PlatformReport;
import cn.cdcq.registry.common.report.PlatformReportInput;
import cn.cdcq.registry.common.report.ReportPeriod;
import cn.cdcq.registry.common.report.SelfFiling;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * Platform employment reports (contract "report", docs/reports.md): the bureau of the region a
 * platform enterprise is registered in files its quarterly report and corrects it, and so may the
 * enterprise's own account (role ENTERPRISE) while the region's self-filing switch is on (set by
 * the bureau here); bureaus and inspectors of either region read every report, its history, the
 * late list and the totals, an enterprise account its own enterprise's reports.
 * Each call is signed on the ledger with the caller's own identity. Counts only: a report names
 * no worker.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = "application/json")
@Tag(name = "Reports", description = "Platform employment reports: quarterly counts, corrections, late list")
@PreAuthorize("hasAnyRole('BUREAU', 'INSPECTOR')")
public class ReportController {

    private final UserGateways gateways;

    private final Accounts accounts;

    public ReportController(UserGateways gateways, Accounts accounts) {
        this.gateways = gateways;
        this.accounts = accounts;
    }

    public record OccupationWorkers(@Schema(example = "4-02-07-10") String occupation,
                                    @Schema(description = "workers engaged in this occupation (their main one)",
                                            type = "integer", example = "900") Long workers) {
    }

    public record RegionWorkers(@Schema(description = "a registered region's code", example = "CD") String regionCode,
                                @Schema(description = "workers engaged with this region of work (their main one)",
                                        type = "integer", example = "700") Long workers) {
    }

    /** Counts of a quarter; both lists add up to the same number of workers. */
    public record FileReportRequest(
            @Schema(description = "the quarter, e.g. 2026-Q3; it must have ended", example = "2026-Q3") String period,
            @Schema(description = "workers engaged by occupation, each occupation once; [] for none")
            List<OccupationWorkers> workersByOccupation,
            @Schema(description = "workers engaged by region of work, each region once; [] for none")
            List<RegionWorkers> workersByRegion,
            @Schema(description = "of the workers engaged, how many in new employment forms", type = "integer")
            Long newFormWorkers,
            @Schema(description = "occupational injuries in the quarter", type = "integer") Long occupationalInjuries,
            @Schema(description = "complaints received in the quarter", type = "integer") Long complaintsReceived) {
    }

    /** The corrected counts of the quarter in the path, and why. */
    public record CorrectReportRequest(List<OccupationWorkers> workersByOccupation, List<RegionWorkers> workersByRegion,
                                       @Schema(type = "integer") Long newFormWorkers,
                                       @Schema(type = "integer") Long occupationalInjuries,
                                       @Schema(type = "integer") Long complaintsReceived,
                                       @Schema(description = "DATA_ERROR, LATE_RECORDS, RECLASSIFIED or OTHER",
                                               example = "DATA_ERROR") String reasonCode,
                                       @Schema(description = "why, 1 to 500 characters; no personal data") String reason) {
    }

    /** Whether this region's enterprises may file their own reports. */
    public record SelfFilingRequest(@Schema(description = "true: the region's enterprise accounts file and correct "
            + "their own reports; false: only the bureau does", requiredMode = Schema.RequiredMode.REQUIRED) Boolean allowed) {
    }

    @PostMapping("/enterprises/{uscc}/reports")
    @PreAuthorize("hasAnyRole('BUREAU', 'ENTERPRISE')")
    @Operation(summary = "File a platform enterprise's report for a quarter that has ended (its registering region's "
            + "bureau, or the enterprise's own account where the region allows it)",
            description = "201 with version 1. An ENTERPRISE account files only for its own USCC (403 otherwise), "
                    + "and only while the region's self-filing switch is on (the ledger answers 403 FORBIDDEN "
                    + "otherwise). One report per enterprise and quarter: a second is 409 ALREADY_EXISTS "
                    + "(correct it with PUT). A report first filed more than 15 days after the quarter is marked late.")
    @ApiResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = PlatformReport.class)))
    public ResponseEntity<String> file(@PathVariable String uscc, @RequestBody FileReportRequest request,
                                       @AuthenticationPrincipal UserDetails user) {
        InvalidRequest.Collector problems = new InvalidRequest.Collector();
        String code = problems.check("uscc", () -> RequestValues.uscc("uscc", uscc));
        ownEnterpriseOnly(user, code, "file");
        String period = problems.check("period", () -> ReportPeriod.parse(request.period()).toString());
        PlatformReportInput input = counts(problems, period, request.workersByOccupation(), request.workersByRegion(),
                request.newFormWorkers(), request.occupationalInjuries(), request.complaintsReceived());
        PlatformReport filed = client(user).file(code, input);
        return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body(Json.write(filed));
    }

    @PutMapping("/enterprises/{uscc}/reports/{period}")
    @PreAuthorize("hasAnyRole('BUREAU', 'ENTERPRISE')")
    @Operation(summary = "Correct the report in force: the counts become its next version, which supersedes it",
            description = "Every earlier version stays readable (GET .../history). Counts equal to those in force are 409. "
                    + "An ENTERPRISE account corrects only its own enterprise's reports, while the region's "
                    + "self-filing switch is on.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PlatformReport.class)))
    public ResponseEntity<String> correct(@PathVariable String uscc, @PathVariable String period,
                                          @RequestBody CorrectReportRequest request,
                                          @AuthenticationPrincipal UserDetails user) {
        InvalidRequest.Collector problems = new InvalidRequest.Collector();
        String code = problems.check("uscc", () -> RequestValues.uscc("uscc", uscc));
        ownEnterpriseOnly(user, code, "correct");
        String quarter = problems.check("period", () -> ReportPeriod.parse(period).toString());
        String reasonCode = problems.check("reasonCode", () -> PlatformReport.requireReasonCode(request.reasonCode()));
        String reason = problems.check("reason", () -> RequestValues.text("reason", request.reason()));
        PlatformReportInput input = counts(problems, quarter, request.workersByOccupation(), request.workersByRegion(),
                request.newFormWorkers(), request.occupationalInjuries(), request.complaintsReceived());
        return LedgerJson.ok(client(user).correct(code, input, reasonCode, reason));
    }

    @GetMapping("/enterprises/{uscc}/reports")
    @PreAuthorize("hasAnyRole('BUREAU', 'INSPECTOR', 'ENTERPRISE')")
    @Operation(summary = "The report in force of each quarter an enterprise reported, oldest first",
            description = "An ENTERPRISE account reads its own enterprise's reports only.")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = PlatformReport.class))))
    public ResponseEntity<String> reports(@PathVariable String uscc, @AuthenticationPrincipal UserDetails user) {
        String code = RequestValues.uscc("uscc", uscc);
        ownEnterpriseOnly(user, code, "read");
        return LedgerJson.ok(client(user).reports(code));
    }

    @GetMapping("/enterprises/{uscc}/reports/{period}")
    @PreAuthorize("hasAnyRole('BUREAU', 'INSPECTOR', 'ENTERPRISE')")
    @Operation(summary = "An enterprise's report for a quarter: the version in force",
            description = "An ENTERPRISE account reads its own enterprise's reports only.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PlatformReport.class)))
    public ResponseEntity<String> report(@PathVariable String uscc, @PathVariable String period,
                                         @AuthenticationPrincipal UserDetails user) {
        InvalidRequest.Collector problems = new InvalidRequest.Collector();
        String code = problems.check("uscc", () -> RequestValues.uscc("uscc", uscc));
        String quarter = problems.check("period", () -> ReportPeriod.parse(period).toString());
        problems.throwIfAny();
        ownEnterpriseOnly(user, code, "read");
        return LedgerJson.ok(client(user).report(code, quarter));
    }

    @GetMapping("/enterprises/{uscc}/reports/{period}/history")
    @PreAuthorize("hasAnyRole('BUREAU', 'INSPECTOR', 'ENTERPRISE')")
    @Operation(summary = "Every version of an enterprise's report for a quarter, oldest first: who, when and why",
            description = "An ENTERPRISE account reads its own enterprise's reports only.")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = PlatformReport.class))))
    public ResponseEntity<String> history(@PathVariable String uscc, @PathVariable String period,
                                          @AuthenticationPrincipal UserDetails user) {
        InvalidRequest.Collector problems = new InvalidRequest.Collector();
        String code = problems.check("uscc", () -> RequestValues.uscc("uscc", uscc));
        String quarter = problems.check("period", () -> ReportPeriod.parse(period).toString());
        problems.throwIfAny();
        ownEnterpriseOnly(user, code, "read");
        return LedgerJson.ok(client(user).history(code, quarter));
    }

    @GetMapping("/reports/late")
    @Operation(summary = "A quarter's late reports, for the platforms of both regions",
            description = "MISSING: no report and the due date has passed (platforms on the register at the quarter's "
                    + "end); FILED_LATE: first filed after the due date.")
    @ApiResponse(responseCode = "200", content = @Content(array = @ArraySchema(schema = @Schema(implementation = LateReport.class))))
    public ResponseEntity<String> late(@RequestParam String period, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).late(period(period)));
    }

    @GetMapping("/reports/totals")
    @Operation(summary = "A quarter's totals over the reports in force, for all platforms and by registering region")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PeriodTotals.class)))
    public ResponseEntity<String> totals(@RequestParam String period, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(client(user).totals(period(period)));
    }

    @PutMapping("/reports/self-filing/{regionCode}")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Set whether this region's enterprises file their own reports (this region's bureau)",
            description = "The region's own policy, set by its bureau alone (no approval by the other region); off "
                    + "until first set. Another region's switch is 403 FORBIDDEN. Every revision stays on the ledger.")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SelfFiling.class)))
    public ResponseEntity<String> setSelfFiling(@PathVariable String regionCode, @RequestBody SelfFilingRequest request,
                                                @AuthenticationPrincipal UserDetails user) {
        InvalidRequest.Collector problems = new InvalidRequest.Collector();
        String region = problems.check("regionCode", () -> RequestValues.region("regionCode", regionCode));
        if (request.allowed() == null) {
            problems.add("allowed", CreditInputs.INVALID_VALUE, "is missing; give true or false");
        }
        problems.throwIfAny();
        return LedgerJson.ok(client(user).setSelfFiling(region, request.allowed()));
    }

    @GetMapping("/reports/self-filing/{regionCode}")
    @PreAuthorize("hasAnyRole('BUREAU', 'INSPECTOR', 'ENTERPRISE')")
    @Operation(summary = "Whether a region's enterprises file their own reports (off when its bureau never set it)")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SelfFiling.class)))
    public ResponseEntity<String> selfFiling(@PathVariable String regionCode, @AuthenticationPrincipal UserDetails user) {
        String region = InvalidRequest.check("regionCode", () -> RequestValues.region("regionCode", regionCode));
        return LedgerJson.ok(client(user).selfFiling(region));
    }

    // ------------------------------------------------------------------ checks

    /**
     * An ENTERPRISE account acts only on its own enterprise's reports: refused here, before the
     * ledger (which refuses another enterprise's filing too). Other roles pass.
     */
    private void ownEnterpriseOnly(UserDetails user, String uscc, String verb) {
        boolean enterprise = user.getAuthorities().stream()
                .anyMatch(a -> a.getAuthority().equals("ROLE_" + AccountRole.ENTERPRISE.name()));
        if (uscc == null || !enterprise) {
            return; // not an enterprise account, or an invalid USCC (reported with the request's other problems)
        }
        Account account = accounts.find(user.getUsername()).orElseThrow();
        if (!uscc.equals(account.uscc())) {
            throw new LedgerException(ErrorCode.FORBIDDEN, "an enterprise account may " + verb
                    + " only its own enterprise's reports (" + account.uscc() + "), not " + uscc + "'s");
        }
    }

    private static String period(String value) {
        return InvalidRequest.check("period", () -> ReportPeriod.parse(value).toString());
    }

    /**
     * The counts of a request, each field checked and named; then the rules across them (both
     * lists add up alike, new-form workers among them, each code once) as the ledger checks them.
     * Throws every problem found.
     */
    static PlatformReportInput counts(InvalidRequest.Collector problems, String period, List<OccupationWorkers> byOccupation,
                                      List<RegionWorkers> byRegion, Long newForm, Long injuries, Long complaints) {
        List<PlatformReportInput.OccupationCount> occupations = new ArrayList<>();
        if (byOccupation == null) {
            problems.add("workersByOccupation", CreditInputs.INVALID_VALUE, "is missing; give [] when no workers were engaged");
        } else if (byOccupation.size() > PlatformReportInput.MAX_OCCUPATIONS) {
            problems.add("workersByOccupation", CreditInputs.INVALID_VALUE, "lists " + byOccupation.size()
                    + " occupations; at most " + PlatformReportInput.MAX_OCCUPATIONS);
        } else {
            for (int i = 0; i < byOccupation.size(); i++) {
                String at = "workersByOccupation[" + i + "]";
                OccupationWorkers w = byOccupation.get(i);
                if (w == null) {
                    problems.add(at, CreditInputs.INVALID_VALUE, "is null; give {\"occupation\":\"4-04-05-01\",\"workers\":12}");
                    continue;
                }
                String occupation = problems.check(at + ".occupation", () -> OccupationCode.validate(w.occupation()));
                Long workers = count(problems, at + ".workers", w.workers());
                if (occupation != null && workers != null) {
                    occupations.add(new PlatformReportInput.OccupationCount(occupation, workers));
                }
            }
        }
        List<PlatformReportInput.RegionCount> regions = new ArrayList<>();
        if (byRegion == null) {
            problems.add("workersByRegion", CreditInputs.INVALID_VALUE, "is missing; give [] when no workers were engaged");
        } else if (byRegion.size() > PlatformReportInput.MAX_REGIONS) {
            problems.add("workersByRegion", CreditInputs.INVALID_VALUE, "lists " + byRegion.size()
                    + " regions; at most " + PlatformReportInput.MAX_REGIONS);
        } else {
            for (int i = 0; i < byRegion.size(); i++) {
                String at = "workersByRegion[" + i + "]";
                RegionWorkers w = byRegion.get(i);
                if (w == null) {
                    problems.add(at, CreditInputs.INVALID_VALUE, "is null; give {\"regionCode\":\"CD\",\"workers\":12}");
                    continue;
                }
                String region = problems.check(at + ".regionCode", () -> RequestValues.region(at + ".regionCode", w.regionCode()));
                Long workers = count(problems, at + ".workers", w.workers());
                if (region != null && workers != null) {
                    regions.add(new PlatformReportInput.RegionCount(region, workers));
                }
            }
        }
        Long newFormWorkers = count(problems, "newFormWorkers", newForm);
        Long occupationalInjuries = count(problems, "occupationalInjuries", injuries);
        Long complaintsReceived = count(problems, "complaintsReceived", complaints);
        problems.throwIfAny();
        return InvalidRequest.build(() -> new PlatformReportInput(period, occupations, regions, newFormWorkers,
                occupationalInjuries, complaintsReceived), "workersByRegion", "workersByOccupation", "newFormWorkers");
    }

    /** A count: present, 0 to {@link PlatformReportInput#MAX_COUNT}. */
    private static Long count(InvalidRequest.Collector problems, String field, Long value) {
        if (value == null) {
            problems.add(field, CreditInputs.INVALID_VALUE, "is missing; give a count, 0 or more");
            return null;
        }
        if (value < 0 || value > PlatformReportInput.MAX_COUNT) {
            problems.add(field, CreditInputs.INVALID_VALUE, value + (value < 0 ? " is negative; a count is 0 or more"
                    : " is more than " + PlatformReportInput.MAX_COUNT + ", the largest count of a report"));
            return null;
        }
        return value;
    }

    private ReportClient client(UserDetails user) {
        return gateways.client(user.getUsername(), ReportClient::new);
    }
}
