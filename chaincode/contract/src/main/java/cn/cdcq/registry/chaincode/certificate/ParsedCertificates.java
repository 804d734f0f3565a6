package cn.cdcq.registry.chaincode.certificate;

import cn.cdcq.registry.common.crypto.Signatures;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Attestation certificates parsed once per chaincode process, by their PEM: every issue and every
 * verification needs the region's certificate, and parsing X.509 is a cost each time otherwise.
 * The PEM is the whole input, so a hit is exactly what parsing would give.
 */
final class ParsedCertificates {

    private static final int MAX_CACHED = 1_000;
    private static final Map<String, X509Certificate> PARSED = new ConcurrentHashMap<>();

    private ParsedCertificates() {
    }

    static X509Certificate of(String pem) {
        X509Certificate known = PARSED.get(pem);
        if (known != null) {
            return known;
        }
        X509Certificate certificate = Signatures.parseCertificate(pem);
        if (PARSED.size() >= MAX_CACHED) {
            PARSED.clear();
        }
        PARSED.put(pem, certificate);
        return certificate;
    }
}
