package cn.cdcq.registry.common.privacy;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import cn.cdcq.registry.common.json.Json;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.Normalizer;

/**
 * How a worker appears on the ledger without their name or ID number (PIPL: minimum personal data).
 *
 * <p>A <b>pseudonym</b> is HMAC-SHA256 of the normalized resident ID number under the consortium
 * pepper. Both regions compute the same pseudonym for the same person, so a duplicate subsidy
 * claim or a repeated complaint is detected across regions without revealing who it is. ID numbers
 * are few enough to enumerate, so without the pepper a plain hash would be reversible: the pepper
 * lives only in the bureaus' client configuration and never goes on the ledger, into a
 * transaction argument, or into a log.
 *
 * <p>A <b>commitment</b> is SHA-256 of a random salt followed by the canonical JSON of the holder's
 * details. It binds a certificate to its holder: whoever presents the salt and details can prove
 * the match, and without the salt, which travels only inside the worker's portable credential,
 * the commitment reveals nothing.
 */
public final class Holder {

    /** Below this a pepper is too easy to guess, which would make every pseudonym reversible. */
    private static final int MIN_PEPPER_BYTES = 16;
    private static final int MIN_SALT_BYTES = 16;
    private static final int SALT_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Holder() {
    }

    /**
     * The personal details a commitment binds, normalized on construction (name trimmed and in
     * Unicode NFC, ID number validated with an uppercase X) so that the same person always gives
     * the same canonical JSON, and thus the same commitment, however the details were typed.
     *
     * @param name             the holder's name as on the ID card
     * @param residentIdNumber the holder's resident ID number (GB 11643-1999)
     */
    public record HolderDetails(String name, String residentIdNumber) {

        public HolderDetails {
            if (name == null || name.isBlank()) {
                throw new InvalidInputException(InvalidInputException.INVALID_HOLDER,
                        "holder name is missing; give the name as printed on the ID card");
            }
            name = Normalizer.normalize(name.trim(), Normalizer.Form.NFC);
            residentIdNumber = ResidentIdNumber.validate(residentIdNumber);
        }
    }

    /**
     * Lowercase hex HMAC-SHA256(pepper, normalized ID number): the same for one person in every
     * region, meaningless to anyone without the pepper.
     *
     * @param pepper           the consortium secret (at least 16 random bytes; 32 recommended), never on the ledger
     * @param residentIdNumber the holder's ID number, validated here first
     */
    public static String pseudonym(byte[] pepper, String residentIdNumber) {
        if (pepper == null || pepper.length < MIN_PEPPER_BYTES) {
            throw new InvalidInputException(InvalidInputException.INVALID_KEY,
                    "holder pepper is " + (pepper == null ? "missing" : pepper.length + " bytes")
                            + "; configure the consortium pepper, at least " + MIN_PEPPER_BYTES
                            + " random bytes (32 recommended)");
        }
        String normalized = ResidentIdNumber.validate(residentIdNumber);
        return Hashes.hex(Hashes.hmacSha256(pepper, normalized.getBytes(StandardCharsets.UTF_8)));
    }

    /** Lowercase hex SHA-256(salt || canonical JSON of {@code details}). */
    public static String commitment(byte[] salt, HolderDetails details) {
        if (salt == null || salt.length < MIN_SALT_BYTES) {
            throw new InvalidInputException(InvalidInputException.INVALID_KEY,
                    "holder commitment salt is " + (salt == null ? "missing" : salt.length + " bytes")
                            + "; use the salt from the worker's credential, or a new one from Holder.newSalt()");
        }
        if (details == null) {
            throw new InvalidInputException(InvalidInputException.INVALID_HOLDER,
                    "holder details are missing; give the name and resident ID number");
        }
        return Hashes.sha256Hex(salt, Json.canonicalBytes(details));
    }

    /** 32 fresh random bytes for a new commitment. */
    public static byte[] newSalt() {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return salt;
    }
}
