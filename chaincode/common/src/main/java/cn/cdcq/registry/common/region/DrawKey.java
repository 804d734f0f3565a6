package cn.cdcq.registry.common.region;

/**
 * A region's key for spot-check draws: an RSA public key (2048 bits or more) whose PKCS#1 v1.5
 * signature over a draw's id is the region's contribution to that draw's seed. That signature
 * is unique for a key and a message, so a region can withhold its contribution but never choose
 * it. A draw fixes the keys in force when it opens; a key set later applies to later draws only.
 *
 * @param regionCode   the region
 * @param sequence     1 for the region's first key, then +1 per change (every key is kept)
 * @param publicKey    the key's X.509 SubjectPublicKeyInfo, base64 (no PEM armour)
 * @param fingerprint  SHA-256 of the SubjectPublicKeyInfo bytes, hex
 * @param setAt        ISO-8601 instant of the transaction that set it
 * @param setBy        the bureau identity that set it
 */
public record DrawKey(String regionCode, int sequence, String publicKey, String fingerprint, String setAt,
                      String setBy) {
}
