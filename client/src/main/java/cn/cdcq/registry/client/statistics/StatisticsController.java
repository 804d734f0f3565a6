package cn.cdcq.registry.client.statistics;

import cn.cdcq.registry.client.api.RequestValues;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Workforce statistics (docs/statistics.md) for the bureaus of both regions: tables computed from
 * the ledger into this service's read store, small cells suppressed, as JSON or CSV; the rebuild
 * of the store from the ledger and its progress. Nothing here calls a contract: the store follows
 * the ledger's events and reads blocks from the region's peer.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = "application/json")
@Tag(name = "Statistics", description = "Workforce statistics from the ledger, small cells suppressed; CSV export; rebuild")
@PreAuthorize("hasRole('BUREAU')")
public class StatisticsController {

    public enum Format { json, csv }

    private final StatisticsStore store;

    public StatisticsController(StatisticsStore store) {
        this.store = store;
    }

    @GetMapping(value = "/statistics/{table}", produces = {"application/json", "text/csv"})
    @Operation(summary = "One statistics table: counts from 1 to 4 shown as \"<5\", cells suppressed so that none can be recovered shown as \"x\"")
    @ApiResponse(responseCode = "200", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = StatisticsTable.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    public ResponseEntity<?> table(
            @Parameter(schema = @Schema(allowableValues = {"certificates", "recognitions", "mobility", "violations",
                    "integrity", "reports"})) @PathVariable String table,
            @Parameter(description = "json (default) or csv", schema = @Schema(allowableValues = {"json", "csv"}))
            @RequestParam(required = false) String format) {
        StatisticsState.Table name = RequestValues.enumValue(StatisticsState.Table.class, "table", table);
        Format as = format == null ? Format.json : RequestValues.enumValue(Format.class, "format", format);
        StatisticsTable t = store.table(name.name());
        if (as == Format.csv) {
            return ResponseEntity.ok()
                    .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"statistics-" + name + ".csv\"")
                    .body(t.csv());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(t);
    }

    @GetMapping("/statistics/rebuild")
    @Operation(summary = "The progress of the last rebuild of the statistics from the ledger: blocks read of the chain's height")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = StatisticsStore.Progress.class)))
    public StatisticsStore.Progress progress() {
        return store.progress();
    }

    @PostMapping("/statistics/rebuild")
    @Operation(summary = "Rebuild the statistics from the ledger (every block from 0): the fresh store replaces the old one when done; one at a time")
    @ApiResponse(responseCode = "202", content = @Content(schema = @Schema(implementation = StatisticsStore.Progress.class)))
    @ApiResponse(responseCode = "409", description = "a rebuild is running (code CONFLICT)")
    public ResponseEntity<StatisticsStore.Progress> rebuild() {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(store.rebuild());
    }
}
