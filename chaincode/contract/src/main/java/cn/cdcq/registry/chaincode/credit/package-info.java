/**
 * Enterprise labor credit on the ledger (docs/design.md §parties): the enterprise register's
 * records (its contract, with the credit profile, is {@code enterprise}, above this package),
 * violations and cross-region notices ({@code violation}), signed A/B/C
 * ratings ({@code rating}), the wage-arrears blacklist ({@code blacklist}) and "double random"
 * spot checks ({@code spotcheck}). Regions always come from the region registry on the ledger.
 */
package cn.cdcq.registry.chaincode.credit;
