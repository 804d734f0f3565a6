package cn.cdcq.registry.common.credit;

import cn.cdcq.registry.common.format.IsoDate;

/**
 * A request to take a listing off the blacklist before its 3-year term ends.
 *
 * @param listingId          the listing
 * @param wagesPaid          the arrears have been paid in full
 * @param rectificationDate  date the enterprise completed rectification, yyyy-MM-dd
 * @param pledgeDocumentHash SHA-256 of the enterprise's signed credit-repair pledge
 */
public record EarlyRemovalInput(String listingId, boolean wagesPaid, String rectificationDate,
                                String pledgeDocumentHash) {

    public EarlyRemovalInput {
        listingId = CreditInputs.text("listingId", listingId, 128);
        rectificationDate = IsoDate.parse("rectificationDate", rectificationDate).toString();
        pledgeDocumentHash = pledgeDocumentHash == null ? null
                : CreditInputs.sha256Hex("pledgeDocumentHash", pledgeDocumentHash);
    }
}
