package cn.cdcq.registry.common.credential;

import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.crypto.Signatures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.util.Objects;

/**
 * The {@code ecdsa-jcs-2019} cryptosuite of W3C Data Integrity ECDSA Cryptosuites v1.0 (§3.3)
 * with P-256: what is signed, how the proof is made and how it is checked.
 *
 * <p>The document without its proof and the proof configuration (the proof's options without
 * {@code proofValue}, with the document's {@code @context}) are each canonicalized with the full
 * RFC 8785 ({@link Jcs}); the hash data is SHA-256(canonical proof configuration) followed by
 * SHA-256(canonical document), 64 bytes, signed with ECDSA P-256 / SHA-256; the signature is
 * {@code r || s} (32 bytes each) written as base58btc multibase. Signing and verifying go through
 * the project's one implementation ({@link Signatures}); hashing through the JDK ({@link Hashes}).
 */
public final class EcdsaJcs2019 {

    public static final String CRYPTOSUITE = "ecdsa-jcs-2019";
    public static final String PROOF_TYPE = "DataIntegrityProof";
    private static final int COORDINATE_BYTES = 32;

    private EcdsaJcs2019() {
    }

    /** Signs on behalf of the issuer: a DER ECDSA P-256 / SHA-256 signature over the given hash data. */
    @FunctionalInterface
    public interface Signer {
        byte[] signDer(byte[] hashData);
    }

    /**
     * Every intermediate of the transformation and hashing steps, as the W3C test vectors list them.
     *
     * @param canonicalDocument    JCS of the document without its proof
     * @param canonicalProofConfig JCS of the proof configuration
     * @param documentHash         SHA-256 of the canonical document
     * @param proofConfigHash      SHA-256 of the canonical proof configuration
     * @param hashData             proofConfigHash || documentHash: what is signed
     */
    public record HashData(String canonicalDocument, String canonicalProofConfig, byte[] documentHash,
                           byte[] proofConfigHash, byte[] hashData) {
    }

    /**
     * The hash data of {@code unsecuredDocument} (its {@code proof} member, if any, is left out)
     * under {@code proofOptions} (its {@code proofValue}, if any, is left out).
     */
    public static HashData hashData(JsonNode unsecuredDocument, JsonNode proofOptions) {
        ObjectNode document = ((ObjectNode) unsecuredDocument).deepCopy();
        document.remove("proof");
        ObjectNode proofConfig = ((ObjectNode) proofOptions).deepCopy();
        proofConfig.remove("proofValue");
        if (document.has("@context")) {
            proofConfig.set("@context", document.get("@context").deepCopy());
        }
        String canonicalDocument = Jcs.canonicalString(document);
        String canonicalProofConfig = Jcs.canonicalString(proofConfig);
        byte[] documentHash = Hashes.sha256(canonicalDocument.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] proofConfigHash = Hashes.sha256(canonicalProofConfig.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] combined = new byte[64];
        System.arraycopy(proofConfigHash, 0, combined, 0, 32);
        System.arraycopy(documentHash, 0, combined, 32, 32);
        return new HashData(canonicalDocument, canonicalProofConfig, documentHash, proofConfigHash, combined);
    }

    /**
     * A copy of {@code unsecuredDocument} with a proof: {@code proofOptions} (type, cryptosuite,
     * created, verificationMethod, proofPurpose) plus the document's {@code @context} and the
     * {@code proofValue} made by {@code signer}.
     */
    public static ObjectNode addProof(ObjectNode unsecuredDocument, ObjectNode proofOptions, Signer signer) {
        Objects.requireNonNull(signer, "signer is null");
        if (!PROOF_TYPE.equals(proofOptions.path("type").asText()) || !CRYPTOSUITE.equals(proofOptions.path("cryptosuite").asText())) {
            throw new IllegalArgumentException("an ecdsa-jcs-2019 proof needs type DataIntegrityProof and cryptosuite "
                    + "ecdsa-jcs-2019 in its options");
        }
        ObjectNode document = unsecuredDocument.deepCopy();
        document.remove("proof");
        HashData hash = hashData(document, proofOptions);
        ObjectNode proof = proofOptions.deepCopy();
        if (document.has("@context")) {
            proof.set("@context", document.get("@context").deepCopy());
        }
        proof.put("proofValue", Multibase.base58btc(derToRaw(signer.signDer(hash.hashData()))));
        document.set("proof", proof);
        return document;
    }

    /** Whether {@code proofValue} (base58btc r||s) signs {@code hashData} under {@code key}; false for a malformed value. */
    public static boolean verify(byte[] hashData, byte[] rawSignature, PublicKey key) {
        if (rawSignature == null || rawSignature.length != 2 * COORDINATE_BYTES) {
            return false;
        }
        return Signatures.verify(key, hashData, rawToDer(rawSignature));
    }

    /** DER SEQUENCE { r, s } to r || s, each left-padded to 32 bytes. */
    static byte[] derToRaw(byte[] der) {
        ASN1Sequence sequence = ASN1Sequence.getInstance(der);
        byte[] out = new byte[2 * COORDINATE_BYTES];
        for (int i = 0; i < 2; i++) {
            byte[] value = ASN1Integer.getInstance(sequence.getObjectAt(i)).getPositiveValue().toByteArray();
            int start = value.length > COORDINATE_BYTES ? value.length - COORDINATE_BYTES : 0;
            int length = value.length - start;
            System.arraycopy(value, start, out, (i + 1) * COORDINATE_BYTES - length, length);
        }
        return out;
    }

    /** r || s to DER SEQUENCE { r, s }. */
    static byte[] rawToDer(byte[] raw) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(new BigInteger(1, java.util.Arrays.copyOfRange(raw, 0, COORDINATE_BYTES))));
        v.add(new ASN1Integer(new BigInteger(1, java.util.Arrays.copyOfRange(raw, COORDINATE_BYTES, raw.length))));
        try {
            return new DERSequence(v).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of an ECDSA signature failed", e);
        }
    }
}
