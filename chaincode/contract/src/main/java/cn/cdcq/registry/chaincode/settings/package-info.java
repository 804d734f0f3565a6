/**
 * Settings neither region may change alone (issue 10): the working-day calendar, the case
 * deadlines and the transaction-time window, proposed by one region and in force only once the
 * other accepts; and each region's own Order 45 wage-arrears threshold, changed only by that
 * region and kept with every earlier revision.
 */
package cn.cdcq.registry.chaincode.settings;
