// The scripts' EVM helper (scripts/lib/evm.sh), run with Node from .data/evm-tools:
//   node evm.mjs deploy RPC_URL CONTRACT.sol OUT_DIR   compiles with solc, deploys from the node's first
//                                                      unlocked account, prints the contract address
//   node evm.mjs fund RPC_URL ADDRESS WEI               sets a balance (anvil_setBalance: local nodes only)
import solc from 'solc';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';

async function rpc(url, method, params) {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
  const body = await r.json();
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

async function deploy(url, source, outDir) {
  const name = basename(source, '.sol');
  const input = {
    language: 'Solidity',
    sources: { [basename(source)]: { content: readFileSync(source, 'utf8') } },
    settings: { optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
  };
  const out = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (out.errors || []).filter((e) => e.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const c = out.contracts[basename(source)][name];
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${name}.abi.json`), JSON.stringify(c.abi, null, 2));
  writeFileSync(join(outDir, `${name}.bin`), c.evm.bytecode.object);
  writeFileSync(join(outDir, 'solc-version.txt'), solc.version() + '\n');
  const [from] = await rpc(url, 'eth_accounts', []);
  const tx = await rpc(url, 'eth_sendTransaction', [{ from, data: '0x' + c.evm.bytecode.object }]);
  for (let i = 0; i < 120; i++) {
    const receipt = await rpc(url, 'eth_getTransactionReceipt', [tx]);
    if (receipt) {
      if (receipt.status !== '0x1') throw new Error(`deploying ${name} failed in transaction ${tx}`);
      console.log(receipt.contractAddress);
      return;
    }
    await new Promise((res) => setTimeout(res, 250));
  }
  throw new Error(`deploying ${name}: no receipt for ${tx} after 30 s`);
}

const [cmd, url, ...args] = process.argv.slice(2);
try {
  if (cmd === 'deploy') await deploy(url, args[0], args[1]);
  else if (cmd === 'fund') await rpc(url, 'anvil_setBalance', [args[0], '0x' + BigInt(args[1]).toString(16)]);
  else throw new Error('usage: node evm.mjs deploy RPC SOURCE OUT | fund RPC ADDRESS WEI');
} catch (e) {
  console.error(`ERROR: ${e.message}`);
  process.exit(1);
}
