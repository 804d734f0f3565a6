package cn.cdcq.registry.common.credential;

import cn.cdcq.registry.common.certificate.VerificationReport.Step;
import cn.cdcq.registry.common.credential.CredentialVerification.Problem;
import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class CredentialVerifierTest {

    private final Fixture fixture = new Fixture();

    @Nested
    class AGenuineCredential {

        @Test
        void passesEveryCheckInTheOnlineOrder() {
            CredentialVerification result = fixture.verifier().verify(fixture.credential(), Fixture.NOW);
            assertThat(result.verdict()).as("%s", result.steps()).isEqualTo("VALID");
            assertThat(result.steps()).extracting(Step::check).containsExactly("RECORD", "CANONICAL_HASH", "REGION_SIGNATURE",
                    "MERKLE_PATH", "ISSUER_ACCREDITED", "VALIDITY_PERIOD", "STATUS", "HOLDER");
            assertThat(result.steps()).extracting(Step::result).containsExactly("PASS", "PASS", "PASS", "NOT_APPLICABLE",
                    "NOT_APPLICABLE", "PASS", "PASS", "NOT_APPLICABLE");
            assertThat(result.step("REGION_SIGNATURE").orElseThrow().reason()).contains(Fixture.DID + "#key-2");
            assertThat(result.step("STATUS").orElseThrow().reason()).contains("revocation: not set", "suspension: not set");
            assertThat(result.certificateNumber()).isEqualTo(Fixture.claims(1).number());
            assertThat(result.problems()).isEmpty();
        }

        @Test
        void carriesNoNameOrIdNumberUnlessTheHolderAskedForThem() {
            assertThat(fixture.credential()).doesNotContain(Fixture.ID_NUMBER).doesNotContain("张三")
                    .contains(Fixture.claims(1).holderCommitment());
            String disclosed = fixture.sign(fixture.unsigned(Fixture.single(), null,
                    new SkillCredential.Disclosure("张三", Fixture.ID_NUMBER, Fixture.hex(Fixture.SALT))), 2, Fixture.NOW.minusSeconds(60));
            CredentialVerification result = fixture.verifier().verify(disclosed, Fixture.NOW);
            assertThat(result.verdict()).isEqualTo("VALID");
            assertThat(result.step("HOLDER").orElseThrow().result()).isEqualTo("PASS");
        }

        @Test
        void disclosedDetailsThatDoNotGiveTheCommitmentFailTheHolderCheck() {
            String wrong = fixture.sign(fixture.unsigned(Fixture.single(), null,
                    new SkillCredential.Disclosure("李四", Fixture.ID_NUMBER, Fixture.hex(Fixture.SALT))), 2, Fixture.NOW.minusSeconds(60));
            CredentialVerification result = fixture.verifier().verify(wrong, Fixture.NOW);
            assertThat(result.step("HOLDER").orElseThrow().result()).isEqualTo("FAIL");
            assertThat(result.verdict()).isEqualTo("INVALID");
        }

        @Test
        void fromABatchCarriesItsMerklePathToTheSignedRoot() {
            Fixture.Batched b = fixture.batched();
            String vc = fixture.sign(fixture.unsigned(b.certificate(), b.batch(), null), 2, Fixture.NOW.minusSeconds(60));
            CredentialVerification result = fixture.verifier().verify(vc, Fixture.NOW);
            assertThat(result.verdict()).as("%s", result.steps()).isEqualTo("VALID");
            assertThat(result.step("MERKLE_PATH").orElseThrow().result()).isEqualTo("PASS");
            assertThat(result.step("MERKLE_PATH").orElseThrow().reason()).contains("leaf 1 of 3", b.batch().merkleRoot());
        }

        @Test
        void signedWithTheRotatedKeyWithinItsTermStillVerifies() {
            String vc = fixture.sign(fixture.unsigned(Fixture.single(), null, null), 1, Instant.parse("2026-05-31T23:59:59Z"));
            assertThat(fixture.verifier().verify(vc, Fixture.NOW).step("REGION_SIGNATURE").orElseThrow().result()).isEqualTo("PASS");
        }
    }

    @Nested
    class BadInputGivesAReasonNeverAnException {

        @Test
        void malformedJson() {
            CredentialVerification result = fixture.verifier().verify("{\"@context\": [", Fixture.NOW);
            assertFailed(result, "RECORD", "PARSING_ERROR", "not valid JSON");
            assertThat(result.steps()).hasSize(8);
            assertThat(result.steps().subList(1, 8)).allMatch(s -> s.result().equals("NOT_APPLICABLE"));
            assertFailed(fixture.verifier().verify("", Fixture.NOW), "RECORD", "PARSING_ERROR", "empty");
            assertFailed(fixture.verifier().verify("[1,2]", Fixture.NOW), "RECORD", "MALFORMED_VALUE_ERROR", "not an object");
            assertFailed(fixture.verifier().verify("{\"a\":1,\"a\":1}", Fixture.NOW), "RECORD", "PARSING_ERROR", "Duplicate");
        }

        @Test
        void unknownContext() {
            ObjectNode vc = tree(fixture.credential());
            vc.withArray("@context").add("https://example.org/my-context");
            assertFailed(fixture.verifier().verify(vc.toString(), Fixture.NOW), "RECORD", "MALFORMED_VALUE_ERROR",
                    "unknown context \"https://example.org/my-context\"");
            vc.withArray("@context").removeAll().add("https://www.w3.org/2018/credentials/v1");
            assertFailed(fixture.verifier().verify(vc.toString(), Fixture.NOW), "RECORD", "MALFORMED_VALUE_ERROR",
                    "not a VC 2.0 credential");
        }

        @Test
        void unknownType() {
            ObjectNode vc = tree(fixture.credential());
            vc.withArray("type").add("DriverLicense");
            assertFailed(fixture.verifier().verify(vc.toString(), Fixture.NOW), "RECORD", "MALFORMED_VALUE_ERROR",
                    "unknown type \"DriverLicense\"");
        }

        @Test
        void wrongCryptosuite() {
            ObjectNode vc = tree(fixture.credential());
            ((ObjectNode) vc.get("proof")).put("cryptosuite", "ecdsa-rdfc-2019");
            assertFailed(fixture.verifier().verify(vc.toString(), Fixture.NOW), "REGION_SIGNATURE", "PROOF_VERIFICATION_ERROR",
                    "wrong cryptosuite \"ecdsa-rdfc-2019\"");
        }

        @Test
        void anyAlteredField() {
            for (String[] change : new String[][] {{"credentialSubject", "level", "3"}, {"credentialSubject", "region", "CD"},
                    {"proof", "created", "2026-07-01T00:00:00Z"}, {"ledgerRecord", "issueTxId", "tx9"}}) {
                ObjectNode vc = tree(fixture.credential());
                if (change[1].equals("level")) {
                    ((ObjectNode) vc.get(change[0])).put(change[1], Integer.parseInt(change[2]));
                } else {
                    ((ObjectNode) vc.get(change[0])).put(change[1], change[2]);
                }
                assertFailed(fixture.verifier().verify(vc.toString(), Fixture.NOW), "REGION_SIGNATURE",
                        "CRYPTOGRAPHIC_SECURITY_ERROR", "does not verify");
            }
            ObjectNode vc = tree(fixture.credential());
            vc.put("validUntil", "2099-01-01T00:00:00Z");
            assertFailed(fixture.verifier().verify(vc.toString(), Fixture.NOW), "REGION_SIGNATURE", "CRYPTOGRAPHIC_SECURITY_ERROR",
                    "altered after signing");
        }

        @Test
        void anAlteredMerklePath() {
            Fixture.Batched b = fixture.batched();
            ObjectNode unsigned = fixture.unsigned(b.certificate(), b.batch(), null);
            ObjectNode step = (ObjectNode) unsigned.get("ledgerRecord").get("batch").get("merklePath").get(0);
            step.put("hash", "0".repeat(64));
            // Signed after the change: the proof holds, the path does not lead to the batch root.
            CredentialVerification result = fixture.verifier().verify(fixture.sign(unsigned, 2, Fixture.NOW.minusSeconds(60)), Fixture.NOW);
            assertFailed(result, "MERKLE_PATH", "CRYPTOGRAPHIC_SECURITY_ERROR", "does not lead to the batch root");
            assertThat(result.step("REGION_SIGNATURE").orElseThrow().result()).isEqualTo("PASS");
        }

        @Test
        void anAlteredLeafIndexWhosePathStillLeadsToTheRoot() {
            Fixture.Batched b = fixture.batched();
            ObjectNode unsigned = fixture.unsigned(b.certificate(), b.batch(), null);
            ((ObjectNode) unsigned.get("ledgerRecord").get("batch")).put("leafIndex", 2);
            CredentialVerification result = fixture.verifier().verify(fixture.sign(unsigned, 2, Fixture.NOW.minusSeconds(60)), Fixture.NOW);
            assertFailed(result, "MERKLE_PATH", "CRYPTOGRAPHIC_SECURITY_ERROR", "the leaf index was altered");
        }

        @Test
        void aKeyOutsideItsValidityTerm() {
            String afterRotation = fixture.sign(fixture.unsigned(Fixture.single(), null, null), 1, Fixture.NOW.minusSeconds(60));
            assertFailed(fixture.verifier().verify(afterRotation, Fixture.NOW), "REGION_SIGNATURE", "CRYPTOGRAPHIC_SECURITY_ERROR",
                    "outside the key term 2026-01-01T00:00:00Z to 2026-06-01T00:00:00Z");
            String beforeItsTerm = fixture.sign(fixture.unsigned(Fixture.single(), null, null), 2, Instant.parse("2026-05-01T00:00:00Z"));
            assertFailed(fixture.verifier().verify(beforeItsTerm, Fixture.NOW), "REGION_SIGNATURE", "CRYPTOGRAPHIC_SECURITY_ERROR",
                    "outside the key term");
        }

        @Test
        void aKeyOfAnotherIssuerOrWithoutItsControllerDocument() {
            ObjectNode vc = tree(fixture.credential());
            ((ObjectNode) vc.get("issuer")).put("id", "did:web:127.0.0.1%3A7500");
            assertFailed(fixture.verifier().verify(vc.toString(), Fixture.NOW), "REGION_SIGNATURE", "CRYPTOGRAPHIC_SECURITY_ERROR",
                    "is not the issuer's");
            CredentialVerification none = new CredentialVerifier(List.of(), java.util.Map.of()).verify(fixture.credential(), Fixture.NOW);
            assertFailed(none, "REGION_SIGNATURE", "PROOF_VERIFICATION_ERROR", "no controller document for " + Fixture.DID);
        }

        @Test
        void anExpiredCredential() {
            CredentialVerification result = fixture.verifier().verify(fixture.credential(), Instant.parse("2030-01-01T00:00:00Z"));
            assertThat(result.step("VALIDITY_PERIOD").orElseThrow().result()).isEqualTo("FAIL");
            assertThat(result.step("VALIDITY_PERIOD").orElseThrow().reason()).contains("expired: validUntil 2029-12-31T16:00:00Z");
        }

        @Test
        void aStaleStatusList() {
            String stale = fixture.statusList(Vocabulary.REVOCATION, BitstringStatusList.ofLength(BitstringStatusList.MIN_LENGTH),
                    Fixture.NOW.minusSeconds(7200), Fixture.NOW.minusSeconds(3600));
            assertFailed(fixture.verifier(stale, fixture.emptyList(Vocabulary.SUSPENSION)).verify(fixture.credential(), Fixture.NOW),
                    "STATUS", "STATUS_VERIFICATION_ERROR", "is stale");
        }

        @Test
        void aTamperedStatusList() {
            ObjectNode list = tree(fixture.emptyList(Vocabulary.REVOCATION));
            BitstringStatusList other = BitstringStatusList.ofLength(BitstringStatusList.MIN_LENGTH);
            other.set(7, true);
            ((ObjectNode) list.get("credentialSubject")).put("encodedList", other.encode());
            assertFailed(fixture.verifier(list.toString(), fixture.emptyList(Vocabulary.SUSPENSION)).verify(fixture.credential(), Fixture.NOW),
                    "STATUS", "STATUS_VERIFICATION_ERROR", "does not verify (tampered");
        }

        @Test
        void aStatusListOfAnotherIssuer() {
            ObjectNode list = tree(fixture.emptyList(Vocabulary.REVOCATION));
            list.put("issuer", "did:web:evil.example");
            assertFailed(fixture.verifier(list.toString(), fixture.emptyList(Vocabulary.SUSPENSION)).verify(fixture.credential(), Fixture.NOW),
                    "STATUS", "STATUS_VERIFICATION_ERROR", "issued by did:web:evil.example");
        }

        @Test
        void anIndexOutOfRange() {
            ObjectNode unsigned = SkillCredential.unsigned(Fixture.single(), null, "c", Fixture.DID, "b", Fixture.status(200_000), null);
            String vc = fixture.sign(unsigned, 2, Fixture.NOW.minusSeconds(60));
            assertFailed(fixture.verifier().verify(vc, Fixture.NOW), "STATUS", "RANGE_ERROR",
                    "index 200000 is out of range: the list " + Fixture.REVOCATION_URL + " has 131072 entries");
        }

        @Test
        void aListShorterThanTheMinimum() throws Exception {
            ObjectNode list = tree(fixture.emptyList(Vocabulary.REVOCATION));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(new byte[1024]);
            }
            ((ObjectNode) list.get("credentialSubject")).put("encodedList", Multibase.base64url(out.toByteArray()));
            list.remove("proof");
            String resigned = fixture.sign(list, 2, Fixture.NOW.minusSeconds(60));
            assertFailed(fixture.verifier(resigned, fixture.emptyList(Vocabulary.SUSPENSION)).verify(fixture.credential(), Fixture.NOW),
                    "STATUS", "STATUS_LIST_LENGTH_ERROR", "8192 entries, fewer than the 131072");
        }

        @Test
        void aMissingStatusList() {
            assertFailed(fixture.verifier(null, fixture.emptyList(Vocabulary.SUSPENSION)).verify(fixture.credential(), Fixture.NOW),
                    "STATUS", "STATUS_RETRIEVAL_ERROR", "no status list credential " + Fixture.REVOCATION_URL);
        }
    }

    @Nested
    class Status {

        @Test
        void aRevokedCertificateFails() {
            BitstringStatusList bits = BitstringStatusList.ofLength(BitstringStatusList.MIN_LENGTH);
            bits.set(Fixture.INDEX, true);
            String list = fixture.statusList(Vocabulary.REVOCATION, bits, Fixture.NOW.minusSeconds(60), Fixture.NOW.plusSeconds(60));
            CredentialVerification result = fixture.verifier(list, fixture.emptyList(Vocabulary.SUSPENSION)).verify(fixture.credential(), Fixture.NOW);
            assertFailed(result, "STATUS", "STATUS_VERIFICATION_ERROR", "revocation: the credential is REVOKED (index 4711");
        }

        @Test
        void aSuspendedCertificateFailsAndTheNeighbouringBitsDoNotCount() {
            BitstringStatusList bits = BitstringStatusList.ofLength(BitstringStatusList.MIN_LENGTH);
            bits.set(Fixture.INDEX - 1, true);
            bits.set(Fixture.INDEX + 1, true);
            String revocation = fixture.statusList(Vocabulary.REVOCATION, bits, Fixture.NOW.minusSeconds(60), Fixture.NOW.plusSeconds(60));
            bits.set(Fixture.INDEX, true);
            String suspension = fixture.statusList(Vocabulary.SUSPENSION, bits, Fixture.NOW.minusSeconds(60), Fixture.NOW.plusSeconds(60));
            CredentialVerification result = fixture.verifier(revocation, suspension).verify(fixture.credential(), Fixture.NOW);
            assertFailed(result, "STATUS", "STATUS_VERIFICATION_ERROR", "suspension: the credential is SUSPENDED");
            assertThat(result.step("STATUS").orElseThrow().reason()).doesNotContain("REVOKED");
        }
    }

    private static ObjectNode tree(String json) {
        return (ObjectNode) Json.tree(json);
    }

    private static void assertFailed(CredentialVerification result, String check, String problemTitle, String reasonPart) {
        assertThat(result.verdict()).as("%s", result.steps()).isEqualTo("INVALID");
        Step step = result.step(check).orElseThrow(() -> new AssertionError("no step " + check + " in " + result.steps()));
        assertThat(step.result()).as("%s", result.steps()).isEqualTo("FAIL");
        assertThat(step.reason()).contains(reasonPart);
        assertThat(result.problems()).as("%s", result.problems())
                .anyMatch(p -> p.check().equals(check) && p.title().equals(problemTitle) && p.type().endsWith("#" + problemTitle));
    }
}
