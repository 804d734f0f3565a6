package cn.cdcq.registry.common.credit;

import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.json.Json;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;

/**
 * What a region's attestation key signs when it rates an enterprise: the canonical JSON (RFC
 * 8785) of this record. The chaincode builds the statement from the ledger, the client asks for
 * it ({@code rating:previewRating}), signs {@link #bytesToSign} and submits it with the
 * signature; the chaincode rebuilds it, requires equality, and verifies the signature under the
 * region's current attestation certificate. Both sides use this one class, so the bytes agree.
 *
 * @param uscc                 the enterprise
 * @param regionCode           the rating region
 * @param year                 the rating year
 * @param ruleLevel            the level the rules give ({@link RatingRules})
 * @param level                the level recorded (differs from ruleLevel only with a reason)
 * @param overrideReason       the bureau's written reason for a different level, else null
 * @param countedViolationIds  the penalized violations the rule level rests on
 * @param ruleReasons          why the rules give ruleLevel
 * @param attestationSequence  which of the region's attestation certificates signs
 * @param revision             which rating of (enterprise, region, year) this is: 1 for the first, +1 each
 *                             re-rating; the chaincode accepts only the next one, so a statement signed
 *                             earlier (and on the ledger with its signature) cannot be submitted again.
 *                             Null in a statement signed before revisions existed (a ledger upgraded from
 *                             before the trust rules): the field is left out of its canonical JSON, as it
 *                             was when it was signed, so its signature still verifies; such a statement is
 *                             never the next revision, so it cannot be replayed either
 * @param replacesRatingHash   SHA-256 (hex) of the stored rating record this one replaces, null for
 *                             revision 1; binds the signature to the exact rating it overrides
 */
public record CreditRatingStatement(String uscc, String regionCode, int year, CreditLevel ruleLevel,
                                    CreditLevel level, String overrideReason, List<String> countedViolationIds,
                                    List<String> ruleReasons, int attestationSequence, Integer revision,
                                    String replacesRatingHash) {

    public CreditRatingStatement {
        countedViolationIds = List.copyOf(countedViolationIds);
        ruleReasons = List.copyOf(ruleReasons);
    }

    /** The bytes the attestation signature covers. */
    public static byte[] bytesToSign(CreditRatingStatement statement) {
        return Json.canonicalBytes(statement);
    }

    /** DER ECDSA P-256 signature of the statement by the region's attestation key. */
    public static byte[] sign(CreditRatingStatement statement, PrivateKey attestationKey) {
        return Signatures.sign(attestationKey, bytesToSign(statement));
    }

    public static boolean verify(CreditRatingStatement statement, PublicKey attestationKey, byte[] signature) {
        return Signatures.verify(attestationKey, bytesToSign(statement), signature);
    }
}
