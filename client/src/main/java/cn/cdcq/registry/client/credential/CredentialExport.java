package cn.cdcq.registry.client.credential;

import cn.cdcq.registry.client.certificate.AccreditationClient;
import cn.cdcq.registry.client.certificate.CertificateClient;
import cn.cdcq.registry.client.identity.PublicReader;
import cn.cdcq.registry.common.certificate.CertificateBatch;
import cn.cdcq.registry.common.certificate.SkillCertificate;
import cn.cdcq.registry.common.credential.SkillCredential;
import cn.cdcq.registry.common.credential.SkillCredential.Disclosure;
import cn.cdcq.registry.common.credential.SkillCredential.StatusEntry;
import cn.cdcq.registry.common.credential.Vocabulary;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.privacy.Holder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * A certificate of this region, read from the ledger, as a signed Verifiable Credential: the
 * claims, the center's name from its accreditation, the status entries from the
 * {@link CredentialStatusRegister}, the Merkle path of a batch, an ecdsa-jcs-2019 proof by the
 * region's attestation key. Only this region's certificates: the other region's key is not here.
 */
@Component
public class CredentialExport {

    private final IssuerIdentity issuer;
    private final CredentialStatusRegister status;
    private final PublicReader reader;

    public CredentialExport(IssuerIdentity issuer, CredentialStatusRegister status, PublicReader reader) {
        this.issuer = issuer;
        this.status = status;
        this.reader = reader;
    }

    /** What a holder presents to export their own credential (and to have name and ID shown, if they ask). */
    public record HolderRequest(String name, String residentIdNumber, String saltHex, boolean disclose) {
        @Override
        public String toString() {
            return "HolderRequest[details withheld, disclose=" + disclose + "]";
        }
    }

    /** The credential of {@code number}, read as {@code certificates} and signed for {@code actingAccount}. */
    public ObjectNode export(CertificateClient certificates, String number, HolderRequest holder, String actingAccount) {
        SkillCertificate certificate = certificates.certificate(number);
        if (!certificate.claims().region().equals(issuer.regionCode())) {
            throw new CredentialRefusal(HttpStatus.CONFLICT, "OTHER_REGION", "certificate " + number + " was issued in region "
                    + certificate.claims().region() + ", whose attestation key signs its credential: export it from that "
                    + "region's service");
        }
        Disclosure disclosure = null;
        if (holder != null) {
            Holder.HolderDetails details = new Holder.HolderDetails(holder.name(), holder.residentIdNumber());
            if (!Holder.commitment(Hashes.fromHex(holder.saltHex()), details).equals(certificate.claims().holderCommitment())) {
                throw new CredentialRefusal(HttpStatus.FORBIDDEN, "HOLDER_MISMATCH", "the name, ID number and salt presented "
                        + "do not match the holder of certificate " + number + "; use the salt given when it was issued");
            }
            disclosure = holder.disclose() ? new Disclosure(details.name(), details.residentIdNumber(), holder.saltHex()) : null;
        }
        CertificateBatch batch = certificate.batchIssued() ? certificates.batch(certificate.batchId()) : null;
        String centerName = reader.client(AccreditationClient::new).accreditation(certificate.claims().centerId()).name();
        int index = status.entryFor(number, () -> certificates.certificate(number).status().name());
        List<StatusEntry> entries = List.of(
                new StatusEntry(Vocabulary.REVOCATION, index, status.listUrl(Vocabulary.REVOCATION)),
                new StatusEntry(Vocabulary.SUSPENSION, index, status.listUrl(Vocabulary.SUSPENSION)));
        ObjectNode unsigned = SkillCredential.unsigned(certificate, batch, centerName, issuer.did(), issuer.bureauName(),
                entries, disclosure);
        return issuer.sign(unsigned, Vocabulary.SKILL_CERTIFICATE_CREDENTIAL, number, actingAccount);
    }

    public CertificateClient publicCertificates() {
        return reader.client(CertificateClient::new);
    }
}
