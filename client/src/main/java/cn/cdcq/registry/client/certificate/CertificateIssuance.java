package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.client.certificate.CertificateClient.Issued;
import cn.cdcq.registry.client.certificate.IssueResults.BatchIssue;
import cn.cdcq.registry.client.certificate.IssueResults.IssuedCertificate;
import cn.cdcq.registry.client.certificate.IssueResults.SingleIssue;
import cn.cdcq.registry.client.fabric.LedgerException;
import cn.cdcq.registry.client.fabric.UserGateways;
import cn.cdcq.registry.client.identity.Account;
import cn.cdcq.registry.client.identity.Accounts;
import cn.cdcq.registry.client.privacy.HolderPseudonyms;
import cn.cdcq.registry.client.privacy.HolderSalts;
import cn.cdcq.registry.client.region.RegionAttestation;
import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.certificate.BatchHeader;
import cn.cdcq.registry.common.certificate.CertificateAttestation;
import cn.cdcq.registry.common.certificate.CertificateBatch;
import cn.cdcq.registry.common.certificate.CertificateBatchRequest;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.certificate.CertificateIssueRequest;
import cn.cdcq.registry.common.certificate.CertificateStatus;
import cn.cdcq.registry.common.certificate.SkillCertificate;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.privacy.Holder;
import cn.cdcq.registry.common.privacy.Holder.HolderDetails;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issues certificates for a training center of this region: validates what the center sent,
 * replaces each holder's name and ID number by pseudonym (consortium pepper) and commitment
 * (salt from {@link HolderSalts}), signs with the region's attestation key
 * ({@link RegionAttestation}, each use logged without personal data) and submits as the center's
 * own Fabric identity.
 *
 * <p>Idempotent: the same request always makes the same claims, so a batch sent again has the
 * same Merkle root, its id on the ledger. A batch whose root the ledger has is answered
 * {@link IssueResults#ALREADY_ISSUED} with the same salts, without a signature or a transaction.
 * A single certificate (or a batch that raced its twin) that the ledger refuses as existing is
 * answered the same way when the stored claims are exactly these; otherwise the refusal stands
 * (409 {@code ALREADY_EXISTS}: the number belongs to another certificate).
 */
@Component
public class CertificateIssuance {


    private final UserGateways gateways;
    private final Accounts accounts;
    private final HolderPseudonyms pseudonyms;
    private final HolderSalts salts;
    private final RegionAttestation attestation;
    private final String region;
    private final Clock clock;

    public CertificateIssuance(UserGateways gateways, Accounts accounts, HolderPseudonyms pseudonyms, HolderSalts salts,
                               RegionAttestation attestation, ServiceProperties properties) {
        this.gateways = gateways;
        this.accounts = accounts;
        this.pseudonyms = pseudonyms;
        this.salts = salts;
        this.attestation = attestation;
        this.region = properties.regionCode();
        this.clock = Clock.system(IsoDate.CHINA);
    }

    /** Claims ready to sign and the salt of their holder commitment. */
    private record Prepared(CertificateClaims claims, String saltHex) {
        IssuedCertificate issued() {
            return new IssuedCertificate(claims.number(), CertificateStatus.VALID.name(), saltHex);
        }
    }

    /** Issues one certificate as training-center account {@code account}. */
    public SingleIssue issue(String account, NewCertificate request) {
        String centerId = centerOf(account);
        if (request == null) {
            throw new InvalidRequest("certificate", InvalidInputException.INVALID_JSON, "the request body is missing");
        }
        Prepared prepared = prepare(request.validated("", today()), centerId);
        CertificateClaims claims = prepared.claims();
        CertificateClient client = gateways.client(account, CertificateClient::new);
        String signature = Hashes.hex(attestation.sign(CertificateAttestation.signedBytes(claims),
                "SkillCertificate", claims.number(), account));
        try {
            Issued<SkillCertificate> issued = client.issue(new CertificateIssueRequest(claims, signature));
            SkillCertificate c = issued.value();
            return new SingleIssue(IssueResults.ISSUED, new IssuedCertificate(c.number(), c.status().name(), prepared.saltHex()),
                    c.issuedAt(), issued.transactionId());
        } catch (LedgerException e) {
            if (!raced(e)) {
                throw e;
            }
            SkillCertificate existing = find(() -> client.certificate(claims.number())).orElseThrow(() -> e);
            if (!existing.claims().equals(claims)) {
                throw e;
            }
            return new SingleIssue(IssueResults.ALREADY_ISSUED,
                    new IssuedCertificate(existing.number(), existing.status().name(), prepared.saltHex()),
                    existing.issuedAt(), existing.issueTxId());
        }
    }

    /**
     * Issues up to {@value CertificateAttestation#MAX_BATCH_SIZE} certificates in one transaction
     * under one region signature, as training-center account {@code account}. Every entry is
     * validated first; one wrong entry refuses the whole batch, naming every wrong field.
     */
    public BatchIssue issueBatch(String account, List<NewCertificate> requests) {
        String centerId = centerOf(account);
        List<Prepared> prepared = prepareAll(requests, centerId);
        List<CertificateClaims> claims = prepared.stream().map(Prepared::claims).toList();
        BatchHeader header = CertificateAttestation.header(claims);
        List<IssuedCertificate> answer = prepared.stream().map(Prepared::issued).toList();
        CertificateClient client = gateways.client(account, CertificateClient::new);

        Optional<CertificateBatch> earlier = find(() -> client.batch(header.merkleRoot()));
        if (earlier.isPresent()) {
            return alreadyIssued(earlier.get(), answer);
        }
        String signature = Hashes.hex(attestation.sign(CertificateAttestation.signedBytes(header),
                "SkillCertificateBatch", header.merkleRoot(), account));
        try {
            Issued<CertificateBatch> issued = client.issueBatch(new CertificateBatchRequest(claims, signature));
            CertificateBatch batch = issued.value();
            return new BatchIssue(IssueResults.ISSUED, batch.merkleRoot(), batch.count(), batch.issuedAt(),
                    issued.transactionId(), answer);
        } catch (LedgerException e) {
            if (!raced(e)) {
                throw e;
            }
            return alreadyIssued(find(() -> client.batch(header.merkleRoot())).orElseThrow(() -> e), answer);
        }
    }

    private static BatchIssue alreadyIssued(CertificateBatch batch, List<IssuedCertificate> answer) {
        return new BatchIssue(IssueResults.ALREADY_ISSUED, batch.merkleRoot(), batch.count(), batch.issuedAt(),
                batch.issueTxId(), answer);
    }

    private List<Prepared> prepareAll(List<NewCertificate> requests, String centerId) {
        if (requests == null || requests.isEmpty()) {
            throw new InvalidRequest("certificates", InvalidInputException.INVALID_BATCH_SIZE,
                    "the batch has no certificates; send {\"certificates\": [ ... ]}");
        }
        if (requests.size() > CertificateAttestation.MAX_BATCH_SIZE) {
            throw new InvalidRequest("certificates", InvalidInputException.INVALID_BATCH_SIZE, "the batch has "
                    + requests.size() + " certificates; at most " + CertificateAttestation.MAX_BATCH_SIZE
                    + " go in one transaction, so split it");
        }
        LocalDate today = today();
        InvalidRequest.Collector problems = new InvalidRequest.Collector();
        List<NewCertificate> valid = new ArrayList<>(requests.size());
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < requests.size(); i++) {
            String prefix = "certificates[" + i + "].";
            NewCertificate request = requests.get(i);
            if (request == null) {
                problems.add("certificates[" + i + "]", InvalidInputException.INVALID_JSON, "the entry is empty");
                continue;
            }
            try {
                NewCertificate entry = request.validated(prefix, today);
                Integer earlier = seen.putIfAbsent(entry.number(), i);
                if (earlier != null) {
                    problems.add(prefix + "number", InvalidInputException.INVALID_CERTIFICATE_NUMBER, "certificate number "
                            + entry.number() + " is also entry " + earlier + " of this batch; a number is issued once");
                }
                valid.add(entry);
            } catch (InvalidRequest e) {
                problems.addAll(e);
            }
        }
        problems.throwIfAny();
        return valid.stream().map(entry -> prepare(entry, centerId)).toList();
    }

    /** Pseudonym and commitment in place of the holder's details, which go no further than this method. */
    private Prepared prepare(NewCertificate entry, String centerId) {
        HolderDetails holder = new HolderDetails(entry.holderName(), entry.holderIdNumber());
        byte[] salt = salts.saltFor(region, entry.number(), holder);
        CertificateClaims claims = new CertificateClaims(entry.number(), entry.occupation(), entry.level(), centerId,
                region, entry.issueDate(), entry.expiryDate(), pseudonyms.pseudonym(holder.residentIdNumber()),
                Holder.commitment(salt, holder));
        return new Prepared(InvalidRequest.check("certificate", claims::validate), Hashes.hex(salt));
    }

    private String centerOf(String account) {
        Account center = accounts.find(account).orElseThrow(() -> new IllegalStateException("no account " + account));
        if (center.centerId() == null) {
            throw new LedgerException(ErrorCode.FORBIDDEN, "account " + account + " is not a training center's account: "
                    + "it has no centerId, so it cannot issue certificates");
        }
        return center.centerId();
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The ledger refused because the same number or batch exists, or a concurrent twin won the race. */
    private static boolean raced(LedgerException e) {
        return e.is(ErrorCode.ALREADY_EXISTS) || LedgerException.MVCC_CONFLICT.equals(e.code());
    }

    private static <T> Optional<T> find(java.util.function.Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (LedgerException e) {
            if (e.is(ErrorCode.NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
