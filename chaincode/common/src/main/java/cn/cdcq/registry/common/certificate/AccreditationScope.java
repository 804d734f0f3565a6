package cn.cdcq.registry.common.certificate;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.format.OccupationCode;
import cn.cdcq.registry.common.format.SkillLevel;

/**
 * One occupation a center may certify, up to a level.
 *
 * @param occupation   national occupational classification code, e.g. {@code 4-04-05-01}
 * @param highestLevel the most advanced level it may certify: 1 高级技师 is the most advanced and
 *                     5 初级工 the least, so a center with highest level 3 may certify levels 5, 4
 *                     and 3 but not 2 or 1
 */
public record AccreditationScope(String occupation, int highestLevel) {

    /** Refuses a malformed occupation code or a level outside 1..5. */
    public AccreditationScope validate() {
        Fields.requireCanonical("occupation code", occupation, OccupationCode.validate(occupation),
                InvalidInputException.INVALID_OCCUPATION);
        SkillLevel.validate(highestLevel);
        return this;
    }

    /** Whether a certificate of {@code level} in this occupation is within the scope. */
    public boolean covers(int level) {
        return level >= highestLevel && level <= SkillLevel.LOWEST;
    }
}
