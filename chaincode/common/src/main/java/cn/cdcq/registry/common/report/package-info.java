/**
 * Platform employment reports (issue 15 item 2): a platform enterprise's quarterly counts of the
 * workers it engaged (by occupation and by region of work), how many in new employment forms,
 * occupational injuries and complaints received; counts only, never a person. One report per
 * enterprise and quarter; a correction is a new version that supersedes the current one, and
 * every version stays readable (docs/reports.md).
 */
package cn.cdcq.registry.common.report;
