package cn.cdcq.registry.chaincode.support;

import cn.cdcq.registry.chaincode.credit.CreditFixture;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.settings.SettingProposal;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ScanResult;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each endorsing peer refuses a proposal stamped too far from its own clock. The peer's clock
 * here is the test machine's: the proposals are stamped relative to it, minutes apart, so the
 * outcome does not depend on how fast the test runs.
 */
class TransactionClockTest {

    private final CreditFixture f = new CreditFixture(Instant.now());

    /** Runs the shim's before-transaction hook of a real contract, as the router does, on both peers. */
    private String submitStampedAt(Instant stamp) {
        f.network.setClock(stamp);
        return f.network.<String>invoke(f.cdBureau, (Context ctx) -> {
            f.ratings.beforeTransaction(ctx);
            return "accepted";
        });
    }

    @Test
    void aProposalStampedNowIsAcceptedOneBackdatedOrPostdatedBeyondTheWindowIsRefused() {
        assertThat(submitStampedAt(Instant.now().minus(Duration.ofMinutes(2)))).isEqualTo("accepted");
        assertThat(submitStampedAt(Instant.now().plus(Duration.ofMinutes(2)))).isEqualTo("accepted");
        for (Duration off : List.of(Duration.ofMinutes(-10), Duration.ofMinutes(10), Duration.ofDays(-365))) {
            assertThatThrownBy(() -> submitStampedAt(Instant.now().plus(off)))
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                        assertThat(e.getMessage()).contains("transaction timestamp", "300 s");
                    });
        }
    }

    @Test
    void theWindowIsTheOneBothRegionsAgreedOnTheLedger() {
        f.network.setClock(Instant.now());
        SettingProposal p = CreditFixture.read(f.network.<String>invoke(f.cqBureau,
                ctx -> f.settings.proposeClockWindow(ctx, "60")), SettingProposal.class);
        assertThat(submitStampedAt(Instant.now().minus(Duration.ofMinutes(2)))).as("still 5 minutes until accepted")
                .isEqualTo("accepted");
        f.network.setClock(Instant.now());
        f.network.<String>invoke(f.cdBureau, ctx -> f.settings.acceptProposal(ctx, p.id()));
        assertThatThrownBy(() -> submitStampedAt(Instant.now().minus(Duration.ofMinutes(2))))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.getMessage()).contains("60 s"));
    }

    @Test
    void everyContractOfTheChaincodeRunsTheCheck() throws Exception {
        try (ScanResult scan = new ClassGraph().enableAnnotationInfo().acceptPackages("cn.cdcq.registry.chaincode").scan()) {
            List<Class<?>> contracts = scan.getClassesWithAnnotation(Contract.class.getName()).loadClasses();
            assertThat(contracts).hasSizeGreaterThan(10);
            for (Class<?> c : contracts) {
                assertThat(RegistryContract.class).as(c.getName()).isAssignableFrom(c);
                assertThat(c.getMethod("beforeTransaction", Context.class).getDeclaringClass())
                        .as(c.getName() + " must not replace the clock check").isEqualTo(RegistryContract.class);
            }
        }
    }
}
