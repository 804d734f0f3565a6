package cn.cdcq.registry.common.certificate;

/**
 * A training subsidy paid for a certificate. There is at most one per holder pseudonym,
 * occupation and level across both regions: that triple is its key on the ledger.
 *
 * @param claimId           the recording transaction's id
 * @param certificateNumber the certificate it was paid for
 * @param holderPseudonym   the holder's pseudonym, from the certificate
 * @param occupation        from the certificate
 * @param level             from the certificate
 * @param region            the region that paid it
 * @param amountFen         the amount, in fen
 * @param paidDate          yyyy-MM-dd
 * @param reference         the bureau's payment reference, if given
 * @param recordedAt        ISO-8601 instant
 * @param recordedBy        "MSPID/account"
 */
public record SubsidyClaim(String claimId, String certificateNumber, String holderPseudonym, String occupation,
                           int level, String region, long amountFen, String paidDate, String reference,
                           String recordedAt, String recordedBy) {
}
