package cn.cdcq.registry.chaincode.certificate;

import cn.cdcq.registry.chaincode.region.RegionContract;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.chaincode.testing.EmittedEvent;
import cn.cdcq.registry.chaincode.testing.InMemoryStub;
import cn.cdcq.registry.chaincode.testing.TestIdentities;
import cn.cdcq.registry.chaincode.testing.TestIdentity;
import cn.cdcq.registry.chaincode.testing.TestNetwork;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.certificate.Accreditation;
import cn.cdcq.registry.common.certificate.AccreditationRequest;
import cn.cdcq.registry.common.certificate.AccreditationScope;
import cn.cdcq.registry.common.certificate.CertificateAttestation;
import cn.cdcq.registry.common.certificate.CertificateBatch;
import cn.cdcq.registry.common.certificate.CertificateBatchRequest;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.certificate.CertificateIssueRequest;
import cn.cdcq.registry.common.certificate.SkillCertificate;
import cn.cdcq.registry.common.certificate.VerificationReport;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import cn.cdcq.registry.common.format.Uscc;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.privacy.Holder;
import cn.cdcq.registry.common.region.RegionProposal;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Both regions on one in-memory channel, endorsed by both peers as the AND policy demands, with
 * the identities their CAs would enroll: bureaus, training centers (with {@code centerId}), an
 * inspector, and each region's attestation key. Regions are registered through the region
 * contract, so the certificate contracts see exactly what they see on the network.
 */
public final class CertificateWorld {

    public static final String CD_MSP = "ChengduMSP";
    public static final String CQ_MSP = "ChongqingMSP";
    public static final String CD_CENTER = withCheck("52510100MJ0000001");
    public static final String CQ_CENTER = withCheck("52500000MJ0000002");
    public static final String OCCUPATION = "4-04-05-01";
    public static final String OTHER_OCCUPATION = "6-28-01-14";
    /** An occupation of major group 2 (professional and technical personnel), where titles are awarded. */
    public static final String TITLE_OCCUPATION = "2-02-07-01";
    static final byte[] PEPPER = "consortium-pepper-for-unit-tests!".getBytes(StandardCharsets.US_ASCII);

    public final TestNetwork network = new TestNetwork().endorsingPeers(CD_MSP, CQ_MSP);
    public final TestIdentity cdBureau = TestIdentities.user(CD_MSP, "bureau", Map.of("role", "bureau"));
    public final TestIdentity cqBureau = TestIdentities.user(CQ_MSP, "bureau", Map.of("role", "bureau"));
    public final TestIdentity cdCenter = TestIdentities.user(CD_MSP, "center",
            Map.of("role", "training_center", "centerId", CD_CENTER));
    public final TestIdentity cqCenter = TestIdentities.user(CQ_MSP, "center",
            Map.of("role", "training_center", "centerId", CQ_CENTER));
    public final TestIdentity cqInspector = TestIdentities.user(CQ_MSP, "inspector1",
            Map.of("role", "inspector", "inspectorId", "CQ-INS-0001"));
    public final TestIdentity cdAttestation = TestIdentities.user(CD_MSP, "attestation", Map.of("role", "attestation"));
    public final TestIdentity cqAttestation = TestIdentities.user(CQ_MSP, "attestation", Map.of("role", "attestation"));

    public final RegionContract regions = new RegionContract();
    public final AccreditationContract accreditation = new AccreditationContract();
    public final CertificateContract certificates = new CertificateContract();
    public final RecognitionContract recognition = new RecognitionContract();
    public final SubsidyContract subsidy = new SubsidyContract();

    /** Registers CD and CQ, each with its attestation certificate, and accredits one center in each. */
    public CertificateWorld() {
        RegionProposal cd = Json.read(network.<String>invoke(cdBureau, ctx -> regions.proposeRegistration(ctx, "CD",
                "Chengdu bureau", cdAttestation.certificatePem())), RegionProposal.class);
        RegionProposal cq = Json.read(network.<String>invoke(cqBureau, ctx -> regions.proposeRegistration(ctx, "CQ",
                "Chongqing bureau", cqAttestation.certificatePem())), RegionProposal.class);
        network.invoke(cqBureau, ctx -> regions.approve(ctx, cd.id()));
        network.invoke(cdBureau, ctx -> regions.approve(ctx, cq.id()));
        accredit(cdBureau, CD_CENTER, "Chengdu Vocational Skills Center");
        accredit(cqBureau, CQ_CENTER, "Chongqing Vocational Skills Center");
    }

    /** The division prefixes agreed by both regions, as on the end-to-end network: Chengdu 51, Chongqing 50. */
    public void agreeDivisions() {
        agreeDivisions(network, regions, cdBureau, cqBureau);
    }

    public static void agreeDivisions(TestNetwork network, RegionContract regions, TestIdentity cdBureau,
                                      TestIdentity cqBureau) {
        RegionProposal cd = Json.read(network.<String>invoke(cdBureau, ctx -> regions.proposeDivisions(ctx, "51")),
                RegionProposal.class);
        network.invoke(cqBureau, ctx -> regions.approve(ctx, cd.id()));
        RegionProposal cq = Json.read(network.<String>invoke(cqBureau, ctx -> regions.proposeDivisions(ctx, "50")),
                RegionProposal.class);
        network.invoke(cdBureau, ctx -> regions.approve(ctx, cq.id()));
    }

    public static String withCheck(String first17) {
        return first17 + Uscc.checkCharacter(first17);
    }

    Accreditation accredit(TestIdentity bureau, String centerId, String name) {
        return accredit(bureau, new AccreditationRequest(centerId, name,
                List.of(new AccreditationScope(OCCUPATION, 3), new AccreditationScope(OTHER_OCCUPATION, 5)),
                "2025-01-01", "2027-12-31"));
    }

    /**
     * Amends both centers' accreditations to cover, besides their skill levels, special vocational
     * ability certificates in {@link #OCCUPATION} and professional titles in {@link #TITLE_OCCUPATION}
     * up to grade 2.
     */
    void accreditEveryKind() {
        for (TestIdentity bureau : List.of(cdBureau, cqBureau)) {
            String centerId = bureau == cdBureau ? CD_CENTER : CQ_CENTER;
            AccreditationRequest request = new AccreditationRequest(centerId, "Vocational Skills Center",
                    List.of(new AccreditationScope(OCCUPATION, 3), new AccreditationScope(OTHER_OCCUPATION, 5),
                            new AccreditationScope(OCCUPATION, 0, "SPECIAL_ABILITY"),
                            new AccreditationScope(TITLE_OCCUPATION, 2, "PROFESSIONAL_TITLE")),
                    "2025-01-01", "2027-12-31");
            network.invoke(bureau, ctx -> accreditation.amend(ctx, Json.write(request)));
        }
    }

    /** Claims for a professional title (series 02, 工程技术) of {@code grade}, issued in 2026. */
    static CertificateClaims titleClaims(String region, int serial, int person, int grade) {
        String number = String.format("T%s02%d26%06d", region.equals("CQ") ? "50" : "51", grade, serial);
        return claims(number, region, person, TITLE_OCCUPATION, grade);
    }

    /** Claims for a special vocational ability certificate (no level) in {@link #OCCUPATION}, issued in 2026. */
    static CertificateClaims abilityClaims(String region, int serial, int person) {
        String number = String.format("Z0001%s26%07d", region.equals("CQ") ? "50" : "51", serial);
        return claims(number, region, person, OCCUPATION, 0);
    }

    Accreditation accredit(TestIdentity bureau, AccreditationRequest request) {
        return Json.read(network.<String>invoke(bureau, ctx -> accreditation.accredit(ctx, Json.write(request))),
                Accreditation.class);
    }

    /** A valid resident ID number, different for each {@code person}. */
    static String idNumber(int person) {
        String first17 = "50010119900101" + String.format("%03d", person % 1000);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    static String number(String region, int level, int serial) {
        String province = region.equals("CQ") ? "50" : "51";
        return String.format("S0001%s00000126%d%06d", province, level, serial);
    }

    /** Claims for a certificate of {@code region}'s center, level 4, held by {@code person}. */
    public static CertificateClaims claims(String region, int serial, int person) {
        return claims(region, serial, person, OCCUPATION, 4);
    }

    static CertificateClaims claims(String region, int serial, int person, String occupation, int level) {
        return claims(number(region, level, serial), region, person, occupation, level);
    }

    static CertificateClaims claims(String number, String region, int person, String occupation, int level) {
        String id = idNumber(person);
        return new CertificateClaims(number, occupation, level,
                region.equals("CQ") ? CQ_CENTER : CD_CENTER, region, "2026-01-01", "2030-12-31",
                Holder.pseudonym(PEPPER, id), Holder.commitment(salt(person), new Holder.HolderDetails("王小明", id)));
    }

    static byte[] salt(int person) {
        byte[] salt = new byte[32];
        salt[0] = (byte) person;
        return salt;
    }

    static String commitmentOf(int person) {
        return Holder.commitment(salt(person), new Holder.HolderDetails("王小明", idNumber(person)));
    }

    public PrivateKey attestationKey(String region) {
        return (region.equals("CQ") ? cqAttestation : cdAttestation).privateKey();
    }

    TestIdentity centerOf(String region) {
        return region.equals("CQ") ? cqCenter : cdCenter;
    }

    TestIdentity bureauOf(String region) {
        return region.equals("CQ") ? cqBureau : cdBureau;
    }

    public static String request(CertificateClaims claims, PrivateKey key) {
        return Json.write(new CertificateIssueRequest(claims, CertificateAttestation.sign(claims, key)));
    }

    public static String batchRequest(List<CertificateClaims> claims, PrivateKey key) {
        return Json.write(new CertificateBatchRequest(claims,
                CertificateAttestation.sign(CertificateAttestation.header(claims), key)));
    }

    public SkillCertificate issue(CertificateClaims claims) {
        String region = claims.region();
        String json = request(claims, attestationKey(region));
        return Json.read(network.<String>invoke(centerOf(region), ctx -> certificates.issue(ctx, json)),
                SkillCertificate.class);
    }

    public CertificateBatch issueBatch(List<CertificateClaims> claims) {
        String region = claims.get(0).region();
        String json = batchRequest(claims, attestationKey(region));
        return Json.read(network.<String>invoke(centerOf(region), ctx -> certificates.issueBatch(ctx, json)),
                CertificateBatch.class);
    }

    SkillCertificate certificate(String number) {
        return Json.read(network.<String>evaluate(cqInspector, ctx -> certificates.getCertificate(ctx, number)),
                SkillCertificate.class);
    }

    VerificationReport verify(String number) {
        return verify(number, "");
    }

    VerificationReport verify(String number, String commitment) {
        return Json.read(network.<String>evaluate(cqInspector, ctx -> certificates.verify(ctx, number, commitment)),
                VerificationReport.class);
    }

    String lastEventName() {
        return network.lastEvent().map(EmittedEvent::name).orElse(null);
    }

    /** Writes {@code value} under {@code key} behind the contracts' back, as a forging peer could. */
    void tamper(String key, byte[] value) {
        InMemoryStub stub = InMemoryStub.builder(network.ledger()).creator(cqInspector).build();
        stub.putState(key, value);
        stub.commit();
    }

    String certificateKey(String number) {
        return InMemoryStub.builder(network.ledger()).creator(cqInspector).build()
                .createCompositeKey(Certificates.CERTIFICATE, number).toString();
    }

    /**
     * Asserts that {@code call} is refused with {@code code}, its message containing {@code message},
     * and that it left the world state as it was.
     */
    void refused(ThrowingCallable call, ErrorCode code, String message) {
        var before = network.ledger().stateSnapshot();
        int events = network.events().size();
        assertThatThrownBy(call).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code)).hasMessageContaining(message);
        assertThat(network.ledger().stateSnapshot().keySet()).isEqualTo(before.keySet());
        before.forEach((k, v) -> assertThat(network.ledger().state(k)).hasValueSatisfying(now -> assertThat(now).isEqualTo(v)));
        assertThat(network.events()).hasSize(events);
    }
}
