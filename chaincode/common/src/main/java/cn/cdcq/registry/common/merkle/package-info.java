/**
 * Merkle trees over certificate batches (RFC 6962 hashing), so one region signature covers a
 * whole batch and each certificate stays verifiable on its own through its path.
 */
package cn.cdcq.registry.common.merkle;
