package cn.cdcq.registry.client.credential;

import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.common.credential.BitstringStatusList;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class CredentialStatusRegisterTest {

    @TempDir
    Path dir;
    private final IssuerIdentity issuer = mock(IssuerIdentity.class);

    @BeforeEach
    void anIssuerThatSignsNothing() {
        when(issuer.did()).thenReturn("did:web:127.0.0.1%3A7510");
        when(issuer.baseUrl()).thenReturn("http://127.0.0.1:7510");
        // The proof is the signer's business (tested in registry-common); here only the list matters.
        when(issuer.sign(any(ObjectNode.class), anyString(), anyString(), anyString())).thenAnswer(call -> call.getArgument(0));
    }

    private CredentialStatusRegister register() {
        return new CredentialStatusRegister(new ServiceProperties("chongqing", "CQ", "ChongqingMSP", "laborchannel", "registry",
                new ServiceProperties.Peer("127.0.0.1:1", "peer0-chongqing", Path.of("tls.pem")),
                new ServiceProperties.Ca("https://127.0.0.1:2", "ca-chongqing", Path.of("ca.pem"), Path.of("registrar")),
                dir, Path.of("attestation"), null, new ServiceProperties.Admin("cq-admin", Path.of("pw")), null), issuer);
    }

    private static BitstringStatusList list(CredentialStatusRegister register, String purpose) {
        return BitstringStatusList.decode(register.statusListCredential(purpose).path("credentialSubject").path("encodedList").asText());
    }

    private static byte[] event(String number, String region, String status) {
        return ("{\"number\":\"" + number + "\",\"region\":\"" + region + "\",\"status\":\"" + status + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void indexesAreDrawnAtRandomOncePerCertificateAndSurviveARestart() {
        CredentialStatusRegister register = register();
        Set<Integer> indexes = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            indexes.add(register.entryFor("S" + i, () -> "VALID"));
        }
        assertThat(indexes).hasSize(200);
        // Random, not in issue order: 200 sequential draws would all sit below 200.
        assertThat(indexes.stream().filter(i -> i >= 200).count()).isGreaterThan(190);
        int first = register.entryFor("S0", () -> "VALID");
        assertThat(register.entryFor("S0", () -> "VALID")).isEqualTo(first);
        assertThat(register().entryFor("S0", () -> "VALID")).as("after a restart").isEqualTo(first);
        assertThat(register().size()).isEqualTo(200);
    }

    @Test
    void statusEventsOfThisRegionSetAndClearTheBitsAndReplayAfterARestart() {
        CredentialStatusRegister register = register();
        int index = register.entryFor("S1", () -> "VALID");
        int other = register.entryFor("S2", () -> "VALID");
        register.onEvent("CertificateStatusChanged", "tx1", 5, event("S1", "CQ", "SUSPENDED"));
        assertThat(list(register, "suspension").get(index)).isTrue();
        assertThat(list(register, "revocation").get(index)).isFalse();
        register.onEvent("CertificateStatusChanged", "tx2", 6, event("S1", "CQ", "VALID"));
        assertThat(list(register, "suspension").get(index)).isFalse();
        register.onEvent("CertificateStatusChanged", "tx3", 7, event("S1", "CQ", "REVOKED"));
        register.onEvent("CertificateStatusChanged", "tx4", 8, event("S2", "CD", "REVOKED")); // another region's record
        register.onEvent("CertificateIssued", "tx5", 9, event("S2", "CQ", "REVOKED"));        // not a status change
        register.onEvent("CertificateStatusChanged", "tx6", 9, "not json".getBytes(StandardCharsets.UTF_8));
        assertThat(list(register, "revocation").get(index)).isTrue();
        assertThat(list(register, "revocation").get(other)).isFalse();

        CredentialStatusRegister restarted = register();
        assertThat(list(restarted, "revocation").get(index)).isTrue();
        assertThat(list(restarted, "revocation").get(other)).isFalse();
    }

    @Test
    void aCertificateExportedAfterItsStatusChangedTakesTheLedgersStatus() {
        CredentialStatusRegister register = register();
        int index = register.entryFor("S9", () -> "REVOKED");
        assertThat(list(register, "revocation").get(index)).isTrue();
    }

    @Test
    void theListIsSignedAgainOnlyAfterAChange() {
        CredentialStatusRegister register = register();
        int index = register.entryFor("S1", () -> "VALID");
        register.statusListCredential("revocation");
        register.statusListCredential("revocation");
        verify(issuer, times(1)).sign(any(), anyString(), anyString(), anyString());
        register.onEvent("CertificateStatusChanged", "tx1", 5, event("S1", "CQ", "REVOKED"));
        assertThat(list(register, "revocation").get(index)).isTrue();
        verify(issuer, times(2)).sign(any(), anyString(), anyString(), anyString());
        assertThat(register.statusListCredential("revocation").path("validUntil").asText()).isNotBlank();
    }

    @Test
    void theListGrowsOnceHalfOfItIsTakenAndKeepsAtLeastTheMinimum() throws Exception {
        CredentialStatusRegister register = register();
        assertThat(list(register, "revocation").length()).isEqualTo(131_072);
        // 65,536 entries as the register writes them (one forced write each would take minutes here).
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 65_536; i++) {
            lines.append("{\"number\":\"N").append(i).append("\",\"index\":").append(2 * i).append("}\n");
        }
        Files.writeString(dir.resolve("credential-status.jsonl"), lines.toString(), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        CredentialStatusRegister full = register();
        assertThat(list(full, "revocation").length()).as("exactly half taken").isEqualTo(131_072);
        int next = full.entryFor("N-last", () -> "REVOKED");
        assertThat(next % 2 == 1 || next >= 131_072).as("a free index").isTrue();
        BitstringStatusList grown = list(full, "revocation");
        assertThat(grown.length()).isEqualTo(262_144);
        assertThat(grown.get(next)).isTrue();
        assertThat(register().size()).isEqualTo(65_537);
    }

    @Test
    void anUnknownPurposeIsRefusedByName() throws Exception {
        assertThatThrownBy(() -> register().statusListCredential("refresh")).isInstanceOf(CredentialRefusal.class)
                .hasMessageContaining("\"revocation\" and \"suspension\"");
        assertThat(Files.exists(dir.resolve("credential-status.jsonl"))).isTrue();
    }

    @Test
    void anIndexDrawnAfterATornLineKeepsItsEntryAfterTheNextRestart() throws Exception {
        CredentialStatusRegister register = register();
        int first = register.entryFor("S1", () -> "VALID");
        register.destroy();
        Files.writeString(dir.resolve("credential-status.jsonl"), "{\"index\":12,\"numb", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        CredentialStatusRegister reopened = register();
        int second = reopened.entryFor("S2", () -> "REVOKED");
        reopened.destroy();

        CredentialStatusRegister again = register();
        assertThat(again.size()).isEqualTo(2);
        assertThat(again.entryFor("S1", () -> "VALID")).isEqualTo(first);
        assertThat(again.entryFor("S2", () -> "REVOKED")).as("the same index, not a new draw").isEqualTo(second);
        assertThat(list(again, "revocation").get(second)).isTrue();
    }
}
