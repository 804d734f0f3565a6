package cn.cdcq.registry.common.certificate;

/**
 * One committed version of a certificate, from the ledger's key history: who changed it and when
 * are in the record itself ({@code issuedBy}, {@code statusChangedBy}, ...).
 *
 * @param txId        the transaction that wrote this version
 * @param timestamp   ISO-8601 instant of that transaction
 * @param certificate the certificate as that transaction left it
 */
public record CertificateHistoryEntry(String txId, String timestamp, SkillCertificate certificate) {
}
