package cn.cdcq.registry.client.fabric;

import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.client.api.CodedException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.CommitException;

import java.util.List;
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
    /** The peer could not be reached. Retry later. */
    public static final String PEER_UNAVAILABLE = "PEER_UNAVAILABLE";

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

    /** One line per peer that answered: "address (MSP): message". */
    public List<String> peerDetails() {
        return peerDetails;
    }

    static LedgerException from(String stage, String transaction, GatewayException e) {
        List<String> details = e.getDetails().stream()
                .map(d -> d.getAddress() + " (" + d.getMspId() + "): " + d.getMessage()).toList();
        for (var d : e.getDetails()) {
            Matcher m = CHAINCODE_MESSAGE.matcher(d.getMessage());
            if (m.find()) {
                return new LedgerException(m.group(1), m.group(2), details, e);
            }
        }
        return switch (e.getStatus().getCode()) {
            case UNAVAILABLE -> new LedgerException(PEER_UNAVAILABLE, transaction + ": the peer cannot be reached ("
                    + e.getStatus().getDescription() + "); retry when it is back", details, e);
            case RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED -> new LedgerException(BUSY, transaction
                    + ": the peer is busy (" + e.getStatus().getCode() + "); retry in a moment", details, e);
            default -> new LedgerException(stage, transaction + " failed at " + stage.toLowerCase().replace('_', ' ')
                    + ": " + e.getMessage(), details, e);
        };
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
