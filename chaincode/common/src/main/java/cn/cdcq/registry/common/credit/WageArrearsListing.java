package cn.cdcq.registry.common.credit;

import java.time.LocalDate;
import java.util.List;

/**
 * An entry of the wage-arrears blacklist. Listed in one region means restricted in both: every
 * query of either region reads the same entry.
 *
 * @param id                          the listing transaction's ID
 * @param uscc                        the enterprise
 * @param listingRegion               the region that enforced (recorded the violation) and listed
 * @param violationId                 the wage-arrears violation
 * @param orderIgnored                the order to pay was ignored (always true: a condition)
 * @param amountFen                   amount owed per the violation
 * @param thresholdFen                the case's threshold
 * @param massIncident                the violation was a mass incident
 * @param responsiblePersonPseudonyms responsible persons, by pseudonym only
 * @param listedOn                    Asia/Shanghai date of listing
 * @param expiresOn                   end of the 3-year term (exclusive: not listed from that day)
 * @param status                      {@code LISTED}, {@code REMOVED_EARLY} or {@code ANNULLED} (on an objection)
 * @param listedBy                    bureau account
 * @param removal                     early removal, once granted
 */
public record WageArrearsListing(String id, String uscc, String listingRegion, String violationId,
                                 boolean orderIgnored, long amountFen, long thresholdFen, boolean massIncident,
                                 List<String> responsiblePersonPseudonyms, String listedOn, String expiresOn,
                                 Status status, String listedBy, Removal removal) {

    /** Listed for the term, unless removed early or annulled by the listing region on an objection. */
    public enum Status { LISTED, REMOVED_EARLY, ANNULLED }
    public static final int TERM_YEARS = 3;
    public static final int MONTHS_AFTER_RECTIFICATION = 6;

    /**
     * @param wagesPaid          wages paid in full
     * @param rectificationDate  rectification completed on
     * @param pledgeDocumentHash the credit-repair pledge
     * @param removedOn          Asia/Shanghai date of removal
     * @param removedBy          bureau account
     */
    public record Removal(boolean wagesPaid, String rectificationDate, String pledgeDocumentHash, String removedOn,
                          String removedBy) {
    }

    /** The Order 45 listing conditions: an ignored order to pay and the threshold amount or a mass incident. */
    public static boolean conditionsMet(boolean orderIgnored, long amountFen, long thresholdFen, boolean massIncident) {
        return orderIgnored && (amountFen >= thresholdFen || massIncident);
    }

    /** The first day an early removal may be granted after rectification on {@code rectificationDate}. */
    public static LocalDate earliestRemoval(LocalDate rectificationDate) {
        return rectificationDate.plusMonths(MONTHS_AFTER_RECTIFICATION);
    }

    /** Whether the entry restricts the enterprise on {@code date}. */
    public boolean activeOn(LocalDate date) {
        return status == Status.LISTED && !date.isBefore(LocalDate.parse(listedOn)) && date.isBefore(LocalDate.parse(expiresOn));
    }

    /** The listing annulled on an objection (docs/objections.md): it restricts nobody from then on. */
    public WageArrearsListing annulled() {
        return new WageArrearsListing(id, uscc, listingRegion, violationId, orderIgnored, amountFen, thresholdFen,
                massIncident, responsiblePersonPseudonyms, listedOn, expiresOn, Status.ANNULLED, listedBy, removal);
    }

    public WageArrearsListing removedEarly(Removal r) {
        return new WageArrearsListing(id, uscc, listingRegion, violationId, orderIgnored, amountFen, thresholdFen,
                massIncident, responsiblePersonPseudonyms, listedOn, expiresOn, Status.REMOVED_EARLY, listedBy, r);
    }
}
