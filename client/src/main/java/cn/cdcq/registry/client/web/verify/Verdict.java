package cn.cdcq.registry.client.web.verify;

import cn.cdcq.registry.common.certificate.CertificateStatus;
import cn.cdcq.registry.common.certificate.VerificationReport;

import java.util.List;

/**
 * The verdict at a glance, read from the chaincode's report (the report's own verdict is only
 * VALID or INVALID). In order: not on the ledger; forged, when a check that proves the record
 * genuine failed (canonical hash, Merkle path, region signature, issuer accreditation at issue)
 * or the holder presented is not the one the certificate was issued to (the paper names someone
 * else); then its status (revoked, suspended, expired); else valid.
 */
public enum Verdict {
    VALID, SUSPENDED, REVOKED, EXPIRED, NOT_FOUND, FORGED;

    /** Checks that prove the record is what the region signed; a failure means it is not genuine. */
    static final List<String> GENUINENESS = List.of(VerificationReport.CANONICAL_HASH, VerificationReport.MERKLE_PATH,
            VerificationReport.REGION_SIGNATURE, VerificationReport.ISSUER_ACCREDITED, VerificationReport.HOLDER);

    public static Verdict of(VerificationReport report) {
        if (failed(report, VerificationReport.RECORD) || report.status() == null) {
            return NOT_FOUND;
        }
        if (GENUINENESS.stream().anyMatch(check -> failed(report, check))) {
            return FORGED;
        }
        if (CertificateStatus.REVOKED.equals(report.status())) {
            return REVOKED;
        }
        if (CertificateStatus.SUSPENDED.equals(report.status())) {
            return SUSPENDED;
        }
        if (CertificateStatus.EXPIRED.equals(report.status())) {
            return EXPIRED;
        }
        return VerificationReport.VALID.equals(report.verdict()) ? VALID : FORGED;
    }

    private static boolean failed(VerificationReport report, String check) {
        return report.step(check).map(s -> VerificationReport.FAIL.equals(s.result())).orElse(false);
    }
}
