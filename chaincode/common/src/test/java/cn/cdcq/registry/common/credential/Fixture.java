package cn.cdcq.registry.common.credential;

import cn.cdcq.registry.common.certificate.CertificateStatus;
import cn.cdcq.registry.common.certificate.BatchHeader;
import cn.cdcq.registry.common.certificate.CertificateAttestation;
import cn.cdcq.registry.common.certificate.CertificateBatch;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.certificate.SkillCertificate;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.crypto.TestCertificates;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import cn.cdcq.registry.common.format.Uscc;
import cn.cdcq.registry.common.merkle.MerkleTree;
import cn.cdcq.registry.common.privacy.Holder;
import cn.cdcq.registry.common.region.AttestationCertificate;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A region ("CQ", did:web:127.0.0.1%3A7510) with a rotated key 1 (term to 2026-06-01) and a
 * current key 2, a certificate issued alone and one in a batch of three, and its status lists.
 */
final class Fixture {

    static final String DID = ControllerDocument.didWeb("127.0.0.1", 7510);
    static final String BASE = "http://127.0.0.1:7510/api/v1/public/credentials/status/";
    static final String REVOCATION_URL = BASE + "revocation";
    static final String SUSPENSION_URL = BASE + "suspension";
    static final Instant NOW = Instant.parse("2026-07-02T00:00:00Z");
    static final String CENTER = "52500000MJ0000002" + Uscc.checkCharacter("52500000MJ0000002");
    static final String ID_NUMBER = idNumber();
    static final byte[] SALT = new byte[32];
    static final int INDEX = 4711;

    final KeyPair key1 = TestCertificates.p256KeyPair();
    final KeyPair key2 = TestCertificates.p256KeyPair();
    final ObjectNode controller;

    Fixture() {
        List<AttestationCertificate> certificates = List.of(
                attestation(1, key1, "2026-01-01T00:00:00Z", "2026-06-01T00:00:00Z"),
                attestation(2, key2, "2026-06-01T00:00:00Z", null));
        controller = ControllerDocument.of(DID, certificates);
    }

    private static AttestationCertificate attestation(int sequence, KeyPair keys, String from, String to) {
        X509Certificate cert = TestCertificates.selfSigned(keys, "CN=attestation-" + sequence + ",O=CQ");
        return new AttestationCertificate("CQ", sequence, Signatures.toPem(cert), Signatures.fingerprint(cert), from, to, "p" + sequence);
    }

    static CertificateClaims claims(int serial) {
        return new CertificateClaims(String.format("S00015000000126%d%06d", 4, serial), "4-04-05-01", 4, CENTER, "CQ",
                "2026-07-01", "2029-12-31", Holder.pseudonym("consortium-test-pepper-32-bytes!".getBytes(), ID_NUMBER),
                Holder.commitment(SALT, new Holder.HolderDetails("张三", ID_NUMBER)));
    }

    static SkillCertificate single() {
        CertificateClaims claims = claims(1);
        return new SkillCertificate(claims, "00", null, null, null, 2, 1, "2026-07-01T02:00:00.123Z", "tx1",
                "ChongqingMSP/center", CertificateStatus.VALID, null, null, null, null);
    }

    /** Certificate 1 of a batch of three, and the batch signed with key 2. */
    record Batched(SkillCertificate certificate, CertificateBatch batch) {
    }

    Batched batched() {
        List<CertificateClaims> all = new ArrayList<>(List.of(claims(11), claims(12), claims(13)));
        MerkleTree tree = CertificateAttestation.merkleTree(all);
        BatchHeader header = CertificateAttestation.header(all);
        String signature = CertificateAttestation.sign(header, key2.getPrivate());
        CertificateBatch batch = new CertificateBatch(header.merkleRoot(), "CQ", CENTER, 3, signature, 2,
                "2026-07-01T02:00:00Z", "tx2", "ChongqingMSP/center");
        SkillCertificate certificate = new SkillCertificate(all.get(1), null, header.merkleRoot(), 1, tree.proof(1), 2, 1,
                "2026-07-01T02:00:00Z", "tx2", "ChongqingMSP/center", CertificateStatus.VALID, null, null, null, null);
        return new Batched(certificate, batch);
    }

    static List<SkillCredential.StatusEntry> status(int index) {
        return List.of(new SkillCredential.StatusEntry(Vocabulary.REVOCATION, index, REVOCATION_URL),
                new SkillCredential.StatusEntry(Vocabulary.SUSPENSION, index, SUSPENSION_URL));
    }

    ObjectNode unsigned(SkillCertificate certificate, CertificateBatch batch, SkillCredential.Disclosure disclosure) {
        return SkillCredential.unsigned(certificate, batch, "Chongqing Vocational Skills Center", DID, "Chongqing HRSS bureau",
                status(INDEX), disclosure);
    }

    String sign(ObjectNode unsigned, int keySequence, Instant created) {
        PrivateKey key = (keySequence == 1 ? key1 : key2).getPrivate();
        return EcdsaJcs2019.addProof(unsigned, SkillCredential.proofOptions(ControllerDocument.methodId(DID, keySequence), created),
                hash -> Signatures.sign(key, hash)).toString();
    }

    String credential() {
        return sign(unsigned(single(), null, null), 2, NOW.minusSeconds(3600));
    }

    String statusList(String purpose, BitstringStatusList list, Instant from, Instant until) {
        String url = Vocabulary.REVOCATION.equals(purpose) ? REVOCATION_URL : SUSPENSION_URL;
        return sign(StatusListCredential.unsigned(url, DID, purpose, list, from, until), 2, from);
    }

    CredentialVerifier verifier(String revocationList, String suspensionList) {
        java.util.Map<String, String> lists = new java.util.HashMap<>();
        if (revocationList != null) {
            lists.put(REVOCATION_URL, revocationList);
        }
        if (suspensionList != null) {
            lists.put(SUSPENSION_URL, suspensionList);
        }
        return new CredentialVerifier(List.of(controller), lists);
    }

    /** A verifier with fresh, empty lists. */
    CredentialVerifier verifier() {
        return verifier(emptyList(Vocabulary.REVOCATION), emptyList(Vocabulary.SUSPENSION));
    }

    String emptyList(String purpose) {
        return statusList(purpose, BitstringStatusList.ofLength(BitstringStatusList.MIN_LENGTH), NOW.minusSeconds(60),
                NOW.plusSeconds(3600));
    }

    private static String idNumber() {
        String body = "50010119900101123";
        return body + ResidentIdNumber.checkCharacter(body);
    }

    static String hex(byte[] bytes) {
        return Hashes.hex(bytes);
    }
}
