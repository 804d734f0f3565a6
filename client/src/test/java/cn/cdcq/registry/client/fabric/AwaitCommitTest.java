package cn.cdcq.registry.client.fabric;

import io.grpc.CallOptions;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link RegistryGateway#awaitCommit}: the wait for a commit in rounds, the same signed
 * transaction sent again after each round without one. A fake clock moves by each round's
 * deadline when a copy's status call runs out, as the gateway's would.
 */
@org.junit.jupiter.api.Timeout(10)
class AwaitCommitTest {

    long now = 1_000_000;
    /** The deadline each status call was given, in milliseconds. */
    final List<Long> rounds = new ArrayList<>();
    /** What the next copies sent again do: a copy, or null for a copy the orderers refuse. */
    final Deque<SubmittedTransaction> resent = new ArrayDeque<>();
    int sent;

    final Transaction endorsed = new Transaction() {
        @Override public byte[] getResult() { return new byte[0]; }
        @Override public String getTransactionId() { return "tx1"; }
        @Override public byte[] submit(UnaryOperator<CallOptions> options) { throw new UnsupportedOperationException(); }
        @Override public SubmittedTransaction submitAsync(UnaryOperator<CallOptions> options) throws SubmitException {
            sent++;
            SubmittedTransaction next = resent.poll();
            if (next == null) {
                throw new SubmitException("tx1", io.grpc.Status.UNAVAILABLE.withDescription("no orderers could successfully process transaction").asRuntimeException());
            }
            return next;
        }
        @Override public byte[] getBytes() { return new byte[0]; }
        @Override public byte[] getDigest() { return new byte[0]; }
    };

    /** A copy whose status call runs out its deadline. */
    SubmittedTransaction lost() {
        return copy(null, io.grpc.Status.DEADLINE_EXCEEDED);
    }

    /** A copy whose status call answers {@code status}, or fails with {@code failure}. */
    SubmittedTransaction copy(Status status, io.grpc.Status failure) {
        return new SubmittedTransaction() {
            @Override public byte[] getResult() { return new byte[0]; }
            @Override public String getTransactionId() { return "tx1"; }
            @Override public Status getStatus(UnaryOperator<CallOptions> options) throws CommitStatusException {
                // The round as asked, in whole seconds (the deadline's remaining time is a little less).
                long deadline = Math.round(options.apply(CallOptions.DEFAULT).getDeadline()
                        .timeRemaining(TimeUnit.MILLISECONDS) / 1000.0) * 1000;
                rounds.add(deadline);
                if (status != null) {
                    now += 300;
                    return status;
                }
                if (failure.getCode() == io.grpc.Status.Code.DEADLINE_EXCEEDED) {
                    now += deadline;
                }
                throw new CommitStatusException("tx1", failure.asRuntimeException());
            }
            @Override public byte[] getBytes() { return new byte[0]; }
            @Override public byte[] getDigest() { return new byte[0]; }
        };
    }

    static Status committed(long block) {
        return new Status() {
            @Override public String getTransactionId() { return "tx1"; }
            @Override public long getBlockNumber() { return block; }
            @Override public TxValidationCode getCode() { return TxValidationCode.VALID; }
            @Override public boolean isSuccessful() { return true; }
        };
    }

    Status await(SubmittedTransaction first, long waitMillis, long resubmitMillis) throws CommitStatusException {
        return RegistryGateway.awaitCommit("certificate:issue", endorsed, first, waitMillis, resubmitMillis, () -> now);
    }

    @Test
    void aCommitWithinTheFirstRoundSendsNothingAgain() throws Exception {
        assertThat(await(copy(committed(7), null), 60_000, 15_000).getBlockNumber()).isEqualTo(7);
        assertThat(rounds).containsExactly(15_000L);
        assertThat(sent).isZero();
    }

    @Test
    void aTransactionLostWithTheOrdererIsSentAgainAndItsCommitAnswers() throws Exception {
        resent.add(copy(committed(42), null));
        Status status = await(lost(), 60_000, 15_000);
        assertThat(status.getBlockNumber()).isEqualTo(42);
        assertThat(rounds).containsExactly(15_000L, 15_000L);
        assertThat(sent).isEqualTo(1);
    }

    @Test
    void withNoCommitTheWaitEndsAtItsDeadlineAfterACopyPerRound() {
        resent.add(lost());
        resent.add(lost());
        resent.add(lost());
        assertThatThrownBy(() -> await(lost(), 50_000, 15_000))
                .isInstanceOfSatisfying(CommitStatusException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.DEADLINE_EXCEEDED));
        // 15 + 15 + 15 + the 5 s left: the whole wait, never more.
        assertThat(rounds).containsExactly(15_000L, 15_000L, 15_000L, 5_000L);
        assertThat(sent).isEqualTo(3);
    }

    @Test
    void aResubmitIntervalNotBelowTheWaitMeansOneRoundAndNoCopy() {
        assertThatThrownBy(() -> await(lost(), 60_000, 60_000)).isInstanceOf(CommitStatusException.class);
        assertThat(rounds).containsExactly(60_000L);
        assertThat(sent).isZero();
    }

    @Test
    void aCopyTheOrderersRefuseLeavesTheWaitOnTheOneAlreadySent() throws Exception {
        Deque<Status> answers = new ArrayDeque<>(List.of(committed(9)));
        SubmittedTransaction slow = new SubmittedTransaction() {
            @Override public byte[] getResult() { return new byte[0]; }
            @Override public String getTransactionId() { return "tx1"; }
            @Override public Status getStatus(UnaryOperator<CallOptions> options) throws CommitStatusException {
                rounds.add(15_000L);
                if (rounds.size() == 1) {
                    now += 15_000;
                    throw new CommitStatusException("tx1", io.grpc.Status.DEADLINE_EXCEEDED.asRuntimeException());
                }
                return answers.poll();
            }
            @Override public byte[] getBytes() { return new byte[0]; }
            @Override public byte[] getDigest() { return new byte[0]; }
        };
        // resent is empty: the copy is refused (SubmitException) and the first copy is asked again.
        assertThat(await(slow, 60_000, 15_000).getBlockNumber()).isEqualTo(9);
        assertThat(sent).isEqualTo(1);
        assertThat(rounds).hasSize(2);
    }

    @Test
    void aStatusCallFailingOtherwiseReachesTheCallerAtOnce() {
        assertThatThrownBy(() -> await(copy(null, io.grpc.Status.UNAVAILABLE), 60_000, 15_000))
                .isInstanceOfSatisfying(CommitStatusException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE));
        assertThat(sent).isZero();
    }
}
