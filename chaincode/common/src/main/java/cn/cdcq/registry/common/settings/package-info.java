/**
 * Settings both regions rely on: the shared ones (working-day calendar, case deadlines, the
 * transaction-time window) are proposed by one region and in force only once the other accepts;
 * the region-specific standards the other region relies on (the Order 45 wage-arrears threshold)
 * are set by their own region, each change kept as a new revision.
 */
package cn.cdcq.registry.common.settings;
