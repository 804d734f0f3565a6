/**
 * Enterprise labor credit shared by the chaincode and the client (docs/design.md §parties): the
 * records of the enterprise register, violations and their cross-region notices, A/B/C ratings (and the one
 * rules engine and signed statement both sides use), the wage-arrears blacklist, and the
 * "double random" spot-check draw that anyone can recompute from the ledger.
 */
package cn.cdcq.registry.common.credit;
