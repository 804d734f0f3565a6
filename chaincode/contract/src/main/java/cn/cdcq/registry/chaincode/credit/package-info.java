/**
 * Enterprise labor credit on the ledger (issue 5, DESIGN §5): the enterprise register
 * ({@code enterprise}), violations and cross-region notices ({@code violation}), signed A/B/C
 * ratings ({@code rating}), the wage-arrears blacklist ({@code blacklist}) and "double random"
 * spot checks ({@code spotcheck}). Regions always come from the region registry on the ledger.
 */
package cn.cdcq.registry.chaincode.credit;
