package cn.cdcq.registry.client.web;

import cn.cdcq.registry.client.api.InvalidRequest;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.format.CredentialKind;

/**
 * The value of the pages' kind-and-level choice ({@code fragments :: kindLevelOptions}): a bare
 * level {@code 3} for a skill level, {@code SPECIAL_ABILITY:0} or {@code PROFESSIONAL_TITLE:2} for
 * the other kinds. A bare level keeps every form written before kinds existed working.
 *
 * @param kind  the kind as the ledger writes it: null for a skill level, otherwise its name
 * @param level the level in that kind
 */
public record KindLevel(String kind, int level) {

    /** The choice in {@code value}, or an {@code INVALID_LEVEL} problem on {@code field}. */
    public static KindLevel parse(String field, String value) {
        String v = value == null ? "" : value.strip();
        int colon = v.indexOf(':');
        CredentialKind kind;
        try {
            kind = colon < 0 ? CredentialKind.SKILL_LEVEL : CredentialKind.of(v.substring(0, colon));
        } catch (InvalidInputException e) {
            throw new InvalidRequest(field, e.getCode(), e.getMessage());
        }
        int level;
        try {
            level = Integer.parseInt(v.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidRequest(field, InvalidInputException.INVALID_LEVEL, field + " must be a level: "
                    + kind.levelsText());
        }
        return new KindLevel(kind == CredentialKind.SKILL_LEVEL ? null : kind.name(), level);
    }
}
