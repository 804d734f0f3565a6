/**
 * Cross-region cases shared by the chaincode and the client: complaints transferred to the
 * region with jurisdiction, assisted-investigation requests, and the working-day calendar their
 * deadlines are computed with.
 */
package cn.cdcq.registry.common.cases;
