package cn.cdcq.registry.common.report;

import java.util.List;

/**
 * The totals of every report in force for a quarter (the latest version of each), for all
 * platform enterprises and by the region they are registered in; a correction changes them.
 *
 * @param period  the quarter
 * @param all     every report of the quarter
 * @param regions the same, by registering region, sorted by code
 */
public record PeriodTotals(String period, Totals all, List<Totals> regions) {

    /**
     * @param regionCode           the registering region (absent in {@code all})
     * @param reports              reports counted
     * @param totalWorkers         workers engaged
     * @param newFormWorkers       of those, in new employment forms
     * @param occupationalInjuries occupational injuries
     * @param complaintsReceived   complaints received
     */
    public record Totals(String regionCode, long reports, long totalWorkers, long newFormWorkers,
                         long occupationalInjuries, long complaintsReceived) {

        public Totals plus(PlatformReport r) {
            return new Totals(regionCode, reports + 1, totalWorkers + r.totalWorkers(), newFormWorkers + r.newFormWorkers(),
                    occupationalInjuries + r.occupationalInjuries(), complaintsReceived + r.complaintsReceived());
        }
    }
}
