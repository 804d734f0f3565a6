package cn.cdcq.registry.common.certificate;

/**
 * One line of a training center's list of its certificates: what the center's desk shows, no
 * holder data (not even the pseudonym), read from the certificate record itself.
 *
 * @param number          the certificate number
 * @param occupation      the occupation code
 * @param level           the level, 5 (初级工) to 1 (高级技师)
 * @param issueDate       the issue date
 * @param expiryDate      the expiry date, or null for none
 * @param status          the stored status (VALID, SUSPENDED, REVOKED)
 * @param statusReasonCode the reason code of the last status change, or null
 * @param batchId         the batch it was issued in, or null when issued alone
 */
public record CenterCertificate(String number, String occupation, int level, String issueDate, String expiryDate,
                                CertificateStatus status, String statusReasonCode, String batchId) {

    public static CenterCertificate of(SkillCertificate c) {
        CertificateClaims claims = c.claims();
        return new CenterCertificate(claims.number(), claims.occupation(), claims.level(), claims.issueDate(),
                claims.expiryDate(), c.status(), c.statusReasonCode(), c.batchId());
    }
}
