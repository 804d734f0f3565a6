package cn.cdcq.registry.common.credit;

import java.util.List;
import java.util.Map;

/**
 * A "double random, one public" spot check: which enterprises of a region's register are
 * checked and by which inspectors, drawn with a seed no region can choose.
 *
 * <p>Opening (by the register's own region) fixes every input of the draw: the candidates with
 * their weights, the inspector register, the conflicts of interest, and each participating
 * region's draw key ({@link cn.cdcq.registry.common.region.DrawKey}). Each region then reveals
 * its RSA PKCS#1 v1.5 signature over {@link SpotCheckDrawing#contributionMessage the draw's id}
 * before {@code revealBy}; a signature is unique for the key, so a region can withhold it but
 * not choose it. When all have revealed, the seed is SHA-256 of the signatures in region-code
 * order and the assignments follow from {@link SpotCheckDrawing#draw}; anyone can repeat both
 * from this record alone. A draw not complete by {@code revealBy} is lapsed, recorded against
 * the regions that did not reveal, and the register's next draw in the same period needs every
 * other participant's consent.
 *
 * @param id                      the opening transaction's ID
 * @param openedByRegion          region that opened the draw (the register's region)
 * @param registerRegion          region whose enterprise and inspector registers are drawn from
 * @param enterpriseCount         enterprises to check
 * @param inspectorsPerEnterprise inspectors per enterprise (2 or more)
 * @param candidates              the register at opening: USCC, effective level, weight; by USCC
 * @param inspectorIds            the inspector register at opening, sorted
 * @param conflicts               declared conflicts at opening (inspectorId, uscc)
 * @param participants            regions that must reveal, sorted
 * @param commitments             draws opened before issue 10 only: region code to SHA-256(secret); empty since
 * @param reveals                 region code to its contribution, hex (the signature; a secret in older draws)
 * @param seedHex                 the seed once all revealed
 * @param status                  see {@link Status}
 * @param assignments             the result, in draw order
 * @param openedAt                ISO-8601 instant
 * @param drawnAt                 ISO-8601 instant of the last reveal
 * @param period                  the period the draw is for ({@link SpotCheckRequest#period}); null in older draws
 * @param revealBy                ISO-8601 deadline of the reveals; null in older draws
 * @param drawKeys                region code to the SubjectPublicKeyInfo (base64) its signature must verify under
 * @param lapsedRegions           once lapsed: the regions that had not revealed by the deadline
 * @param lapsedAt                ISO-8601 instant of the lapse
 */
public record SpotCheckDraw(String id, String openedByRegion, String registerRegion, int enterpriseCount,
                            int inspectorsPerEnterprise, List<Candidate> candidates, List<String> inspectorIds,
                            List<Conflict> conflicts, List<String> participants, Map<String, String> commitments,
                            Map<String, String> reveals, String seedHex, Status status, List<Assignment> assignments,
                            String openedAt, String drawnAt, String period, String revealBy,
                            Map<String, String> drawKeys, List<String> lapsedRegions, String lapsedAt) {

    /**
     * {@code REVEALING} until every region revealed ({@code DRAWN}) or the deadline passed and
     * someone recorded it ({@code LAPSED}). {@code COMMITTING} only in draws opened before issue 10.
     */
    public enum Status { COMMITTING, REVEALING, DRAWN, LAPSED }

    public SpotCheckDraw {
        commitments = commitments == null ? Map.of() : commitments;
        drawKeys = drawKeys == null ? Map.of() : drawKeys;
        lapsedRegions = lapsedRegions == null ? List.of() : lapsedRegions;
    }

    /** An enterprise that may be drawn; {@code level} is null when no region has rated it. */
    public record Candidate(String uscc, CreditLevel level, int weight) {
    }

    public record Conflict(String inspectorId, String uscc) {
    }

    /** One drawn enterprise and the inspectors who check it. */
    public record Assignment(String uscc, List<String> inspectorIds) {
    }

    /** Whether the draw has ended, drawn or lapsed. */
    public boolean closed() {
        return status == Status.DRAWN || status == Status.LAPSED;
    }

    public SpotCheckDraw revealed(Map<String, String> newReveals, String newSeed, Status newStatus,
                                  List<Assignment> newAssignments, String newDrawnAt) {
        return new SpotCheckDraw(id, openedByRegion, registerRegion, enterpriseCount, inspectorsPerEnterprise,
                candidates, inspectorIds, conflicts, participants, commitments, newReveals, newSeed, newStatus,
                newAssignments, openedAt, newDrawnAt, period, revealBy, drawKeys, lapsedRegions, lapsedAt);
    }

    public SpotCheckDraw lapsed(List<String> regions, String at) {
        return new SpotCheckDraw(id, openedByRegion, registerRegion, enterpriseCount, inspectorsPerEnterprise,
                candidates, inspectorIds, conflicts, participants, commitments, reveals, null, Status.LAPSED,
                null, openedAt, null, period, revealBy, drawKeys, List.copyOf(regions), at);
    }
}
