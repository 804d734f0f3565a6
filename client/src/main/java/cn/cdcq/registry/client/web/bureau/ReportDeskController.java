package cn.cdcq.registry.client.web.bureau;

import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.report.ReportClient;
import cn.cdcq.registry.client.web.PageProblems;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.report.ReportPeriod;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.LocalDate;
import java.util.Locale;

/**
 * Platform employment reports at the bureau (docs/reports.md), read only: a quarter's late list
 * for the platforms of both regions and its totals, and one platform's reports with the history
 * of one of them. Filing and correcting are the API's ({@code /api/v1/enterprises/{uscc}/reports}).
 * The same typed client as the API, signed with the signed-in account's identity.
 */
@Controller
@RequestMapping("/bureau/reports")
public class ReportDeskController {

    private final UserGateways gateways;
    private final PageProblems problems;
    private final String region;

    public ReportDeskController(UserGateways gateways, PageProblems problems, ServiceProperties properties) {
        this.gateways = gateways;
        this.problems = problems;
        this.region = properties.regionCode();
    }

    /** The latest quarter whose due date has passed today (China): the one a late list is usually asked for. */
    static ReportPeriod latestDue(LocalDate today) {
        ReportPeriod p = new ReportPeriod(today.getYear(), (today.getMonthValue() + 2) / 3);
        do {
            p = p.quarter() == 1 ? new ReportPeriod(p.year() - 1, 4) : new ReportPeriod(p.year(), p.quarter() - 1);
        } while (!today.isAfter(p.dueOn()));
        return p;
    }

    @GetMapping
    String page(@AuthenticationPrincipal UserDetails user, @RequestParam(required = false) String period,
                @RequestParam(required = false) String uscc, @RequestParam(required = false) String history, Model model) {
        ReportClient client = gateways.client(user.getUsername(), ReportClient::new);
        model.addAttribute("region", region);
        String quarter = period == null || period.isBlank() ? latestDue(IsoDate.today()).toString() : period.strip();
        model.addAttribute("period", quarter);
        try {
            ReportPeriod p = ReportPeriod.parse(quarter);
            model.addAttribute("dueOn", p.dueOn().toString());
            model.addAttribute("late", client.late(p.toString()));
            model.addAttribute("totals", client.totals(p.toString()));
        } catch (InvalidInputException | LedgerException e) {
            model.addAttribute("periodProblem", problems.of(e));
        }
        if (uscc == null || uscc.isBlank()) {
            return "bureau/reports";
        }
        String code = uscc.strip().toUpperCase(Locale.ROOT);
        model.addAttribute("uscc", code);
        try {
            RequestValues.uscc("uscc", code);
            model.addAttribute("reports", client.reports(code));
            if (history != null && !history.isBlank()) {
                String h = ReportPeriod.parse(history).toString();
                model.addAttribute("historyPeriod", h);
                model.addAttribute("versions", client.history(code, h));
            }
        } catch (InvalidInputException | LedgerException e) {
            model.addAttribute("findProblem", problems.of(e));
        }
        return "bureau/reports";
    }
}
