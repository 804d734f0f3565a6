/**
 * Holder pseudonyms and commitments: how a worker is represented on the shared ledger without
 * personal data, per the design's privacy section (PIPL minimum personal data).
 */
package cn.cdcq.registry.common.privacy;
