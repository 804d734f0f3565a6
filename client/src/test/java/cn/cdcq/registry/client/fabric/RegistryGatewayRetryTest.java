package cn.cdcq.registry.client.fabric;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryGatewayRetryTest {

    final List<Integer> pauses = new ArrayList<>();

    @Test
    void anMvccConflictIsRetriedUntilItCommits() {
        AtomicInteger calls = new AtomicInteger();
        String result = RegistryGateway.retryingConflicts(3, () -> {
            if (calls.incrementAndGet() < 3) {
                throw new LedgerException(LedgerException.MVCC_CONFLICT, "lost a race", List.of(), null);
            }
            return "committed";
        }, pauses::add);
        assertThat(result).isEqualTo("committed");
        assertThat(pauses).containsExactly(1, 2);
    }

    @Test
    void theLastConflictAndEveryOtherRefusalReachTheCaller() {
        assertThatThrownBy(() -> RegistryGateway.retryingConflicts(2, () -> {
            throw new LedgerException(LedgerException.MVCC_CONFLICT, "lost a race", List.of(), null);
        }, pauses::add)).isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("MVCC_CONFLICT"));
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> RegistryGateway.retryingConflicts(5, () -> {
            calls.incrementAndGet();
            throw new LedgerException("FORBIDDEN", "no", List.of(), null);
        }, pauses::add)).isInstanceOf(LedgerException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aTransactionMarkedMvccReadConflictAtCommitIsAnMvccConflictWhicheverWayItWasSubmitted() {
        LedgerException lost = LedgerException.notCommitted("certificate:issueBatch", "tx1",
                org.hyperledger.fabric.protos.peer.TxValidationCode.MVCC_READ_CONFLICT, null);
        assertThat(lost.code()).isEqualTo(LedgerException.MVCC_CONFLICT);
        assertThat(lost.getMessage()).contains("tx1", "lost a race");
        LedgerException other = LedgerException.notCommitted("certificate:issueBatch", "tx2",
                org.hyperledger.fabric.protos.peer.TxValidationCode.ENDORSEMENT_POLICY_FAILURE, null);
        assertThat(other.code()).isEqualTo("NOT_COMMITTED");
        assertThat(other.getMessage()).contains("ENDORSEMENT_POLICY_FAILURE");
    }
}
