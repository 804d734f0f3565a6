package cn.cdcq.registry.common.credit;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.crypto.Hashes;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The seed and the deterministic draw of a spot check, one implementation for the chaincode and
 * for anyone recomputing a draw from the ledger: each region's contribution is its unique RSA
 * PKCS#1 v1.5 signature over the draw id, and the seed their SHA-256.
 *
 * <p>Random numbers: the i-th number for a purpose is SHA-256(seed || label || i) read as an
 * unsigned 256-bit integer, reduced modulo the bound (the modulo bias is below 2^-200 for any
 * bound used here). Enterprises: weighted sampling without replacement, candidates in USCC
 * order, each round picking the candidate under cumulative weight {@code r mod total}.
 * Inspectors: for each drawn enterprise in draw order, uniform sampling without replacement
 * from the register (sorted) minus those with a declared conflict for that enterprise.
 */
public final class SpotCheckDrawing {

    /** The smallest RSA modulus accepted for a draw key. */
    public static final int MIN_KEY_BITS = 2048;
    private static final String SIGNATURE = "SHA256withRSA";
    /** How long after opening a draw takes reveals. */
    public static final java.time.Duration REVEAL_WINDOW = java.time.Duration.ofHours(72);

    private SpotCheckDrawing() {
    }

    /** What each region signs for a draw: a fixed prefix and the draw's id, UTF-8. */
    public static byte[] contributionMessage(String drawId) {
        return ("cdcq-registry spot-check draw " + drawId).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A draw key from its PEM ({@code -----BEGIN PUBLIC KEY-----}) or bare base64
     * SubjectPublicKeyInfo; refuses anything but an RSA key of {@value #MIN_KEY_BITS} bits or more.
     * Returns the canonical base64 of the SubjectPublicKeyInfo.
     */
    public static String drawKey(String pemOrBase64) {
        String body = pemOrBase64 == null ? "" : pemOrBase64.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            RSAPublicKey key = rsaKey(Base64.getDecoder().decode(body));
            if (key.getModulus().bitLength() < MIN_KEY_BITS) {
                throw new InvalidInputException(CreditInputs.INVALID_VALUE, "the draw key is RSA "
                        + key.getModulus().bitLength() + " bits; use " + MIN_KEY_BITS + " bits or more");
            }
            return Base64.getEncoder().encodeToString(key.getEncoded());
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE, "the draw key must be an RSA public key "
                    + "(PEM \"BEGIN PUBLIC KEY\" or base64 SubjectPublicKeyInfo): " + e.getMessage());
        }
    }

    /** A region's contribution to a draw: its RSA PKCS#1 v1.5 SHA-256 signature over the draw id. */
    public static byte[] contribution(PrivateKey key, String drawId) {
        try {
            Signature s = Signature.getInstance(SIGNATURE);
            s.initSign(key);
            s.update(contributionMessage(drawId));
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign draw " + drawId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code signature} is the contribution to {@code drawId} under the draw key
     * (base64 SubjectPublicKeyInfo). Exactly the modulus's length and below the modulus, so the
     * one valid signature has one encoding.
     */
    public static boolean isContribution(String drawKeyBase64, String drawId, byte[] signature) {
        try {
            RSAPublicKey key = rsaKey(Base64.getDecoder().decode(drawKeyBase64));
            int length = (key.getModulus().bitLength() + 7) / 8;
            if (signature.length != length || new BigInteger(1, signature).compareTo(key.getModulus()) >= 0) {
                return false;
            }
            Signature s = Signature.getInstance(SIGNATURE);
            s.initVerify(key);
            s.update(contributionMessage(drawId));
            return s.verify(signature);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    private static RSAPublicKey rsaKey(byte[] spki) throws GeneralSecurityException {
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
    }

    /** The seed: SHA-256 of every region's revealed contribution, concatenated in region-code order. */
    public static byte[] seed(Map<String, String> revealsByRegion) {
        TreeMap<String, String> ordered = new TreeMap<>(revealsByRegion);
        byte[][] parts = new byte[ordered.size()][];
        int i = 0;
        for (String hex : ordered.values()) {
            parts[i++] = Hashes.fromHex(hex);
        }
        return Hashes.sha256(parts);
    }

    /** The assignments a draw record's inputs and reveals give: what the chaincode stored, if honest. */
    public static List<SpotCheckDraw.Assignment> recompute(SpotCheckDraw draw) {
        return draw(draw.candidates(), draw.inspectorIds(), draw.conflicts(), draw.enterpriseCount(),
                draw.inspectorsPerEnterprise(), seed(draw.reveals()));
    }

    /**
     * Why these inputs cannot give a complete draw, or null if they can: too few candidates of
     * positive weight, or an enterprise with too few inspectors free of conflicts.
     */
    public static String infeasibility(List<SpotCheckDraw.Candidate> candidates, List<String> inspectorIds,
                                       List<SpotCheckDraw.Conflict> conflicts, int enterpriseCount,
                                       int inspectorsPerEnterprise) {
        long drawable = candidates.stream().filter(c -> c.weight() > 0).count();
        if (drawable < enterpriseCount) {
            return "the register has " + drawable + " enterprises to draw from, fewer than the " + enterpriseCount
                    + " asked for";
        }
        for (SpotCheckDraw.Candidate c : candidates) {
            int eligible = eligible(inspectorIds, conflicts, c.uscc()).size();
            if (eligible < inspectorsPerEnterprise) {
                return "enterprise " + c.uscc() + " has " + eligible + " inspectors without a conflict of interest, "
                        + "fewer than the " + inspectorsPerEnterprise + " per enterprise asked for; register more inspectors";
            }
        }
        return null;
    }

    /** The draw itself (see the class comment). Inputs must be feasible ({@link #infeasibility}). */
    public static List<SpotCheckDraw.Assignment> draw(List<SpotCheckDraw.Candidate> candidates,
                                                      List<String> inspectorIds,
                                                      List<SpotCheckDraw.Conflict> conflicts, int enterpriseCount,
                                                      int inspectorsPerEnterprise, byte[] seed) {
        String problem = infeasibility(candidates, inspectorIds, conflicts, enterpriseCount, inspectorsPerEnterprise);
        if (problem != null) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE, problem);
        }
        List<SpotCheckDraw.Candidate> pool = new ArrayList<>(candidates.stream()
                .filter(c -> c.weight() > 0).sorted(Comparator.comparing(SpotCheckDraw.Candidate::uscc)).toList());
        List<SpotCheckDraw.Assignment> out = new ArrayList<>();
        for (int round = 0; round < enterpriseCount; round++) {
            long total = pool.stream().mapToLong(SpotCheckDraw.Candidate::weight).sum();
            long r = uniform(seed, "enterprise", round, total);
            int pick = 0;
            for (long cumulative = pool.get(0).weight(); cumulative <= r; cumulative += pool.get(pick).weight()) {
                pick++;
            }
            SpotCheckDraw.Candidate chosen = pool.remove(pick);
            List<String> eligible = new ArrayList<>(eligible(inspectorIds, conflicts, chosen.uscc()));
            List<String> team = new ArrayList<>();
            for (int j = 0; j < inspectorsPerEnterprise; j++) {
                team.add(eligible.remove((int) uniform(seed, "inspector:" + chosen.uscc(), j, eligible.size())));
            }
            out.add(new SpotCheckDraw.Assignment(chosen.uscc(), List.copyOf(team)));
        }
        return List.copyOf(out);
    }

    private static List<String> eligible(List<String> inspectorIds, List<SpotCheckDraw.Conflict> conflicts,
                                         String uscc) {
        Set<String> conflicted = new HashSet<>();
        for (SpotCheckDraw.Conflict c : conflicts) {
            if (c.uscc().equals(uscc)) {
                conflicted.add(c.inspectorId());
            }
        }
        return inspectorIds.stream().distinct().sorted().filter(i -> !conflicted.contains(i)).toList();
    }

    /** The {@code index}-th number in [0, bound) for {@code label}. */
    static long uniform(byte[] seed, String label, int index, long bound) {
        byte[] digest = Hashes.sha256(seed, label.getBytes(StandardCharsets.UTF_8),
                ByteBuffer.allocate(Integer.BYTES).putInt(index).array());
        return new BigInteger(1, digest).mod(BigInteger.valueOf(bound)).longValueExact();
    }
}
