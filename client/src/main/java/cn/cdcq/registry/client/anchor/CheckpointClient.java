package cn.cdcq.registry.client.anchor;

import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.common.anchor.Checkpoint;
import cn.cdcq.registry.common.anchor.CheckpointStatement;
import cn.cdcq.registry.common.anchor.CheckpointTransactions;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.json.Json;

import java.util.List;

/** The checkpoint contract, typed: each call signed by the gateway's user. */
public final class CheckpointClient {

    private final RegistryGateway gateway;

    public CheckpointClient(RegistryGateway gateway) {
        this.gateway = gateway;
    }

    RegistryGateway gateway() {
        return gateway;
    }

    Checkpoint propose(CheckpointStatement statement, byte[] signature) {
        return Json.read(gateway.submit(CheckpointTransactions.CONTRACT, CheckpointTransactions.PROPOSE_CHECKPOINT,
                Json.write(statement), Hashes.hex(signature)), Checkpoint.class);
    }

    Checkpoint countersign(long number, byte[] signature) {
        return Json.read(gateway.submit(CheckpointTransactions.CONTRACT, CheckpointTransactions.COUNTERSIGN_CHECKPOINT,
                Long.toString(number), Hashes.hex(signature)), Checkpoint.class);
    }

    Checkpoint refuse(long number, String reasonCode, String detail) {
        return Json.read(gateway.submit(CheckpointTransactions.CONTRACT, CheckpointTransactions.REFUSE_CHECKPOINT,
                Long.toString(number), reasonCode, detail), Checkpoint.class);
    }

    Checkpoint recordAnchor(long number, Checkpoint.Anchor anchor) {
        return Json.read(gateway.submit(CheckpointTransactions.CONTRACT, CheckpointTransactions.RECORD_ANCHOR,
                Long.toString(number), Json.write(anchor)), Checkpoint.class);
    }

    public Checkpoint checkpoint(long number) {
        return Json.read(gateway.evaluate(CheckpointTransactions.CONTRACT, CheckpointTransactions.GET_CHECKPOINT,
                Long.toString(number)), Checkpoint.class);
    }

    public List<Checkpoint> checkpoints() {
        return Json.readList(gateway.evaluate(CheckpointTransactions.CONTRACT, CheckpointTransactions.LIST_CHECKPOINTS),
                Checkpoint.class);
    }
}
