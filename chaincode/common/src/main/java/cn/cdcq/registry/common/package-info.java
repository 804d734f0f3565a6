/**
 * What the chaincode and the regional service must agree on byte for byte: national-format
 * validators, canonical JSON, hashing, signatures, Merkle proofs and holder pseudonyms.
 *
 * <p>Both sides depend on this one module instead of each writing their own, so the bytes one side
 * signs are the bytes the other verifies. It depends on neither the Fabric shim nor Spring.
 * Every rejection is an {@link cn.cdcq.registry.common.InvalidInputException} with a code and a
 * message a person can act on.
 */
package cn.cdcq.registry.common;
