package cn.cdcq.registry.common.certificate;

import java.util.List;

/**
 * A page of a training center's certificates, in certificate-number order.
 *
 * @param centerId     the center (its USCC)
 * @param status       the status asked for, or null for every status
 * @param certificates the certificates on this page, at most the page size asked for
 * @param bookmark     where the next page starts (pass it back), or null when there is no more
 * @param scanned      how many of the center's certificates this page read to find these
 */
public record CenterCertificatePage(String centerId, CertificateStatus status, List<CenterCertificate> certificates,
                                    String bookmark, int scanned) {

    /** The largest page a caller may ask for. */
    public static final int MAX_PAGE_SIZE = 200;
    /** How many certificates one page reads at most while looking for ones in the status asked for. */
    public static final int MAX_SCANNED = 2000;
}
