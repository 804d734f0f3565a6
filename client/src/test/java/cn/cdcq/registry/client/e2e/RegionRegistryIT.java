package cn.cdcq.registry.client.e2e;

import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.MspIdentity;
import cn.cdcq.registry.client.region.RegionRegistryClient;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.region.AttestationCertificate;
import cn.cdcq.registry.common.region.Region;
import cn.cdcq.registry.common.region.RegionProposal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The region registry on the real two-region network: each bureau, with its own enrolled
 * identity, proposes its region through its own peer; the other approves; every change is
 * read back through the other region's peer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegionRegistryIT {

    private E2eNetwork net;
    private RegionRegistryClient cdBureau;      // Chengdu bureau through Chengdu's peer
    private RegionRegistryClient cqBureau;      // Chongqing bureau through Chongqing's peer
    private RegionRegistryClient cdBureauViaCq; // Chengdu bureau through Chongqing's peer
    private RegionRegistryClient cqReader;      // a Chongqing inspector reading through Chongqing's peer

    @BeforeAll
    void connectAndRegisterBothRegions() throws Exception {
        net = new E2eNetwork();
        cdBureau = new RegionRegistryClient(net.gateway("chengdu", "bureau", "chengdu"));
        cqBureau = new RegionRegistryClient(net.gateway("chongqing", "bureau", "chongqing"));
        cdBureauViaCq = new RegionRegistryClient(net.gateway("chengdu", "bureau", "chongqing"));
        cqReader = new RegionRegistryClient(net.gateway("chongqing", "inspector1", "chongqing"));

        net.ensureRegionsRegistered();
        assertThat(cqReader.region("CD").attestationSequence()).isGreaterThanOrEqualTo(1);
    }

    @AfterAll
    void close() throws Exception {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void bothRegionsAreReadableThroughEitherPeerWithTheirMspAndAttestationCertificate() throws Exception {
        List<Region> viaChongqing = cqReader.regions();
        assertThat(viaChongqing).extracting(Region::code).containsExactly("CD", "CQ");
        assertThat(viaChongqing).extracting(Region::mspId).containsExactly(
                net.region("chengdu").mspId(), net.region("chongqing").mspId());

        String cdCertPem = Files.readString(net.region("chengdu").userMsp("attestation").resolve("signcerts/cert.pem"));
        String enrolledFingerprint = Signatures.fingerprint(Signatures.parseCertificate(cdCertPem));
        List<AttestationCertificate> history = cqReader.attestationCertificates("CD");
        assertThat(history.get(0).fingerprint()).isEqualTo(enrolledFingerprint);
        assertThat(history.get(0).sequence()).isEqualTo(1);
    }

    @Nested
    class Rotation {

        @Test
        void takesEffectOnlyWhenTheOtherRegionApprovesAndKeepsTheOldTermForHistory() throws Exception {
            List<AttestationCertificate> before = cqReader.attestationCertificates("CD");
            AttestationCertificate current = before.get(before.size() - 1);
            // A new certificate for the key the Chengdu service holds (as a region renewing its
            // certificate would do): the rotation is real, and the service still signs validly
            // afterwards, so the tests and fault cases that run later are not left with a region
            // whose current attestation key nobody holds.
            MspIdentity service = net.identity("chengdu", "attestation");
            String newPem = Signatures.toPem(E2eNetwork.selfSignedCertificate(
                    new java.security.KeyPair(service.certificate().getPublicKey(), service.privateKey()),
                    "CN=attestation-renewed-" + System.nanoTime() + ",O=Chengdu"));

            RegionProposal proposal = cdBureau.proposeRotation(newPem);
            assertThat(cqReader.attestationCertificates("CD")).as("pending rotation changes nothing").isEqualTo(before);

            seen(cqReader, proposal.id(), RegionProposal.Status.PENDING);
            RegionProposal approved = cqBureau.approve(proposal.id());
            assertThat(approved.status()).isEqualTo(RegionProposal.Status.APPROVED);

            List<AttestationCertificate> after = cqReader.attestationCertificates("CD");
            assertThat(after).hasSize(before.size() + 1);
            AttestationCertificate old = after.get(after.size() - 2);
            AttestationCertificate now = after.get(after.size() - 1);
            assertThat(old.fingerprint()).isEqualTo(current.fingerprint());
            assertThat(old.validTo()).isNotNull();
            assertThat(now.sequence()).isEqualTo(current.sequence() + 1);
            assertThat(now.validFrom()).isEqualTo(old.validTo());
            assertThat(now.validTo()).isNull();
            assertThat(now.fingerprint()).isEqualTo(Signatures.fingerprint(Signatures.parseCertificate(newPem)));
            assertThat(cdBureauViaCq.region("CD").attestationSequence()).isEqualTo(now.sequence());
        }

        @Test
        void aRegionCannotApproveItsOwnProposalAndOnlyTheProposerMayWithdraw() throws Exception {
            RegionProposal proposal = cdBureau.proposeRotation(Signatures.toPem(selfSignedCertificate("secp256r1")));
            seen(cqReader, proposal.id(), RegionProposal.Status.PENDING);
            assertThatThrownBy(() -> cdBureauViaCq.approve(proposal.id()))
                    .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"))
                    .hasMessageContaining("cannot approve its own proposal");
            assertThatThrownBy(() -> cqBureau.withdraw(proposal.id()))
                    .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"));
            assertThat(cdBureau.withdraw(proposal.id()).status()).isEqualTo(RegionProposal.Status.WITHDRAWN);
            assertThat(seen(cqReader, proposal.id(), RegionProposal.Status.WITHDRAWN).status()).isEqualTo(RegionProposal.Status.WITHDRAWN);
        }
    }

    @Nested
    class Refusals {

        @Test
        void aTrainingCenterCannotProposeOrApprove() {
            RegionRegistryClient center = new RegionRegistryClient(net.gateway("chengdu", "center", "chengdu"));
            assertThatThrownBy(() -> center.proposeRotation("irrelevant"))
                    .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("FORBIDDEN"))
                    .hasMessageContaining("training_center");
        }

        @Test
        void anAttestationKeyOtherThanP256IsRefused() throws Exception {
            String p384 = Signatures.toPem(selfSignedCertificate("secp384r1"));
            assertThatThrownBy(() -> cdBureau.proposeRotation(p384))
                    .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("INVALID_INPUT"));
            assertThatThrownBy(() -> cdBureau.proposeRotation("-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----"))
                    .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("INVALID_INPUT"));
        }

        @Test
        void aRegionCannotBeRegisteredTwice() throws Exception {
            String pem = Signatures.toPem(selfSignedCertificate("secp256r1"));
            assertThatThrownBy(() -> cqBureau.proposeRegistration("CD", "Impostor", pem))
                    .isInstanceOfSatisfying(LedgerException.class, e -> assertThat(e.code()).isEqualTo("ALREADY_EXISTS"));
        }
    }

    /**
     * The proposal as read through {@code reader}'s peer once both peers have every block: a
     * submit returns when its own peer has committed, the other region's peer a moment later.
     */
    private RegionProposal seen(RegionRegistryClient reader, String id, RegionProposal.Status expectedStatus) {
        net.awaitPeersInSync();
        RegionProposal p = reader.proposal(id);
        assertThat(p.status()).isEqualTo(expectedStatus);
        return p;
    }

    private static java.security.cert.X509Certificate selfSignedCertificate(String curve) throws Exception {
        return E2eNetwork.selfSignedCertificate(E2eNetwork.keyPair(curve), "CN=attestation-test,O=Chengdu");
    }
}
