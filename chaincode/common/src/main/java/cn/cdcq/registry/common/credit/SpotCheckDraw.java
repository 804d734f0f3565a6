package cn.cdcq.registry.common.credit;

import java.util.List;
import java.util.Map;

/**
 * A "double random, one public" spot check: which enterprises of a region's register are
 * checked and by which inspectors, drawn with a seed no region can bias alone.
 *
 * <p>Opening fixes every input of the draw (candidates with their weights, the inspector
 * register, the conflicts of interest), so nothing a region does after seeing the other's
 * secret can change the outcome. Each participating region then commits to SHA-256 of a
 * secret; only when all have committed may they reveal; when all have revealed the seed is
 * SHA-256 of the secrets in region-code order and the assignments follow from
 * {@link SpotCheckDrawing#draw}. Anyone can repeat that from this record alone.
 *
 * @param id                      the opening transaction's ID
 * @param openedByRegion          region that opened the draw
 * @param registerRegion          region whose enterprise and inspector registers are drawn from
 * @param enterpriseCount         enterprises to check
 * @param inspectorsPerEnterprise inspectors per enterprise (2 or more)
 * @param candidates              the register at opening: USCC, effective level, weight; by USCC
 * @param inspectorIds            the inspector register at opening, sorted
 * @param conflicts               declared conflicts at opening (inspectorId, uscc)
 * @param participants            regions that must commit and reveal, sorted
 * @param commitments             region code to SHA-256(secret), hex
 * @param reveals                 region code to secret, hex
 * @param seedHex                 the seed once all revealed
 * @param status                  {@code COMMITTING}, {@code REVEALING} or {@code DRAWN}
 * @param assignments             the result, in draw order
 * @param openedAt                ISO-8601 instant
 * @param drawnAt                 ISO-8601 instant of the last reveal
 */
public record SpotCheckDraw(String id, String openedByRegion, String registerRegion, int enterpriseCount,
                            int inspectorsPerEnterprise, List<Candidate> candidates, List<String> inspectorIds,
                            List<Conflict> conflicts, List<String> participants, Map<String, String> commitments,
                            Map<String, String> reveals, String seedHex, Status status, List<Assignment> assignments,
                            String openedAt, String drawnAt) {

    /** Every region commits, then every region reveals, and the last reveal draws. */
    public enum Status { COMMITTING, REVEALING, DRAWN }

    /** An enterprise that may be drawn; {@code level} is null when no region has rated it. */
    public record Candidate(String uscc, CreditLevel level, int weight) {
    }

    public record Conflict(String inspectorId, String uscc) {
    }

    /** One drawn enterprise and the inspectors who check it. */
    public record Assignment(String uscc, List<String> inspectorIds) {
    }

    public SpotCheckDraw with(Map<String, String> newCommitments, Map<String, String> newReveals, String newSeed,
                              Status newStatus, List<Assignment> newAssignments, String newDrawnAt) {
        return new SpotCheckDraw(id, openedByRegion, registerRegion, enterpriseCount, inspectorsPerEnterprise,
                candidates, inspectorIds, conflicts, participants, newCommitments, newReveals, newSeed, newStatus,
                newAssignments, openedAt, newDrawnAt);
    }
}
