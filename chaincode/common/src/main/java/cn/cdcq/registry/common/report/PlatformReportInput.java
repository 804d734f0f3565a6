package cn.cdcq.registry.common.report;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.credit.CreditInputs;
import cn.cdcq.registry.common.format.OccupationCode;
import cn.cdcq.registry.common.format.RegionCode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a bureau files for a platform enterprise and a quarter (or sends as a correction): counts
 * only. Every worker engaged in the quarter is counted once by occupation (their main one) and
 * once by region of work (their main one), so both lists add up to the same number of workers.
 * The lists are kept sorted by code, so one report has one form.
 *
 * @param period               the quarter, e.g. {@code 2026-Q3} ({@link ReportPeriod})
 * @param workersByOccupation  workers engaged by occupation code of the national classification; [] for none
 * @param workersByRegion      workers engaged by region of work (a registered region's code); [] for none
 * @param newFormWorkers       of those, how many in new employment forms (not in a standard labor
 *                             contract: platform-arranged, flexible, part-time)
 * @param occupationalInjuries occupational injuries that occurred in the quarter
 * @param complaintsReceived   complaints the enterprise received from its workers in the quarter
 */
public record PlatformReportInput(String period, List<OccupationCount> workersByOccupation,
                                  List<RegionCount> workersByRegion, long newFormWorkers, long occupationalInjuries,
                                  long complaintsReceived) {

    /** The largest count of one cell (a platform's workers in one occupation or region). */
    public static final long MAX_COUNT = 10_000_000L;
    /** The most occupations one report lists. */
    public static final int MAX_OCCUPATIONS = 500;
    /** The most regions of work one report lists. */
    public static final int MAX_REGIONS = 20;

    /** Workers engaged in one occupation. */
    public record OccupationCount(String occupation, long workers) {
    }

    /** Workers engaged with one region of work. */
    public record RegionCount(String regionCode, long workers) {
    }

    public PlatformReportInput {
        period = ReportPeriod.parse(period).toString();
        if (workersByOccupation == null) {
            throw invalid("workersByOccupation is missing; give [] when no workers were engaged");
        }
        if (workersByRegion == null) {
            throw invalid("workersByRegion is missing; give [] when no workers were engaged");
        }
        if (workersByOccupation.size() > MAX_OCCUPATIONS) {
            throw invalid("workersByOccupation lists " + workersByOccupation.size() + " occupations; at most "
                    + MAX_OCCUPATIONS);
        }
        if (workersByRegion.size() > MAX_REGIONS) {
            throw invalid("workersByRegion lists " + workersByRegion.size() + " regions; at most " + MAX_REGIONS);
        }
        List<OccupationCount> occupations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long byOccupation = 0;
        for (int i = 0; i < workersByOccupation.size(); i++) {
            OccupationCount c = workersByOccupation.get(i);
            String at = "workersByOccupation[" + i + "]";
            if (c == null) {
                throw invalid(at + " is null; give {\"occupation\":\"4-04-05-01\",\"workers\":12}");
            }
            String code = OccupationCode.validate(c.occupation());
            if (!seen.add(code)) {
                throw invalid(at + ": occupation " + code + " is listed twice; give each occupation once");
            }
            byOccupation += count(at + ".workers", c.workers());
            occupations.add(new OccupationCount(code, c.workers()));
        }
        List<RegionCount> regions = new ArrayList<>();
        seen.clear();
        long byRegion = 0;
        for (int i = 0; i < workersByRegion.size(); i++) {
            RegionCount c = workersByRegion.get(i);
            String at = "workersByRegion[" + i + "]";
            if (c == null) {
                throw invalid(at + " is null; give {\"regionCode\":\"CD\",\"workers\":12}");
            }
            String code = RegionCode.validate(c.regionCode());
            if (!seen.add(code)) {
                throw invalid(at + ": region " + code + " is listed twice; give each region of work once");
            }
            byRegion += count(at + ".workers", c.workers());
            regions.add(new RegionCount(code, c.workers()));
        }
        if (byOccupation != byRegion) {
            throw invalid("the workers by occupation add up to " + byOccupation + " but the workers by region add up to "
                    + byRegion + "; each worker engaged is counted once in each list");
        }
        count("newFormWorkers", newFormWorkers);
        if (newFormWorkers > byOccupation) {
            throw invalid("newFormWorkers " + newFormWorkers + " is more than the " + byOccupation
                    + " workers engaged; they are counted among them");
        }
        count("occupationalInjuries", occupationalInjuries);
        count("complaintsReceived", complaintsReceived);
        occupations.sort(Comparator.comparing(OccupationCount::occupation));
        regions.sort(Comparator.comparing(RegionCount::regionCode));
        workersByOccupation = List.copyOf(occupations);
        workersByRegion = List.copyOf(regions);
    }

    /** The workers engaged: the sum of either list. */
    public long totalWorkers() {
        return workersByOccupation.stream().mapToLong(OccupationCount::workers).sum();
    }

    private static long count(String field, long value) {
        CreditInputs.nonNegative(field, value);
        if (value > MAX_COUNT) {
            throw invalid(field + " is " + value + "; a count of this report is at most " + MAX_COUNT);
        }
        return value;
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException(CreditInputs.INVALID_VALUE, message);
    }
}
