package cn.cdcq.registry.common.certificate;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.format.OccupationCode;
import cn.cdcq.registry.common.format.RegionCode;
import cn.cdcq.registry.common.format.CredentialKind;

import java.time.LocalDate;

/**
 * What a bureau submits to propose a recognition rule for the catalogue.
 *
 * @param occupation    national occupational classification code
 * @param minimumLevel  the least advanced level recognized: certificates of this level or a more
 *                      advanced one (a smaller number) qualify, e.g. 4 recognizes 4 中级工 to 1 高级技师
 * @param fromRegion    where the certificates were issued
 * @param toRegion      where they are recognized
 * @param effectiveFrom first day the rule applies, yyyy-MM-dd
 * @param effectiveTo   last day it applies, yyyy-MM-dd, or {@code null} for open-ended
 * @param kind          the kind of credential recognized, {@code SPECIAL_ABILITY} or
 *                      {@code PROFESSIONAL_TITLE}; absent for skill level certificates (minimumLevel
 *                      is then a title grade, or 0 for a special vocational ability, which has no level)
 */
public record RecognitionRuleProposal(String occupation, int minimumLevel, String fromRegion, String toRegion,
                                      String effectiveFrom, String effectiveTo, String kind) {

    /** A rule for skill level certificates, the first kind. */
    public RecognitionRuleProposal(String occupation, int minimumLevel, String fromRegion, String toRegion,
                                   String effectiveFrom, String effectiveTo) {
        this(occupation, minimumLevel, fromRegion, toRegion, effectiveFrom, effectiveTo, null);
    }

    /** The kind of credential the rule recognizes. */
    public CredentialKind credentialKind() {
        return CredentialKind.of(kind);
    }

    /** The proposal normalized, or an {@link InvalidInputException} saying what is wrong. */
    public RecognitionRuleProposal validate() {
        String occ = OccupationCode.validate(occupation);
        CredentialKind k = credentialKind();
        k.validateLevel(minimumLevel);
        String from = RegionCode.validate(fromRegion);
        String to = RegionCode.validate(toRegion);
        if (from.equals(to)) {
            throw new InvalidInputException(InvalidInputException.INVALID_REGION, "fromRegion and toRegion are both "
                    + from + "; a rule recognizes one region's certificates in another");
        }
        LocalDate start = IsoDate.parse("effectiveFrom", effectiveFrom);
        String end = null;
        if (effectiveTo != null && !effectiveTo.isBlank()) {
            LocalDate last = IsoDate.parse("effectiveTo", effectiveTo);
            if (last.isBefore(start)) {
                throw new InvalidInputException(InvalidInputException.INVALID_DATE, "effectiveTo " + last
                        + " is before effectiveFrom " + start + "; leave effectiveTo out for an open-ended rule");
            }
            end = last.toString();
        }
        return new RecognitionRuleProposal(occ, minimumLevel, from, to, start.toString(), end,
                k == CredentialKind.SKILL_LEVEL ? null : k.name());
    }
}
