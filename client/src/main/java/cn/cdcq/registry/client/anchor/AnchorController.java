package cn.cdcq.registry.client.anchor;

import cn.cdcq.registry.common.ErrorCode;

import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.api.LedgerJson;
import cn.cdcq.registry.client.api.RequestValues;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.anchor.Checkpoint;
import cn.cdcq.registry.common.json.Json;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * Checkpoints and their anchors (bureaus), and inclusion proofs with their verification
 * (anyone, under /api/v1/public). docs/anchoring.md.
 */
@RestController
@RequestMapping(value = "/api/v1", produces = "application/json")
@Tag(name = "Anchoring", description = "Checkpoints signed by both regions, anchored on an EVM chain; inclusion proofs")
public class AnchorController {

    private final AnchorService anchors;
    private final UserGateways gateways;
    private final CheckpointScheduler scheduler;

    public AnchorController(AnchorService anchors, UserGateways gateways, CheckpointScheduler scheduler) {
        this.anchors = anchors;
        this.gateways = gateways;
        this.scheduler = scheduler;
    }

    /** A change of the automatic checkpoint schedule; a field left out keeps its value. */
    public record ScheduleRequest(Integer intervalSeconds, Integer records, Boolean countersign, Boolean anchor) {
    }

    private static long number(String value) {
        try {
            long n = Long.parseLong(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidRequest("number", "INVALID_VALUE", "number: '" + value + "' is not a checkpoint number (1, 2, ...)");
    }

    @PostMapping("/checkpoints")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Propose the next checkpoint: the Merkle root of every write since the last one, signed by this region")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Checkpoint.class)))
    public ResponseEntity<String> propose(@AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(anchors.propose(user.getUsername()));
    }

    @PostMapping("/checkpoints/{number}/countersignature")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Recompute another region's checkpoint from this region's peer and countersign it, or refuse it with the reason")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Checkpoint.class)))
    public ResponseEntity<String> countersign(@PathVariable String number, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(anchors.countersign(user.getUsername(), number(number)));
    }

    @PostMapping("/checkpoints/{number}/anchor")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Anchor a checkpoint signed by both regions on the EVM chain; answers once confirmed or failed")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Checkpoint.class)))
    public ResponseEntity<String> anchor(@PathVariable String number, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(anchors.anchor(user.getUsername(), number(number)));
    }

    @GetMapping("/checkpoints/schedule")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "When this service makes checkpoints by itself: interval, record count, automatic countersigning and anchoring")
    public ResponseEntity<String> schedule() {
        return LedgerJson.ok(scheduler.status());
    }

    @PutMapping(value = "/checkpoints/schedule", consumes = "application/json")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Change the automatic checkpoint schedule until the service restarts (the configuration is the lasting place)")
    public ResponseEntity<String> changeSchedule(@RequestBody ScheduleRequest r, @AuthenticationPrincipal UserDetails user) {
        CheckpointSchedule now = scheduler.schedule();
        CheckpointSchedule next = new CheckpointSchedule(
                r.intervalSeconds() != null ? r.intervalSeconds() : now.intervalSeconds(),
                r.records() != null ? r.records() : now.records(),
                r.countersign() != null ? r.countersign() : now.countersign(),
                r.anchor() != null ? r.anchor() : now.anchor());
        return LedgerJson.ok(scheduler.change(next, user.getUsername()));
    }

    @GetMapping("/checkpoints")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "Every checkpoint, oldest first")
    public ResponseEntity<String> list(@AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(gateways.client(user.getUsername(), CheckpointClient::new).checkpoints());
    }

    @GetMapping("/checkpoints/{number}")
    @PreAuthorize("hasRole('BUREAU')")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Checkpoint.class)))
    public ResponseEntity<String> get(@PathVariable String number, @AuthenticationPrincipal UserDetails user) {
        return LedgerJson.ok(gateways.client(user.getUsername(), CheckpointClient::new).checkpoint(number(number)));
    }

    @GetMapping("/anchor/account")
    @PreAuthorize("hasRole('BUREAU')")
    @Operation(summary = "The service's EVM account (to fund it), its balance, the chain and the contract")
    public ResponseEntity<String> account() {
        return LedgerJson.ok(anchors.account());
    }

    @GetMapping("/public/anchor-proofs/certificates/{number}")
    @Operation(summary = "A certificate's inclusion proof up to its anchored checkpoint, with both regions' signatures and the EVM transaction")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AnchorProof.class)))
    public ResponseEntity<String> certificateProof(@PathVariable String number) {
        return LedgerJson.ok(anchors.certificateProof(RequestValues.certificateNumber("number", number)));
    }

    @GetMapping("/public/anchor-proofs/ratings/{uscc}/{regionCode}/{year}")
    @Operation(summary = "A rating's inclusion proof up to its anchored checkpoint")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AnchorProof.class)))
    public ResponseEntity<String> ratingProof(@PathVariable String uscc, @PathVariable String regionCode,
                                              @PathVariable int year) {
        return LedgerJson.ok(anchors.ratingProof(RequestValues.uscc("uscc", uscc),
                RequestValues.region("regionCode", regionCode), RequestValues.year("year", year)));
    }

    @PostMapping(value = "/public/anchor-proofs/verification", consumes = "application/json")
    @Operation(summary = "Check an inclusion proof: Merkle path, both signatures, the anchor on the EVM chain and its depth, the record now")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AnchorVerification.class)))
    public ResponseEntity<String> verify(@RequestBody String proofJson) {
        AnchorProof proof;
        try {
            proof = Json.read(proofJson, AnchorProof.class);
        } catch (InvalidInputException e) {
            throw new InvalidRequest("proof", e.getCode(), "proof: " + e.getMessage());
        }
        if (proof.leaf() == null || proof.checkpoint() == null || proof.checkpoint().statement() == null) {
            throw new InvalidRequest("proof", ErrorCode.INVALID_INPUT.name(), "proof: needs leaf, path, checkpoint and signers as the "
                    + "proof endpoints give them");
        }
        return LedgerJson.ok(anchors.verify(proof));
    }
}
