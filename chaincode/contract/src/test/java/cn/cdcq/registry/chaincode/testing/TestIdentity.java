package cn.cdcq.registry.chaincode.testing;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A client enrolled by its organization's test CA: what a Fabric wallet holds for one user.
 *
 * @param mspId          the organization's MSP id, e.g. {@code ChengduMSP}
 * @param name           the enrollment id, which is the certificate's CN
 * @param certificate    the enrollment certificate, carrying the attributes in extension 1.2.3.4.5.6.7.8.1
 * @param privateKey     the EC P-256 key the certificate certifies
 * @param certificatePem the certificate in PEM, as Fabric serializes it into a creator
 */
public record TestIdentity(String mspId, String name, X509Certificate certificate, PrivateKey privateKey,
        String certificatePem) {

    public TestIdentity {
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificatePem, "certificatePem");
    }

    @Override
    public String toString() {
        return "TestIdentity[" + name + "@" + mspId + "]";
    }
}
