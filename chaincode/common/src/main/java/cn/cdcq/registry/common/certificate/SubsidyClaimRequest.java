package cn.cdcq.registry.common.certificate;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.format.CertificateNumber;
import cn.cdcq.registry.common.format.IsoDate;

/**
 * What a bureau submits when it has paid a training subsidy for a certificate. The holder,
 * occupation and level are taken from the certificate on the ledger, not from the request.
 *
 * @param certificateNumber the certificate the subsidy was paid for
 * @param amountFen         the amount paid, in fen (1 yuan = 100 fen), more than 0
 * @param paidDate          yyyy-MM-dd
 * @param reference         the bureau's own payment reference, optional; no personal data
 */
public record SubsidyClaimRequest(String certificateNumber, long amountFen, String paidDate, String reference) {

    /** An amount that is not a positive number of fen within {@link #MAX_AMOUNT_FEN}. */
    public static final String INVALID_AMOUNT = "INVALID_AMOUNT";

    /** Ten million yuan: far above any training subsidy, so a larger amount is a typing error. */
    public static final long MAX_AMOUNT_FEN = 1_000_000_000L;

    public SubsidyClaimRequest validate() {
        String number = CertificateNumber.validate(certificateNumber);
        if (amountFen <= 0 || amountFen > MAX_AMOUNT_FEN) {
            throw new InvalidInputException(INVALID_AMOUNT, "amountFen " + amountFen
                    + " is out of range; give the amount paid in fen (1 yuan = 100 fen), from 1 to " + MAX_AMOUNT_FEN);
        }
        String paid = IsoDate.parse("paidDate", paidDate).toString();
        return new SubsidyClaimRequest(number, amountFen, paid, Fields.optionalText("reference", reference, 100));
    }
}
