package cn.cdcq.registry.common.credit;

import java.util.List;

/**
 * The draws of one register in one period, and the consents that allow another: the first draw
 * of a period needs nobody's consent; the n-th (n &gt; 1) needs a consent for draw n from every
 * other participating region, so a region that dislikes an outcome (or let a draw lapse) cannot
 * simply draw again.
 *
 * @param registerRegion the register's region
 * @param period         the period ({@link SpotCheckRequest#period})
 * @param drawIds        the draws opened, oldest first
 * @param consents       every consent given, oldest first
 */
public record SpotCheckPeriod(String registerRegion, String period, List<String> drawIds, List<Consent> consents) {

    public SpotCheckPeriod {
        drawIds = drawIds == null ? List.of() : List.copyOf(drawIds);
        consents = consents == null ? List.of() : List.copyOf(consents);
    }

    /**
     * A region's consent to the register's next draw in the period.
     *
     * @param regionCode the consenting region
     * @param forDraw    the number of the draw it allows (2 for the first redraw)
     * @param at         ISO-8601 instant
     * @param by         the bureau identity
     */
    public record Consent(String regionCode, int forDraw, String at, String by) {
    }

    public boolean consented(String regionCode, int forDraw) {
        return consents.stream().anyMatch(c -> c.regionCode().equals(regionCode) && c.forDraw() == forDraw);
    }
}
