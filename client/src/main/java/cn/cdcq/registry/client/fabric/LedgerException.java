package cn.cdcq.registry.client.fabric;

import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.client.api.CodedException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.CommitException;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A transaction that the network refused or could not complete, with the chaincode's error
 * code ("FORBIDDEN", "INVALID_INPUT", ... or a stage of its own such as "ENDORSE_FAILED") and
 * a message a person can read.
 */
public class LedgerException extends CodedException {

    /** The peer (or its gateway) refused for load: its concurrency limit, or a deadline passed. Retry later. */
    public static final String BUSY = "BUSY";
    /** The transaction read state that another transaction changed before it committed (MVCC). Safe to retry. */
    public static final String MVCC_CONFLICT = "MVCC_CONFLICT";
    /**
     * A peer the transaction needs could not be reached: the region's own (gateway) peer, or an
     * endorser the endorsement policy requires (the other region's peer under AND). Retry later.
     */
    public static final String PEER_UNAVAILABLE = "PEER_UNAVAILABLE";
    /**
     * The ordering service could not take the transaction: no orderer answered, or those that did
     * have no Raft leader (a majority of the three is down). Retry when it is back; the same
     * content is safe to send again (a certificate already issued answers ALREADY_ISSUED).
     */
    public static final String ORDERER_UNAVAILABLE = "ORDERER_UNAVAILABLE";
    /** A peer could not run the chaincode: its chaincode server is down or restarting. Retry later. */
    public static final String CHAINCODE_UNAVAILABLE = "CHAINCODE_UNAVAILABLE";
    /**
     * The network refused the account's Fabric identity itself, before any chaincode ran: a peer
     * answered "access denied: channel [...] creator org [...]", which is what Fabric says when the
     * certificate is on the org's CRL in the channel configuration (revoked), or does not chain to
     * the org's CA. Fabric tells no more to the client (its peer log says which). 403, not
     * retryable: the same identity is refused again until the region's operator re-enrolls it.
     */
    public static final String IDENTITY_REFUSED = "IDENTITY_REFUSED";
    /**
     * The account's Fabric certificate has expired: refused here before the call (the gateway peer
     * does not check expiry itself, see {@link UserGateways}), or by a peer's ExpirationCheck
     * filter or the orderer. 403, not retryable: the account needs a new enrollment.
     */
    public static final String IDENTITY_EXPIRED = "IDENTITY_EXPIRED";

    /**
     * The codes that mean "the network could not decide now, nothing was refused": the same request
     * may be sent again (503 with Retry-After at the REST API). An MVCC conflict is retryable too,
     * but only where the transaction checks state afresh; it is not in this set.
     */
    public static final Set<String> UNAVAILABLE_RETRYABLE = Set.of(BUSY, PEER_UNAVAILABLE, ORDERER_UNAVAILABLE,
            CHAINCODE_UNAVAILABLE);

    private static final Pattern CHAINCODE_MESSAGE = Pattern.compile("chaincode response \\d+, ([A-Z_]+): (.*)", Pattern.DOTALL);

    private final List<String> peerDetails;

    /** A refusal decided in the service with a shared code, before any peer was asked. */
    public LedgerException(ErrorCode code, String message) {
        this(code.name(), message, List.of(), null);
    }

    public LedgerException(String code, String message, List<String> peerDetails, Throwable cause) {
        super(code, message, cause);
        this.peerDetails = List.copyOf(peerDetails);
    }

    /** A refusal of the caller's identity ({@link #IDENTITY_REFUSED}, {@link #IDENTITY_EXPIRED}): 403 at the REST API. */
    static LedgerException identity(String code, String message, List<String> peerDetails, Throwable cause) {
        return new LedgerException(403, code, message, peerDetails, cause);
    }

    private LedgerException(int httpStatus, String code, String message, List<String> peerDetails, Throwable cause) {
        super(httpStatus, code, message, cause);
        this.peerDetails = List.copyOf(peerDetails);
    }

    /** One line per peer that answered: "address (MSP): message". */
    public List<String> peerDetails() {
        return peerDetails;
    }

    /** True for a code of {@link #UNAVAILABLE_RETRYABLE}. */
    public boolean unavailable() {
        return UNAVAILABLE_RETRYABLE.contains(code());
    }

    /**
     * The gateway's error as a code: the chaincode's own where a peer's answer carries one; else
     * what failed, by the stage and the gRPC status: the ordering service (a submit the gateway
     * could not hand to any orderer), a chaincode server (a peer could not launch or reach it), an
     * endorsing peer (the gateway could not reach it), the gateway peer itself, or load.
     */
    static LedgerException from(String stage, String transaction, GatewayException e) {
        List<String> details = e.getDetails().stream()
                .map(d -> d.getAddress() + " (" + d.getMspId() + "): " + d.getMessage()).toList();
        for (var d : e.getDetails()) {
            Matcher m = CHAINCODE_MESSAGE.matcher(d.getMessage());
            if (m.find()) {
                return new LedgerException(m.group(1), m.group(2), details, e);
            }
        }
        io.grpc.Status.Code code = e.getStatus().getCode();
        String description = String.valueOf(e.getStatus().getDescription());
        String where = details.isEmpty() ? description : description + ": " + String.join("; ", details);
        String everything = (description + " " + String.join(" ", details)).toLowerCase(Locale.ROOT);
        if (everything.contains("client identity expired")) {
            // A peer's ExpirationCheck auth filter ("proposal client identity expired", seen as
            // ABORTED "failed to collect enough transaction endorsements" with the other region's
            // peer in the details) or the orderer ("broadcast client identity expired"). Not a
            // peer outage: it must not become a retryable 503, nor a 502.
            return identity(IDENTITY_EXPIRED, transaction + ": the network refused this account's Fabric identity: its"
                    + " certificate has expired (" + where + "); the account needs a new enrollment at the region's CA",
                    details, e);
        }
        if (everything.contains("access denied: channel [") && everything.contains("creator org")) {
            return identity(IDENTITY_REFUSED, transaction + ": the network refused this account's Fabric identity ("
                    + where + "): its certificate is revoked (on the region's CRL in the channel configuration) or"
                    + " not issued by the region's CA; the region's operator must re-enroll the account", details, e);
        }
        if (SUBMIT.equals(stage) && orderingServiceFailed(code, description)) {
            return new LedgerException(ORDERER_UNAVAILABLE, transaction + ": the ordering service cannot take the"
                    + " transaction (" + where + "); retry when a majority of its orderers is back", details, e);
        }
        if (ENDORSE.equals(stage) && code == io.grpc.Status.Code.ABORTED && !details.isEmpty()) {
            List<String> chaincodeDown = e.getDetails().stream().filter(d -> chaincodeUnreachable(d.getMessage()))
                    .map(d -> d.getAddress() + " (" + d.getMspId() + ")").toList();
            if (!chaincodeDown.isEmpty()) {
                return new LedgerException(CHAINCODE_UNAVAILABLE, transaction + ": the chaincode server of "
                        + String.join(", ", chaincodeDown) + " cannot be reached (" + where
                        + "); retry when it is back", details, e);
            }
            List<String> peersDown = e.getDetails().stream().filter(d -> transportFailure(d.getMessage()))
                    .map(d -> d.getAddress() + " (" + d.getMspId() + ")").toList();
            if (peersDown.size() == e.getDetails().size()) {
                return new LedgerException(PEER_UNAVAILABLE, transaction + ": the endorsing peer "
                        + String.join(", ", peersDown) + " cannot be reached (" + where + "); retry when it is back",
                        details, e);
            }
        }
        if (ENDORSE.equals(stage) && (code == io.grpc.Status.Code.FAILED_PRECONDITION || code == io.grpc.Status.Code.UNAVAILABLE)
                && description.contains("satisfy the endorsement policy")) {
            // The gateway dropped an endorser it could not reach and has none left for one of the
            // policy's organizations: the same outage as above, seen by the next requests.
            return new LedgerException(PEER_UNAVAILABLE, transaction + ": no set of reachable peers satisfies the"
                    + " endorsement policy (" + where + "): a region's peer is down; retry when it is back", details, e);
        }
        return switch (code) {
            case UNAVAILABLE -> new LedgerException(PEER_UNAVAILABLE, transaction + ": the peer cannot be reached ("
                    + where + "); retry when it is back", details, e);
            case RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED -> new LedgerException(BUSY, transaction
                    + ": the peer is busy (" + code + ": " + where + "); retry in a moment", details, e);
            default -> new LedgerException(stage, transaction + " failed at " + stage.toLowerCase(Locale.ROOT).replace('_', ' ')
                    + ": " + e.getMessage(), details, e);
        };
    }

    static final String ENDORSE = "ENDORSE_FAILED";
    static final String SUBMIT = "SUBMIT_FAILED";

    /**
     * A submit the gateway peer took but could not hand on: it answers UNAVAILABLE "no orderers could
     * successfully process transaction" (every orderer unreachable or answering SERVICE_UNAVAILABLE,
     * as one without a Raft leader does), "no orderer nodes available", or DEADLINE_EXCEEDED "submit
     * timeout expired while broadcasting to ordering service" (or this client's own submit deadline
     * passes: the gateway does nothing but broadcast in a submit, so the wait was the orderers'). An
     * UNAVAILABLE without "orderer" is the gateway peer itself not answering: {@link #PEER_UNAVAILABLE}.
     * Also an ABORTED "received unsuccessful response from orderer" when that orderer answered
     * SERVICE_UNAVAILABLE, or does not serve the channel yet: a node just started at an address of
     * the ordering endpoints and not yet joined to the channel (scripts/replace-orderer.sh brings a
     * new node up at a lost one's address) answers a broadcast for an unknown channel as a channel
     * creation, "channel creation request not allowed because the orderer system channel is not
     * defined" (BAD_REQUEST; seen in fault case 16). Any other refusal by an orderer (a malformed or
     * too large envelope) is not an outage and stays {@link #SUBMIT}.
     */
    private static boolean orderingServiceFailed(io.grpc.Status.Code code, String description) {
        String d = description.toLowerCase(Locale.ROOT);
        return code == io.grpc.Status.Code.DEADLINE_EXCEEDED
                || code == io.grpc.Status.Code.UNAVAILABLE && (d.contains("orderer") || d.contains("ordering service"))
                || code == io.grpc.Status.Code.ABORTED && d.contains("unsuccessful response from orderer")
                        && (d.contains("status=service_unavailable") || d.contains("channel creation request not allowed"));
    }

    /** A peer's answer saying it could not launch, reach or keep its chaincode server (chaincode as a service). */
    private static boolean chaincodeUnreachable(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("could not launch chaincode") || m.contains("chaincode stream terminated")
                || m.contains("error making grpc connection") || m.contains("chaincode registration failed")
                || m.contains("connection to chaincode");
    }

    /** The gateway's note that it could not talk to an endorser at all (gRPC transport failure). */
    private static boolean transportFailure(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        return m.contains("code = unavailable") || m.contains("connection refused") || m.contains("connection error")
                || m.contains("error reading from server") || m.contains("transport is closing");
    }

    static LedgerException from(String transaction, CommitException e) {
        return notCommitted(transaction, e.getTransactionId(), e.getCode(), e);
    }

    /** A transaction the orderer took but the peer marked invalid: a lost MVCC race is {@link #MVCC_CONFLICT}. */
    static LedgerException notCommitted(String transaction, String transactionId,
                                        org.hyperledger.fabric.protos.peer.TxValidationCode code, Throwable cause) {
        if (code == org.hyperledger.fabric.protos.peer.TxValidationCode.MVCC_READ_CONFLICT) {
            return new LedgerException(MVCC_CONFLICT, transaction + " (" + transactionId
                    + ") lost a race: a concurrent transaction changed what it read; retry it", List.of(), cause);
        }
        return new LedgerException("NOT_COMMITTED", transaction + " (" + transactionId
                + ") was ordered but not committed: " + code, List.of(), cause);
    }
}
