// An independent verifier of the registry's credentials, sharing no code with it: RFC 8785 from
// npm's "canonicalize", ECDSA P-256 from Node's WebCrypto, status lists from
// @digitalbazaar/vc-bitstring-status-list. Run by the end-to-end tests (client/.../e2e).
//
//   node verify-credential.mjs verify CREDENTIAL.json   resolves the issuer's did:web (over http, as
//                                                        the local services serve it), fetches each
//                                                        status list, prints a JSON report
//   node verify-credential.mjs canonicalize FILE.json   prints the RFC 8785 form of FILE
import {readFileSync} from 'node:fs';
import {webcrypto} from 'node:crypto';
import canonicalize from 'canonicalize';
import {decodeList} from '@digitalbazaar/vc-bitstring-status-list';

const subtle = webcrypto.subtle;
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
// P-256: p, b (a = -3), for decompressing a Multikey's point.
const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;

function base58btc(multibase) {
  if (!multibase.startsWith('z')) throw new Error(`not base58btc multibase: ${multibase}`);
  let n = 0n;
  for (const c of multibase.slice(1)) {
    const d = BASE58.indexOf(c);
    if (d < 0) throw new Error(`bad base58 character ${c}`);
    n = n * 58n + BigInt(d);
  }
  const hex = n.toString(16);
  const bytes = Buffer.from(hex.length % 2 ? '0' + hex : hex, 'hex');
  const zeros = multibase.slice(1).match(/^1*/)[0].length;
  return Buffer.concat([Buffer.alloc(zeros), bytes]);
}

function modPow(b, e, m) {
  let r = 1n;
  b %= m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}

async function importMultikey(publicKeyMultibase) {
  const bytes = base58btc(publicKeyMultibase);
  if (bytes.length !== 35 || bytes[0] !== 0x80 || bytes[1] !== 0x24) throw new Error('not a P-256 Multikey');
  const x = BigInt('0x' + bytes.subarray(3).toString('hex'));
  let y = modPow((x * x * x - 3n * x + B) % P, (P + 1n) / 4n, P);
  if ((y & 1n) !== BigInt(bytes[2] & 1)) y = P - y;
  const coordinate = (v) => Buffer.from(v.toString(16).padStart(64, '0'), 'hex');
  const raw = Buffer.concat([Buffer.from([4]), coordinate(x), coordinate(y)]);
  return subtle.importKey('raw', raw, {name: 'ECDSA', namedCurve: 'P-256'}, false, ['verify']);
}

function didWebUrl(did) {
  const parts = did.slice('did:web:'.length).split(':').map(decodeURIComponent);
  return 'http://' + parts[0] + (parts.length === 1 ? '/.well-known' : '/' + parts.slice(1).join('/')) + '/did.json';
}

async function fetchJson(url) {
  const response = await fetch(url, {headers: {accept: 'application/json'}});
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return response.json();
}

const sha256 = async (text) => Buffer.from(await subtle.digest('SHA-256', new TextEncoder().encode(text)));

/** ecdsa-jcs-2019 (W3C vc-di-ecdsa §3.3) under the issuer's did:web key. */
async function verifyProof(document) {
  const {proof, ...unsecured} = document;
  const {proofValue, ...proofConfig} = proof;
  if (proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'ecdsa-jcs-2019') throw new Error('not ecdsa-jcs-2019');
  proofConfig['@context'] = unsecured['@context'];
  const documentHash = await sha256(canonicalize(unsecured));
  const proofHash = await sha256(canonicalize(proofConfig));
  const methodId = proof.verificationMethod;
  const issuer = typeof document.issuer === 'string' ? document.issuer : document.issuer.id;
  const controller = methodId.split('#')[0];
  if (controller !== issuer) throw new Error(`key ${methodId} is not the issuer ${issuer}'s`);
  const didDocument = await fetchJson(didWebUrl(controller));
  const method = didDocument.verificationMethod.find((m) => m.id === methodId);
  if (!method || !didDocument.assertionMethod.includes(methodId)) throw new Error(`no assertion method ${methodId}`);
  const key = await importMultikey(method.publicKeyMultibase);
  const valid = await subtle.verify({name: 'ECDSA', hash: 'SHA-256'}, key, base58btc(proofValue),
      Buffer.concat([proofHash, documentHash]));
  return {valid, documentHash: documentHash.toString('hex'), proofHash: proofHash.toString('hex'), methodId};
}

async function verify(file) {
  const credential = JSON.parse(readFileSync(file, 'utf8'));
  const proof = await verifyProof(credential);
  const status = {};
  for (const entry of [].concat(credential.credentialStatus ?? [])) {
    const list = await fetchJson(entry.statusListCredential);
    const listProof = await verifyProof(list);
    const decoded = await decodeList({encodedList: list.credentialSubject.encodedList});
    const index = Number.parseInt(entry.statusListIndex, 10);
    status[entry.statusPurpose] = {
      listProofValid: listProof.valid, validUntil: list.validUntil, length: decoded.length,
      index, set: decoded.getStatus(index),
    };
  }
  return {proofValid: proof.valid, documentHash: proof.documentHash, proofHash: proof.proofHash,
    verificationMethod: proof.methodId, status};
}

const [command, file] = process.argv.slice(2);
try {
  if (command === 'verify') {
    console.log(JSON.stringify(await verify(file)));
  } else if (command === 'canonicalize') {
    process.stdout.write(canonicalize(JSON.parse(readFileSync(file, 'utf8'))));
  } else {
    console.error('usage: node verify-credential.mjs verify|canonicalize FILE');
    process.exit(2);
  }
} catch (e) {
  console.error(`ERROR: ${e.message}`);
  process.exit(1);
}
