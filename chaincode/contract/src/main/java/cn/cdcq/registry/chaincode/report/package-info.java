/**
 * Platform employment reports (issue 15 item 2): filed by the bureau of the region a platform
 * enterprise is registered in, corrected by new versions that keep every earlier one, listed
 * when late for both regions. Reads the enterprise register of {@code credit} and the region
 * directory; nothing imports it (docs/design.md §6.2, docs/reports.md).
 */
package cn.cdcq.registry.chaincode.report;
