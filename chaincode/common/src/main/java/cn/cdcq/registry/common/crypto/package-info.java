/**
 * Hashing ({@link cn.cdcq.registry.common.crypto.Hashes}, JDK provider) and ECDSA P-256
 * attestation signatures ({@link cn.cdcq.registry.common.crypto.Signatures}, Bouncy Castle
 * provider, never registered globally): the one implementation of each that chaincode and client
 * share, so what one side signs the other verifies.
 */
package cn.cdcq.registry.common.crypto;
