/**
 * The enterprise register's contract and the credit profile: the top of the chaincode, the one
 * place that reads both {@code credit} and {@code cases} (docs/design.md §6.2).
 */
package cn.cdcq.registry.chaincode.enterprise;
