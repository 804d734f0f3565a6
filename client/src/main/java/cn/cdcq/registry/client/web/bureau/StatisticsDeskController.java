package cn.cdcq.registry.client.web.bureau;

import cn.cdcq.registry.client.statistics.StatisticsStore;
import cn.cdcq.registry.client.statistics.StatisticsTable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Workforce statistics at the bureau (docs/statistics.md): every table of the read store, each
 * with a bar chart drawn here as inline SVG from the table's published values only (a suppressed
 * value is drawn as no bar, labelled with its mark), the CSV export, and the rebuild from the
 * ledger with its progress bar (assets/statistics.js polls the progress while it runs).
 */
@Controller
@RequestMapping("/bureau/statistics")
public class StatisticsDeskController {

    /** One bar: its label, its length in the chart (0..{@link #WIDTH}) and the value as published. */
    public record Bar(String label, int length, String text, boolean suppressed) {
    }

    /** A table and the chart of its rows' totals (or, for the reports, each quarter's workers). */
    public record Panel(StatisticsTable table, String chartOf, List<Bar> bars, int height) {
    }

    static final int WIDTH = 360;
    static final int BAR = 18;

    private final StatisticsStore store;

    public StatisticsDeskController(StatisticsStore store) {
        this.store = store;
    }

    @GetMapping
    String page(Model model) {
        List<Panel> panels = new ArrayList<>();
        for (String name : StatisticsStore.tableNames()) {
            panels.add(panel(store.table(name)));
        }
        model.addAttribute("panels", panels);
        model.addAttribute("progress", store.progress());
        return "bureau/statistics";
    }

    @GetMapping(value = "/progress", produces = "application/json")
    @ResponseBody
    StatisticsStore.Progress progress() {
        return store.progress();
    }

    /** The same CSV as the API's {@code ?format=csv}, for the signed-in bureau user. */
    @GetMapping("/{table}/csv")
    ResponseEntity<String> csv(@PathVariable String table) {
        if (!StatisticsStore.tableNames().contains(table)) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"statistics-" + table + ".csv\"")
                .body(store.table(table).csv());
    }

    @PostMapping("/rebuild")
    String rebuild(RedirectAttributes redirect) {
        try {
            store.rebuild();
        } catch (StatisticsStore.RebuildRunning running) {
            redirect.addFlashAttribute("rebuildRunning", true);
        }
        return "redirect:/bureau/statistics";
    }

    /** The chart: rows by their total; the reports table by each quarter's workers (its ALL rows). */
    static Panel panel(StatisticsTable t) {
        List<String[]> points = new ArrayList<>();
        String chartOf;
        if (t.table().equals("reports")) {
            chartOf = "totalWorkers";
            for (StatisticsTable.Row r : t.rows()) {
                if (r.keys().get(1).equals("ALL")) {
                    points.add(new String[]{r.keys().get(0), r.cells().get(1)});
                }
            }
        } else if (t.table().equals("mobility")) {
            chartOf = "BOTH_REGIONS";
            for (StatisticsTable.Row r : t.rows()) {
                points.add(new String[]{String.join(" ", r.keys()), r.cells().get(1)});
            }
        } else {
            chartOf = "total";
            for (StatisticsTable.Row r : t.rows()) {
                points.add(new String[]{String.join(" ", r.keys()), r.total()});
            }
        }
        long max = 1;
        for (String[] p : points) {
            max = Math.max(max, number(p[1]));
        }
        List<Bar> bars = new ArrayList<>();
        for (String[] p : points) {
            long v = number(p[1]);
            bars.add(new Bar(p[0], v < 0 ? 0 : (int) (WIDTH * v / max), p[1], v < 0));
        }
        return new Panel(t, chartOf, bars, Math.max(1, bars.size()) * (BAR + 6));
    }

    private static long number(String shown) {
        try {
            return Long.parseLong(shown);
        } catch (NumberFormatException suppressed) {
            return -1;
        }
    }
}
