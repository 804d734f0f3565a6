package cn.cdcq.registry.common.certificate;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.json.CanonicalJson;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.merkle.MerkleTree;
import cn.cdcq.registry.common.merkle.MerkleTree.ProofStep;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The bytes a region's attestation key signs for a certificate or a batch, and the checks of
 * those signatures: the one implementation the regional service signs with and the chaincode
 * verifies with.
 *
 * <p>A signed payload is the RFC 8785 canonical JSON of the record with a {@code type} member
 * added ({@value #CERTIFICATE_TYPE} or {@value #BATCH_TYPE}). The type separates the domains: the
 * same attestation key also signs credit ratings, and a signature over one kind of record must
 * never pass for another. A batch's Merkle leaves are the certificates' signed payloads, so a
 * certificate reads the same whether it was issued alone or in a batch.
 *
 * <p>Signatures are DER-encoded ECDSA P-256 / SHA-256, written as lowercase hex.
 */
public final class CertificateAttestation {

    /** The {@code type} member of a single certificate's signed payload. */
    public static final String CERTIFICATE_TYPE = "cdcq:SkillCertificate:1";
    /** The {@code type} member of a batch header's signed payload. */
    public static final String BATCH_TYPE = "cdcq:SkillCertificateBatch:1";
    /**
     * The most certificates one batch transaction may carry. A 2,000-certificate transaction
     * stays far below the orderer's 16 MB AbsoluteMaxBytes (about 2 KB per certificate written,
     * with its Merkle path) and takes a few seconds to endorse on the local network.
     */
    public static final int MAX_BATCH_SIZE = 2000;
    /** The code of a signature that is not hex. */
    public static final String INVALID_SIGNATURE_FORMAT = "INVALID_SIGNATURE_FORMAT";

    private CertificateAttestation() {
    }

    /** The canonical bytes the region signs for one certificate; also its Merkle leaf in a batch. */
    public static byte[] signedBytes(CertificateClaims claims) {
        Objects.requireNonNull(claims, "certificate claims are null");
        return typed(Json.mapper().valueToTree(claims), CERTIFICATE_TYPE);
    }

    /** The canonical bytes the region signs for a batch. */
    public static byte[] signedBytes(BatchHeader header) {
        Objects.requireNonNull(header, "batch header is null");
        return typed(Json.mapper().valueToTree(header), BATCH_TYPE);
    }

    /** Lowercase hex SHA-256 of {@link #signedBytes(CertificateClaims)}: the certificate's canonical hash. */
    public static String canonicalHash(CertificateClaims claims) {
        return Hashes.sha256Hex(signedBytes(claims));
    }

    /** The region's signature over one certificate, lowercase hex DER. */
    public static String sign(CertificateClaims claims, PrivateKey attestationKey) {
        return Hashes.hex(Signatures.sign(attestationKey, signedBytes(claims)));
    }

    /** The region's signature over a batch header, lowercase hex DER. */
    public static String sign(BatchHeader header, PrivateKey attestationKey) {
        return Hashes.hex(Signatures.sign(attestationKey, signedBytes(header)));
    }

    /** Whether {@code signatureHex} is the region's signature over {@code claims} under {@code attestationCertificate}. */
    public static boolean verify(CertificateClaims claims, String signatureHex, X509Certificate attestationCertificate) {
        return verifyBytes(signedBytes(claims), signatureHex, attestationCertificate);
    }

    /** Whether {@code signatureHex} is the region's signature over {@code header} under {@code attestationCertificate}. */
    public static boolean verify(BatchHeader header, String signatureHex, X509Certificate attestationCertificate) {
        return verifyBytes(signedBytes(header), signatureHex, attestationCertificate);
    }

    /** The Merkle tree over the certificates of a batch, in batch order. */
    public static MerkleTree merkleTree(List<CertificateClaims> certificates) {
        if (certificates == null || certificates.isEmpty()) {
            throw new InvalidInputException(InvalidInputException.INVALID_BATCH_SIZE,
                    "a certificate batch needs at least one certificate");
        }
        if (certificates.size() > MAX_BATCH_SIZE) {
            throw new InvalidInputException(InvalidInputException.INVALID_BATCH_SIZE, "the batch has "
                    + certificates.size() + " certificates, more than the maximum of " + MAX_BATCH_SIZE
                    + " per transaction; split it into batches of at most " + MAX_BATCH_SIZE + ", each signed on its own");
        }
        List<byte[]> leaves = new ArrayList<>(certificates.size());
        for (CertificateClaims claims : certificates) {
            leaves.add(signedBytes(claims));
        }
        return MerkleTree.of(leaves);
    }

    /**
     * The header a region signs for {@code certificates}: their common region and center, their
     * count and the Merkle root. The certificates must all name the first one's region and center.
     */
    public static BatchHeader header(List<CertificateClaims> certificates) {
        MerkleTree tree = merkleTree(certificates);
        CertificateClaims first = certificates.get(0);
        return new BatchHeader(first.region(), first.centerId(), certificates.size(), Hashes.hex(tree.root()));
    }

    /** Whether {@code path} leads from the certificate's leaf to {@code merkleRootHex}. */
    public static boolean leadsToRoot(CertificateClaims claims, List<ProofStep> path, String merkleRootHex) {
        try {
            return MessageDigest.isEqual(MerkleTree.rootFromProof(signedBytes(claims), path),
                    Hashes.fromHex(merkleRootHex));
        } catch (InvalidInputException | NullPointerException e) {
            return false;
        }
    }

    /** Refuses a signature that is not non-empty hex, before any key is touched. */
    public static String requireSignatureFormat(String signatureHex) {
        if (signatureHex == null || signatureHex.isBlank()) {
            throw new InvalidInputException(INVALID_SIGNATURE_FORMAT,
                    "the region's attestation signature is missing; sign the certificate (or batch) with the "
                            + "region's attestation key and send the DER signature as hex");
        }
        try {
            Hashes.fromHex(signatureHex);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(INVALID_SIGNATURE_FORMAT,
                    "the attestation signature is not hex: " + e.getMessage());
        }
        return signatureHex;
    }

    private static boolean verifyBytes(byte[] data, String signatureHex, X509Certificate certificate) {
        Objects.requireNonNull(certificate, "attestation certificate is null");
        byte[] signature;
        try {
            signature = Hashes.fromHex(signatureHex);
        } catch (InvalidInputException e) {
            return false;
        }
        return Signatures.verify(certificate.getPublicKey(), data, signature);
    }

    private static byte[] typed(ObjectNode node, String type) {
        node.put("type", type);
        return CanonicalJson.canonicalize(node);
    }
}
