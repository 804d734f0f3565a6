package cn.cdcq.registry.client.anchor;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The anchoring contract on an EVM chain, through Web3j's JSON-RPC client, by hand rather than
 * through generated wrappers: {@code anchor(uint64,bytes32,bytes32)} as a locally signed
 * transaction (its hash is known before it is sent, so it can be recorded first and sent again
 * unchanged), and {@code anchorOf(bytes32)} as a call. Source: client/src/main/solidity.
 */
public final class EvmChain implements AutoCloseable {

    /** What the contract holds for a checkpoint hash; blockNumber 0 when it was never anchored. */
    public record OnChain(long number, String root, long blockNumber) {
    }

    /** A signed transaction: what is sent, and its hash. */
    public record Signed(String rawHex, String txHash, long nonce) {
    }

    private final Web3j web3j;
    private final String contract;
    private final long chainId;

    public EvmChain(String rpcUrl, String contract, long chainId) {
        this.web3j = Web3j.build(new HttpService(rpcUrl));
        this.contract = contract;
        this.chainId = chainId;
    }

    public String contract() {
        return contract;
    }

    public long chainId() {
        return chainId;
    }

    private static <T extends Response<?>> T checked(T r, String what) {
        if (r.hasError()) {
            throw new IllegalStateException(what + ": " + r.getError().getMessage());
        }
        return r;
    }

    static Function anchorFunction(long number, byte[] root, byte[] checkpointHash) {
        return new Function("anchor", List.of(new Uint64(number), new Bytes32(root), new Bytes32(checkpointHash)),
                List.of());
    }

    /** The chain's id as the node reports it. */
    public long nodeChainId() {
        try {
            return checked(web3j.ethChainId().send(), "eth_chainId").getChainId().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException("the EVM node does not answer: " + e.getMessage(), e);
        }
    }

    /** Builds and signs the anchoring transaction: the next nonce, estimated gas (+20 %), the node's gas price. */
    public Signed sign(Credentials account, long number, byte[] root, byte[] checkpointHash) throws IOException {
        String data = FunctionEncoder.encode(anchorFunction(number, root, checkpointHash));
        BigInteger nonce = checked(web3j.ethGetTransactionCount(account.getAddress(), DefaultBlockParameterName.PENDING)
                .send(), "eth_getTransactionCount").getTransactionCount();
        BigInteger gas = checked(web3j.ethEstimateGas(Transaction.createEthCallTransaction(account.getAddress(), contract,
                data)).send(), "the anchoring transaction would fail (eth_estimateGas)").getAmountUsed();
        BigInteger gasLimit = gas.multiply(BigInteger.valueOf(12)).divide(BigInteger.TEN);
        BigInteger gasPrice = checked(web3j.ethGasPrice().send(), "eth_gasPrice").getGasPrice()
                .multiply(BigInteger.TWO);
        RawTransaction raw = RawTransaction.createTransaction(nonce, gasPrice, gasLimit, contract, BigInteger.ZERO, data);
        String hex = Numeric.toHexString(TransactionEncoder.signMessage(raw, chainId, account));
        return new Signed(hex, Hash.sha3(hex), nonce.longValueExact());
    }

    /** Sends a signed transaction; a node that already has it is no error. */
    public void send(String rawHex) throws IOException {
        var r = web3j.ethSendRawTransaction(rawHex).send();
        if (r.hasError()) {
            String m = r.getError().getMessage();
            if (m != null && (m.contains("already known") || m.contains("already imported"))) {
                return;
            }
            throw new IllegalStateException("the node refused the anchoring transaction: " + m);
        }
    }

    public Optional<TransactionReceipt> receipt(String txHash) throws IOException {
        return checked(web3j.ethGetTransactionReceipt(txHash).send(), "eth_getTransactionReceipt").getTransactionReceipt();
    }

    /** Whether the node knows the transaction at all (mined or in its pool). */
    public boolean known(String txHash) throws IOException {
        return checked(web3j.ethGetTransactionByHash(txHash).send(), "eth_getTransactionByHash").getTransaction()
                .isPresent();
    }

    public long blockNumber() throws IOException {
        return checked(web3j.ethBlockNumber().send(), "eth_blockNumber").getBlockNumber().longValueExact();
    }

    public BigInteger balance(String address) throws IOException {
        return checked(web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST).send(), "eth_getBalance")
                .getBalance();
    }

    /** The contract's record of a checkpoint hash. */
    @SuppressWarnings("rawtypes")
    public OnChain anchorOf(byte[] checkpointHash) throws IOException {
        Function f = new Function("anchorOf", List.of(new Bytes32(checkpointHash)), List.of(
                new TypeReference<Uint64>() { }, new TypeReference<Bytes32>() { }, new TypeReference<Uint64>() { }));
        String value = checked(web3j.ethCall(Transaction.createEthCallTransaction(null, contract,
                FunctionEncoder.encode(f)), DefaultBlockParameterName.LATEST).send(), "eth_call anchorOf").getValue();
        List<Type> out = FunctionReturnDecoder.decode(value, f.getOutputParameters());
        if (out.size() != 3) {
            throw new IllegalStateException("the contract at " + contract + " did not answer anchorOf: is it the "
                    + "registry's CheckpointAnchor contract?");
        }
        return new OnChain(((BigInteger) out.get(0).getValue()).longValueExact(),
                Numeric.toHexStringNoPrefix((byte[]) out.get(1).getValue()),
                ((BigInteger) out.get(2).getValue()).longValueExact());
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
