package cn.cdcq.registry.common.settings;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.credit.CreditInputs;

/**
 * A region's amount of unpaid wages from which an enterprise that ignored an order to pay may be
 * blacklisted under MOHRSS Order 45 (provinces set it, following the criminal threshold of
 * "refusal to pay labor remuneration"). The blacklist contract reads it from here; the listing
 * bureau does not choose it per case.
 *
 * @param regionCode the region whose standard it is
 * @param amountFen  the threshold in fen (positive)
 * @param revision   1 for the first, +1 for each change; every revision stays on the ledger
 * @param setAt      ISO-8601 instant of the change (filled in by the chaincode)
 * @param setBy      bureau account (filled in by the chaincode)
 */
public record WageArrearsThreshold(String regionCode, long amountFen, int revision, String setAt, String setBy) {

    public WageArrearsThreshold {
        if (amountFen <= 0) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE, "amountFen is " + amountFen
                    + "; give the region's Order 45 threshold in fen (positive)");
        }
    }
}
