package cn.cdcq.registry.chaincode.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Map;

import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.bouncycastle.asn1.ASN1OctetString;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TestIdentitiesTest {

    private static final TestIdentity TRAINING_CENTER = TestIdentities.user("ChengduMSP", "center-0042",
            Map.of("role", "training_center", "centerId", "CD-TC-0042"));

    private static Context contextFor(TestIdentity who) {
        return new Context(InMemoryStub.builder(new InMemoryLedger()).creator(who).build());
    }

    @Nested
    class Certificates {

        @Test
        void areSignedByTheirOrganizationsCaWhichIsCreatedOncePerMspId() throws Exception {
            TestIdentity other = TestIdentities.user("ChengduMSP", "someone-else", Map.of());

            TRAINING_CENTER.certificate().verify(TestIdentities.caCertificate("ChengduMSP").getPublicKey());
            other.certificate().verify(TestIdentities.caCertificate("ChengduMSP").getPublicKey());
            assertThat(TestIdentities.caCertificate("ChengduMSP"))
                    .isSameAs(TestIdentities.caCertificate("ChengduMSP"))
                    .isNotEqualTo(TestIdentities.caCertificate("ChongqingMSP"));
            assertThat(TRAINING_CENTER.certificate().getIssuerX500Principal())
                    .isEqualTo(TestIdentities.caCertificate("ChengduMSP").getSubjectX500Principal());
        }

        @Test
        void nameTheUserInTheCnAndMarkThemAClient() throws Exception {
            LdapName subject = new LdapName(TRAINING_CENTER.certificate().getSubjectX500Principal().getName());

            assertThat(subject.getRdns()).extracting(Rdn::toString)
                    .contains("CN=center-0042", "OU=client", "O=ChengduMSP");
        }

        @Test
        void useEcP256Keys() throws Exception {
            byte[] message = "attestation".getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(TRAINING_CENTER.privateKey());
            signer.update(message);
            byte[] signature = signer.sign();

            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(TRAINING_CENTER.certificate());
            verifier.update(message);
            assertThat(verifier.verify(signature)).isTrue();
            assertThat(TRAINING_CENTER.certificate().getPublicKey().getAlgorithm()).isEqualTo("EC");
        }

        @Test
        void carryTheAttributesAsFabricCaWritesThem() {
            byte[] extension = TRAINING_CENTER.certificate().getExtensionValue(TestIdentities.FABRIC_ATTRIBUTES_OID);
            String json = new String(ASN1OctetString.getInstance(extension).getOctets(), StandardCharsets.UTF_8);

            assertThat(json).isEqualTo("{\"attrs\":{\"centerId\":\"CD-TC-0042\",\"hf.Affiliation\":\"\","
                    + "\"hf.EnrollmentID\":\"center-0042\",\"hf.Type\":\"client\",\"role\":\"training_center\"}}");
        }

        @Test
        void escapeAttributeValuesAsGoDoes() {
            assertThat(TestIdentities.attributesJson("u", Map.of("note", "a\"b<c>&\n")))
                    .contains("\"note\":\"a\\\"b\\u003cc\\u003e\\u0026\\n\"");
        }

        @Test
        void areInPemForm() {
            assertThat(TRAINING_CENTER.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----")
                    .contains("-----END CERTIFICATE-----");
        }
    }

    @Nested
    class ClientIdentityFromAContextOnTheStub {

        @Test
        void reportsTheMspId() {
            assertThat(contextFor(TRAINING_CENTER).getClientIdentity().getMSPID()).isEqualTo("ChengduMSP");
        }

        @Test
        void readsTheAttributeValues() {
            ClientIdentity identity = contextFor(TRAINING_CENTER).getClientIdentity();

            assertThat(identity.getAttributeValue("role")).isEqualTo("training_center");
            assertThat(identity.getAttributeValue("centerId")).isEqualTo("CD-TC-0042");
            assertThat(identity.getAttributeValue("inspectorId")).isNull();
        }

        @Test
        void assertsAttributeValues() {
            ClientIdentity identity = contextFor(TRAINING_CENTER).getClientIdentity();

            assertThat(identity.assertAttributeValue("role", "training_center")).isTrue();
            assertThat(identity.assertAttributeValue("role", "bureau")).isFalse();
            assertThat(identity.assertAttributeValue("inspectorId", "anything")).isFalse();
        }

        @Test
        void identifiesTheClientBySubjectAndIssuer() {
            ClientIdentity identity = contextFor(TRAINING_CENTER).getClientIdentity();

            assertThat(identity.getId()).startsWith("x509::").contains("CN=center-0042").contains("CN=ca.ChengduMSP");
            assertThat(identity.getX509Certificate()).isEqualTo(TRAINING_CENTER.certificate());
        }

        @Test
        void worksForAnIdentityWithoutCustomAttributes() {
            TestIdentity plain = TestIdentities.user("ChongqingMSP", "plain", Map.of());

            assertThatCode(() -> contextFor(plain).getClientIdentity()).doesNotThrowAnyException();
            assertThat(contextFor(plain).getClientIdentity().getAttributeValue("role")).isNull();
        }
    }
}
