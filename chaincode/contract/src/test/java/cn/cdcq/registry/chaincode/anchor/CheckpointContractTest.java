package cn.cdcq.registry.chaincode.anchor;

import cn.cdcq.registry.chaincode.credit.CreditFixture;
import cn.cdcq.registry.chaincode.testing.EmittedEvent;
import cn.cdcq.registry.chaincode.testing.TestIdentity;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.anchor.AnchorLeaf;
import cn.cdcq.registry.common.anchor.Checkpoint;
import cn.cdcq.registry.common.anchor.CheckpointStatement;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointContractTest {

    private final CreditFixture f = new CreditFixture(Instant.parse("2026-11-20T02:00:00Z"));
    private final CheckpointContract checkpoints = new CheckpointContract();

    private static String root(String text) {
        return Hashes.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static CheckpointStatement statement(long number, long from, long to, String root, String previous,
                                                 String region) {
        return new CheckpointStatement(number, from, to, 3, root, previous, region);
    }

    private String sig(CheckpointStatement s, TestIdentity attestation) {
        return Hashes.hex(s.sign(attestation.privateKey()));
    }

    private Checkpoint propose(TestIdentity bureau, TestIdentity attestation, CheckpointStatement s) {
        String signature = sig(s, attestation);
        return Json.read(f.network.<String>invoke(bureau,
                ctx -> checkpoints.proposeCheckpoint(ctx, Json.write(s), signature)), Checkpoint.class);
    }

    private Checkpoint countersign(TestIdentity bureau, TestIdentity attestation, CheckpointStatement s) {
        String signature = sig(s, attestation);
        return Json.read(f.network.<String>invoke(bureau,
                ctx -> checkpoints.countersignCheckpoint(ctx, Long.toString(s.number()), signature)), Checkpoint.class);
    }

    private Checkpoint get(long number) {
        return Json.read(f.network.<String>evaluate(f.cdBureau,
                ctx -> checkpoints.getCheckpoint(ctx, Long.toString(number))), Checkpoint.class);
    }

    private static String anchor(Checkpoint.AnchorStatus status, String tx, Long block, int confirmations, String detail) {
        return Json.write(new Checkpoint.Anchor(status, 31337, "0x" + "ab".repeat(20), "0x" + "cd".repeat(20), tx, block,
                confirmations, 1, detail, null));
    }

    @Test
    void aCheckpointIsInForceOnlyWithBothRegionsSignaturesAndTheNextOneContinuesIt() {
        CheckpointStatement first = statement(1, 0, 40, root("one"), CheckpointStatement.GENESIS, "CD");
        Checkpoint proposed = propose(f.cdBureau, f.cdAttestation, first);
        assertThat(proposed.status()).isEqualTo(Checkpoint.Status.PROPOSED);
        assertThat(proposed.hash()).isEqualTo(first.hash());
        assertThat(proposed.proposerSignature().regionCode()).isEqualTo("CD");
        assertThat(f.network.lastEvent()).map(EmittedEvent::name).hasValue("CheckpointProposed");

        Checkpoint signed = countersign(f.cqBureau, f.cqAttestation, first);
        assertThat(signed.status()).isEqualTo(Checkpoint.Status.SIGNED);
        assertThat(first.verify(f.cdAttestation.certificate().getPublicKey(),
                Hashes.fromHex(signed.proposerSignature().signatureHex()))).isTrue();
        assertThat(first.verify(f.cqAttestation.certificate().getPublicKey(),
                Hashes.fromHex(signed.counterSignature().signatureHex()))).isTrue();
        assertThat(f.network.lastEvent()).map(EmittedEvent::name).hasValue("CheckpointSigned");

        f.assertRefused(ErrorCode.CONFLICT, () -> propose(f.cqBureau, f.cqAttestation,
                statement(2, 40, 50, root("two"), first.hash(), "CQ")));
        f.assertRefused(ErrorCode.CONFLICT, () -> propose(f.cqBureau, f.cqAttestation,
                statement(2, 41, 50, root("two"), CheckpointStatement.GENESIS, "CQ")));
        CheckpointStatement second = statement(2, 41, 50, root("two"), first.hash(), "CQ");
        propose(f.cqBureau, f.cqAttestation, second);
        assertThat(countersign(f.cdBureau, f.cdAttestation, second).status()).isEqualTo(Checkpoint.Status.SIGNED);
        List<?> all = Json.read(f.network.<String>evaluate(f.cqBureau, ctx -> checkpoints.listCheckpoints(ctx)), List.class);
        assertThat(all).hasSize(2);
    }

    @Test
    void theProposingRegionCannotCountersignItsOwnCheckpointNorSignAsAnotherRegion() {
        CheckpointStatement s = statement(1, 0, 9, root("one"), CheckpointStatement.GENESIS, "CD");
        propose(f.cdBureau, f.cdAttestation, s);
        f.assertRefused(ErrorCode.FORBIDDEN, () -> countersign(f.cdBureau, f.cdAttestation, s));
        f.assertRefused(ErrorCode.FORBIDDEN, () -> propose(f.cqBureau, f.cqAttestation,
                statement(1, 0, 9, root("one"), CheckpointStatement.GENESIS, "CD")));
        f.assertRefused(ErrorCode.FORBIDDEN, () -> countersign(f.cdInspector, f.cqAttestation, s));
        assertThat(get(1).status()).isEqualTo(Checkpoint.Status.PROPOSED);
    }

    @Test
    void aSignatureByTheWrongKeyOrOverAnotherStatementIsRefused() {
        CheckpointStatement s = statement(1, 0, 9, root("one"), CheckpointStatement.GENESIS, "CD");
        String wrongKey = sig(s, f.cqAttestation);
        f.assertRefused(ErrorCode.INVALID_SIGNATURE, () -> f.network.invoke(f.cdBureau,
                ctx -> checkpoints.proposeCheckpoint(ctx, Json.write(s), wrongKey)));
        propose(f.cdBureau, f.cdAttestation, s);
        CheckpointStatement altered = statement(1, 0, 9, root("altered"), CheckpointStatement.GENESIS, "CD");
        String overAltered = sig(altered, f.cqAttestation);
        f.assertRefused(ErrorCode.INVALID_SIGNATURE, () -> f.network.invoke(f.cqBureau,
                ctx -> checkpoints.countersignCheckpoint(ctx, "1", overAltered)));
    }

    @Test
    void aCheckpointSignedByOneRegionOnlyIsNeverAnchoredAndARefusedOneCanBeProposedAgain() {
        CheckpointStatement s = statement(1, 0, 9, root("one"), CheckpointStatement.GENESIS, "CD");
        propose(f.cdBureau, f.cdAttestation, s);
        String tx = "0x" + "11".repeat(32);
        f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cdBureau,
                ctx -> checkpoints.recordAnchor(ctx, "1", anchor(Checkpoint.AnchorStatus.PENDING, tx, null, 0, null))));
        f.assertRefused(ErrorCode.CONFLICT, () -> propose(f.cdBureau, f.cdAttestation, s));

        Checkpoint refused = Json.read(f.network.<String>invoke(f.cqBureau, ctx -> checkpoints.refuseCheckpoint(ctx, "1",
                "ROOT_MISMATCH", "peer0-chongqing gives root 00ff.. over 4 writes")), Checkpoint.class);
        assertThat(refused.status()).isEqualTo(Checkpoint.Status.REFUSED);
        assertThat(refused.refusal().reasonCode()).isEqualTo("ROOT_MISMATCH");
        f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cdBureau,
                ctx -> checkpoints.recordAnchor(ctx, "1", anchor(Checkpoint.AnchorStatus.PENDING, tx, null, 0, null))));
        f.assertRefused(ErrorCode.CONFLICT, () -> countersign(f.cqBureau, f.cqAttestation, s));

        CheckpointStatement again = statement(1, 0, 9, root("recomputed"), CheckpointStatement.GENESIS, "CD");
        propose(f.cdBureau, f.cdAttestation, again);
        assertThat(countersign(f.cqBureau, f.cqAttestation, again).hash()).isEqualTo(again.hash());
    }

    @Test
    void anAnchorGoesPendingThenConfirmedOnceAndAPendingTransactionIsNotReplacedUnlessItFailed() {
        CheckpointStatement s = statement(1, 0, 9, root("one"), CheckpointStatement.GENESIS, "CD");
        propose(f.cdBureau, f.cdAttestation, s);
        countersign(f.cqBureau, f.cqAttestation, s);
        String tx1 = "0x" + "11".repeat(32);
        String tx2 = "0x" + "22".repeat(32);
        f.network.<String>invoke(f.cdBureau, ctx -> checkpoints.recordAnchor(ctx, "1",
                anchor(Checkpoint.AnchorStatus.PENDING, tx1, null, 0, null)));
        f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cdBureau, ctx -> checkpoints.recordAnchor(ctx, "1",
                anchor(Checkpoint.AnchorStatus.PENDING, tx2, null, 0, null))));
        f.network.<String>invoke(f.cdBureau, ctx -> checkpoints.recordAnchor(ctx, "1",
                anchor(Checkpoint.AnchorStatus.FAILED, tx1, null, 0, "dropped by the node")));
        f.network.<String>invoke(f.cdBureau, ctx -> checkpoints.recordAnchor(ctx, "1",
                anchor(Checkpoint.AnchorStatus.PENDING, tx2, null, 0, null)));
        f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.network.invoke(f.cdBureau, ctx -> checkpoints.recordAnchor(ctx,
                "1", anchor(Checkpoint.AnchorStatus.CONFIRMED, tx2, null, 0, null))));
        f.network.<String>invoke(f.cdBureau, ctx -> checkpoints.recordAnchor(ctx, "1",
                anchor(Checkpoint.AnchorStatus.CONFIRMED, tx2, 7L, 3, null)));
        Checkpoint c = get(1);
        assertThat(c.anchor().status()).isEqualTo(Checkpoint.AnchorStatus.CONFIRMED);
        assertThat(c.anchor().txHash()).isEqualTo(tx2);
        assertThat(f.network.lastEvent()).map(EmittedEvent::name).hasValue("CheckpointAnchorChanged");
        f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cdBureau, ctx -> checkpoints.recordAnchor(ctx, "1",
                anchor(Checkpoint.AnchorStatus.FAILED, tx2, null, 0, "late"))));
    }

    @Test
    void theKeysProofsNameAreTheChaincodes() {
        assertThat(AnchorLeaf.certificateKey("S000051000000126500001"))
                .isEqualTo(f.network.<String>evaluate(f.cdBureau,
                        ctx -> ctx.getStub().createCompositeKey("certificate", "S000051000000126500001").toString()));
    }
}
