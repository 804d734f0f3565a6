/**
 * Platform employment reports (contract "report"): the typed client and the API. Uses no other
 * feature (docs/design.md §6.1, docs/reports.md).
 */
package cn.cdcq.registry.client.report;
