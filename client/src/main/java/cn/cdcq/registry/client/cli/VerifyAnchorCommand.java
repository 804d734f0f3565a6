package cn.cdcq.registry.client.cli;

import cn.cdcq.registry.client.anchor.AnchorProof;
import cn.cdcq.registry.client.anchor.AnchorProofVerifier;
import cn.cdcq.registry.client.anchor.AnchorVerification;
import cn.cdcq.registry.client.anchor.EvmChain;
import cn.cdcq.registry.common.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code verify-anchor PROOF.json --rpc-url URL --contract ADDRESS}: checks an inclusion proof (as
 * the public proof endpoints give it) without any service: the Merkle path, the checkpoint hash,
 * both regions' signatures under the certificates in the proof (compare their fingerprints with
 * the bureaus' published ones), the anchor in the given contract on the given chain, and its depth.
 */
@Command(name = "verify-anchor", description = {"Verifies an anchoring inclusion proof offline, against an EVM node.",
        "Exit codes: 0 valid, 3 not valid, 2 bad usage or unreadable proof."})
final class VerifyAnchorCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PROOF", description = "the proof JSON file (GET /api/v1/public/anchor-proofs/...)")
    Path proofFile;

    @Option(names = "--rpc-url", required = true, description = "the EVM chain's JSON-RPC URL")
    String rpcUrl;

    @Option(names = "--contract", required = true, description = "the anchoring contract's address (the one the bureaus publish)")
    String contract;

    @Option(names = "--confirmations", defaultValue = "2", description = "blocks the anchor must be deep (default ${DEFAULT-VALUE})")
    int confirmations;

    @Override
    public Integer call() throws IOException {
        AnchorProof proof = Json.read(Files.readString(proofFile), AnchorProof.class);
        try (EvmChain chain = new EvmChain(rpcUrl, contract, 0)) {
            EvmChain resolved = new EvmChain(rpcUrl, contract, chain.nodeChainId());
            try (resolved) {
                AnchorVerification v = AnchorProofVerifier.verify(proof, resolved, confirmations, Optional.empty());
                System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(v));
                return v.valid() ? 0 : 3;
            }
        }
    }
}
