package cn.cdcq.registry.common.certificate;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.format.CredentialKind;
import cn.cdcq.registry.common.format.OccupationCode;

/**
 * One occupation a center may certify in one {@linkplain CredentialKind kind} of credential, up
 * to a level.
 *
 * @param occupation   national occupational classification code, e.g. {@code 4-04-05-01}
 * @param highestLevel the most advanced level it may certify: 1 is the most advanced and 5 the
 *                     least, so a center with highest level 3 may certify levels 5, 4 and 3 but
 *                     not 2 or 1; 0 for a special vocational ability, which has no level
 * @param kind         {@code SPECIAL_ABILITY} or {@code PROFESSIONAL_TITLE}; absent for skill
 *                     level certificates (so every accreditation written before kinds existed
 *                     reads as it did)
 */
public record AccreditationScope(String occupation, int highestLevel, String kind) {

    /** A skill level scope, the first kind. */
    public AccreditationScope(String occupation, int highestLevel) {
        this(occupation, highestLevel, null);
    }

    /** The kind of credential the scope is for. */
    public CredentialKind credentialKind() {
        return CredentialKind.of(kind);
    }

    /**
     * Refuses a malformed occupation code, a kind that does not exist, a level that does not exist
     * in the kind, or a title scope outside major group 2.
     */
    public AccreditationScope validate() {
        Fields.requireCanonical("occupation code", occupation, OccupationCode.validate(occupation),
                InvalidInputException.INVALID_OCCUPATION);
        CredentialKind k = credentialKind();
        if (kind != null && k == CredentialKind.SKILL_LEVEL) {
            throw new InvalidInputException(InvalidInputException.INVALID_CREDENTIAL_KIND, "a skill level scope is "
                    + "written without a kind; leave kind out for occupation " + occupation);
        }
        if (kind != null && !kind.equals(k.name())) {
            throw new InvalidInputException(InvalidInputException.INVALID_CREDENTIAL_KIND, "credential kind " + kind
                    + " is not in its canonical form " + k.name());
        }
        k.validateLevel(highestLevel);
        if (k == CredentialKind.PROFESSIONAL_TITLE && !occupation.startsWith(CertificateClaims.TITLE_MAJOR_GROUP)) {
            throw new InvalidInputException(InvalidInputException.INVALID_OCCUPATION, "occupation " + occupation
                    + " is not in major group 2 (professional and technical personnel); professional titles are "
                    + "only awarded in those occupations");
        }
        return this;
    }

    /** Whether the scope is for {@code kind} and {@code occupation}. */
    public boolean isFor(CredentialKind credentialKind, String code) {
        return credentialKind() == credentialKind && occupation.equals(code);
    }

    /** Whether a certificate of {@code level} of this scope's kind and occupation is within it. */
    public boolean covers(int level) {
        return credentialKind().covers(highestLevel, level);
    }
}
