/**
 * Cross-region cases on the ledger: complaints filed in either region and transferred
 * to the region with jurisdiction, assisted-investigation requests ({@code cases}), and the
 * working-day calendar and deadlines they run on ({@code calendar}).
 */
package cn.cdcq.registry.chaincode.cases;
