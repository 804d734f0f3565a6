package cn.cdcq.registry.common.credit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The MOHRSS integrity-evaluation rules as one function, used by the chaincode (which records
 * the level the rules give) and by anyone re-checking a rating.
 *
 * <p>Interpretation: a region rates an enterprise per calendar year from the violations that
 * <em>that region</em> recorded with a decision date in the year (evaluation is per region;
 * the other region's findings reach the enterprise through its own rating, and the effective
 * level across regions is the worse one). A violation counts once it has been penalized
 * (status PENALIZED, or later RECTIFIED / CLOSED after a penalty); an open or merely rectified
 * violation does not, nor one annulled on an objection (docs/objections.md). Then:
 * <ul>
 *   <li>C if 3 or more counted violations, or any counted one is a mass or extreme incident,
 *       child labor, forced labor, or a refused inspection order or decision;</li>
 *   <li>B if at least one counted violation and no C condition;</li>
 *   <li>A if none.</li>
 * </ul>
 */
public final class RatingRules {

    /** Penalized violations in the period from which the level drops to C. */
    public static final int C_THRESHOLD = 3;

    private RatingRules() {
    }

    /**
     * The level the rules give and why.
     *
     * @param level               A, B or C
     * @param countedViolationIds the penalized violations the level rests on, sorted
     * @param reasons             one line per rule that applied, in English
     */
    public record Outcome(CreditLevel level, List<String> countedViolationIds, List<String> reasons) {
    }

    /**
     * Evaluates {@code regionCode}'s rating of {@code uscc} for {@code year}; violations of other
     * enterprises, regions or years among {@code violations} are ignored.
     */
    public static Outcome evaluate(String uscc, String regionCode, int year, List<Violation> violations) {
        List<Violation> counted = violations.stream()
                .filter(v -> v.uscc().equals(uscc) && v.recordingRegion().equals(regionCode) && v.decidedIn(year)
                        && v.penalized() && v.status() != ViolationStatus.ANNULLED)
                .sorted(Comparator.comparing(Violation::id))
                .toList();
        List<String> reasons = new ArrayList<>();
        if (counted.size() >= C_THRESHOLD) {
            reasons.add("C: " + counted.size() + " penalized violations in " + year + " (" + C_THRESHOLD + " or more)");
        }
        for (Violation v : counted) {
            if (v.massIncident()) {
                reasons.add("C: violation " + v.id() + " was a mass or extreme incident");
            }
            switch (v.type()) {
                case CHILD_LABOR -> reasons.add("C: violation " + v.id() + " is child labor");
                case FORCED_LABOR -> reasons.add("C: violation " + v.id() + " is forced labor");
                case REFUSED_INSPECTION_ORDER -> reasons.add("C: violation " + v.id()
                        + " is a refused inspection order or decision");
                default -> { }
            }
        }
        CreditLevel level;
        if (!reasons.isEmpty()) {
            level = CreditLevel.C;
        } else if (!counted.isEmpty()) {
            level = CreditLevel.B;
            reasons.add("B: " + counted.size() + " penalized violation" + (counted.size() == 1 ? "" : "s") + " in "
                    + year + ", no C condition");
        } else {
            level = CreditLevel.A;
            reasons.add("A: no penalized violation recorded by " + regionCode + " in " + year);
        }
        return new Outcome(level, counted.stream().map(Violation::id).toList(), List.copyOf(reasons));
    }
}
