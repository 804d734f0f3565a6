package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.client.certificate.CertificateIssuer.CertificateDraft;
import cn.cdcq.registry.client.certificate.CertificateIssuer.PreparedCertificate;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.certificate.CertificateAttestation;
import cn.cdcq.registry.common.certificate.CertificateBatchRequest;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.certificate.CertificateIssueRequest;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import cn.cdcq.registry.common.format.Uscc;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.merkle.MerkleTree;
import cn.cdcq.registry.common.privacy.Holder;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateIssuerTest {

    private static final String CENTER = "52500000MJ0000002" + Uscc.checkCharacter("52500000MJ0000002");
    private static final byte[] PEPPER = "a-consortium-pepper-of-32-bytes!".getBytes(StandardCharsets.US_ASCII);
    private static final String ID = "50010119900101123" + ResidentIdNumber.checkCharacter("50010119900101123");

    private final KeyPair keys = keyPair();
    private final X509Certificate certificate = selfSigned(keys);
    private final CertificateIssuer issuer = new CertificateIssuer("CQ", CENTER, PEPPER, keys.getPrivate());

    private static CertificateDraft draft(int serial, String id) {
        return new CertificateDraft(String.format("S00015000000126%d%06d", 4, serial), "4-04-05-01", 4, "2026-01-01",
                null, "李四", id);
    }

    @Test
    void replacesTheHolderByPseudonymAndACommitmentTheWorkerCanOpen() {
        PreparedCertificate prepared = issuer.prepare(draft(1, ID.toLowerCase()));
        CertificateClaims claims = prepared.claims();
        assertThat(claims.holderPseudonym()).isEqualTo(Holder.pseudonym(PEPPER, ID));
        assertThat(claims.region()).isEqualTo("CQ");
        assertThat(claims.centerId()).isEqualTo(CENTER);
        assertThat(Json.write(claims)).doesNotContain(ID, "李四");
        assertThat(prepared.presentation("李四", ID).commitment()).isEqualTo(claims.holderCommitment());
        assertThat(prepared.presentation("李五", ID).commitment()).isNotEqualTo(claims.holderCommitment());
        assertThat(issuer.prepare(draft(1, ID)).claims().holderCommitment())
                .as("a fresh salt for every certificate").isNotEqualTo(claims.holderCommitment());
    }

    @Test
    void refusesAnIdNumberWithAWrongCheckCharacterOrBirthDate() {
        String wrongCheck = ID.substring(0, 17) + (ID.endsWith("0") ? "1" : "0");
        assertThatThrownBy(() -> issuer.prepare(draft(1, wrongCheck)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.getCode()).isEqualTo(InvalidInputException.INVALID_ID_NUMBER))
                .hasMessageContaining("check character should be").hasMessageNotContaining(ID);
        String first17 = "50010119900230123";
        assertThatThrownBy(() -> issuer.prepare(draft(1, first17 + ResidentIdNumber.checkCharacter(first17))))
                .hasMessageContaining("is not a real calendar date");
    }

    @Test
    void refusesAMismatchedLevelDigit() {
        CertificateDraft wrongLevel = new CertificateDraft("S000150000001263000001", "4-04-05-01", 4, "2026-01-01",
                null, "李四", ID);
        assertThatThrownBy(() -> issuer.prepare(wrongLevel)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.getCode()).isEqualTo(InvalidInputException.INVALID_CERTIFICATE_NUMBER));
    }

    @Test
    void signsSingleCertificatesAndBatchesWithTheRegionsKey() {
        CertificateClaims one = issuer.prepare(draft(1, ID)).claims();
        CertificateIssueRequest single = issuer.sign(one);
        assertThat(CertificateAttestation.verify(one, single.signature(), certificate)).isTrue();

        List<CertificateClaims> claims = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            claims.add(issuer.prepare(draft(i, ID)).claims());
        }
        CertificateBatchRequest batch = issuer.signBatch(claims);
        assertThat(CertificateAttestation.verify(CertificateAttestation.header(claims), batch.signature(), certificate))
                .isTrue();
        MerkleTree tree = CertificateAttestation.merkleTree(batch.certificates());
        assertThat(tree.size()).isEqualTo(5);
    }

    @Test
    void refusesAnOversizeBatchBeforeSigningIt() {
        CertificateClaims one = issuer.prepare(draft(1, ID)).claims();
        List<CertificateClaims> tooMany = java.util.Collections.nCopies(CertificateAttestation.MAX_BATCH_SIZE + 1, one);
        assertThatThrownBy(() -> issuer.signBatch(tooMany)).hasMessageContaining("at most 2000");
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate selfSigned(KeyPair keys) {
        try {
            X500Name name = new X500Name("CN=attestation-test,O=CQ");
            var builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                    Date.from(Instant.parse("2020-01-01T00:00:00Z")), Date.from(Instant.parse("2050-01-01T00:00:00Z")),
                    name, keys.getPublic());
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
