package cn.cdcq.registry.client.events;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The region's inbox of chaincode events, for its bureau and inspectors. */
@RestController
@RequestMapping("/api/v1/inbox")
@Tag(name = "Inbox", description = "What the ledger told this region, and what needs its action")
public class InboxController {

    private final Inbox inbox;

    public InboxController(Inbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('BUREAU', 'INSPECTOR')")
    @Operation(summary = "Events received by this region, oldest first")
    public List<InboxItem> items(
            @Parameter(description = "only items that need (true) or do not need (false) this region's action")
            @RequestParam(required = false) Boolean needsAction,
            @Parameter(description = "only items after this inbox sequence number")
            @RequestParam(defaultValue = "0") long after,
            @Parameter(description = "only events of this name") @RequestParam(required = false) String eventName,
            @Parameter(description = "only items due on or before this date (yyyy-MM-dd): what is near or past its deadline")
            @RequestParam(required = false) String dueBy) {
        String due = dueBy == null ? null : cn.cdcq.registry.common.format.IsoDate.parse("dueBy", dueBy).toString();
        return inbox.items(i -> i.sequence() > after
                && (needsAction == null || i.needsAction() == needsAction)
                && (eventName == null || i.eventName().equals(eventName))
                && (due == null || (i.dueDate() != null && i.dueDate().compareTo(due) <= 0)));
    }
}
