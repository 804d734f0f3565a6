package cn.cdcq.registry.common.credit;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.crypto.Hashes;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The commit-reveal seed and the deterministic draw of a spot check, one implementation for the
 * chaincode and for anyone recomputing a draw from the ledger.
 *
 * <p>Random numbers: the i-th number for a purpose is SHA-256(seed || label || i) read as an
 * unsigned 256-bit integer, reduced modulo the bound (the modulo bias is below 2^-200 for any
 * bound used here). Enterprises: weighted sampling without replacement, candidates in USCC
 * order, each round picking the candidate under cumulative weight {@code r mod total}.
 * Inspectors: for each drawn enterprise in draw order, uniform sampling without replacement
 * from the register (sorted) minus those with a declared conflict for that enterprise.
 */
public final class SpotCheckDrawing {

    public static final int SECRET_BYTES = 32;

    private SpotCheckDrawing() {
    }

    /** The commitment to a secret: lowercase hex SHA-256 of its bytes. */
    public static String commitment(byte[] secret) {
        return Hashes.sha256Hex(secret);
    }

    /** Decodes a revealed secret (64 hex digits), refusing other sizes. */
    public static byte[] secret(String hex) {
        byte[] secret = Hashes.fromHex(hex == null ? "" : hex.strip());
        if (secret.length != SECRET_BYTES) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE,
                    "a spot-check secret is " + SECRET_BYTES + " random bytes (64 hex digits), got " + secret.length);
        }
        return secret;
    }

    /** The seed: SHA-256 of every region's revealed secret, concatenated in region-code order. */
    public static byte[] seed(Map<String, String> revealsByRegion) {
        TreeMap<String, String> ordered = new TreeMap<>(revealsByRegion);
        byte[][] parts = new byte[ordered.size()][];
        int i = 0;
        for (String hex : ordered.values()) {
            parts[i++] = secret(hex);
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
