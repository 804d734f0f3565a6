package cn.cdcq.registry.common.certificate;

import cn.cdcq.registry.common.format.CredentialKind;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A training/evaluation center accredited by its own region's bureau to issue certificates for
 * some occupations up to some level, within a validity window. Only that region may change it;
 * every change raises {@code version}, and each certificate records the version it was issued
 * under, so "accredited at issue time" can be checked against the key history later.
 *
 * @param centerId         the center's USCC, its key on the ledger (one accreditation per center)
 * @param name             the center's registered name
 * @param region           the accrediting region
 * @param scopes           occupations and the highest level in each
 * @param validFrom        first day it may issue, yyyy-MM-dd
 * @param validTo          last day it may issue, yyyy-MM-dd
 * @param status           {@link AccreditationStatus#ACTIVE}, {@code SUSPENDED} or {@code REVOKED}
 * @param statusReasonCode reason code of the last status change, {@code null} while never changed
 * @param statusReason     free text of the last status change
 * @param version          1 when accredited, +1 on every change
 * @param accreditedAt     ISO-8601 instant of the accrediting transaction
 * @param accreditedBy     "MSPID/account" of the bureau user who accredited it
 * @param updatedAt        ISO-8601 instant of the last change
 * @param updatedBy        "MSPID/account" of the bureau user who made it
 */
public record Accreditation(String centerId, String name, String region, List<AccreditationScope> scopes,
                            String validFrom, String validTo, AccreditationStatus status, String statusReasonCode,
                            String statusReason, int version, String accreditedAt, String accreditedBy,
                            String updatedAt, String updatedBy) {

    /** The scope for {@code occupation}, if the center is accredited for it at all. */
    public Optional<AccreditationScope> scopeFor(String occupation) {
        return scopeFor(CredentialKind.SKILL_LEVEL, occupation);
    }

    /** The scope for {@code occupation} in credentials of {@code kind}, if the center has one. */
    public Optional<AccreditationScope> scopeFor(CredentialKind kind, String occupation) {
        return scopes.stream().filter(s -> s.isFor(kind, occupation)).findFirst();
    }

    /** Whether {@code date} falls within the validity window (both ends included). */
    public boolean coversDate(LocalDate date) {
        return !date.isBefore(LocalDate.parse(validFrom)) && !date.isAfter(LocalDate.parse(validTo));
    }

    /**
     * Why the center could not issue a certificate of {@code occupation} and {@code level} on
     * {@code date} under this accreditation, or empty if it could.
     */
    public Optional<String> refusalFor(CredentialKind kind, String occupation, int level, LocalDate date) {
        if (!AccreditationStatus.ACTIVE.equals(status)) {
            return Optional.of("the accreditation of center " + centerId + " is " + status
                    + (statusReasonCode == null ? "" : " (" + statusReasonCode + ": " + statusReason + ")"));
        }
        if (!coversDate(date)) {
            return Optional.of("the accreditation of center " + centerId + " is valid from " + validFrom + " to "
                    + validTo + ", which does not include " + date
                    + (date.isAfter(LocalDate.parse(validTo)) ? " (it has expired; the bureau must renew it)" : ""));
        }
        Optional<AccreditationScope> scope = scopeFor(kind, occupation);
        if (scope.isEmpty()) {
            return Optional.of("center " + centerId + " is not accredited for occupation " + occupation
                    + (kind == CredentialKind.SKILL_LEVEL ? "" : " in " + kind.englishName() + "s (" + kind.chineseName() + ")")
                    + "; it is accredited for " + scopes.stream().map(Accreditation::describe).toList());
        }
        if (!scope.get().covers(level)) {
            return Optional.of("center " + centerId + " is accredited for occupation " + occupation
                    + " up to level " + scope.get().highestLevel() + ", not level " + level
                    + " (1 is the most advanced level, 5 the least)");
        }
        return Optional.empty();
    }

    private static String describe(AccreditationScope scope) {
        CredentialKind kind = scope.credentialKind();
        return kind == CredentialKind.SKILL_LEVEL ? scope.occupation() : scope.occupation() + " (" + kind.name() + ")";
    }

    /** A new accreditation by {@code region}'s bureau: version 1, ACTIVE. */
    public static Accreditation granted(AccreditationRequest terms, String region, String at, String by) {
        return new Accreditation(terms.centerId(), terms.name(), region, terms.scopes(), terms.validFrom(),
                terms.validTo(), AccreditationStatus.ACTIVE, null, null, 1, at, by, at, by);
    }

    /**
     * The same center accredited again by its own region after a revocation: the next version, so
     * the revoked version stays in the history and certificates issued under it keep verifying.
     */
    public Accreditation renewedAfterRevocation(AccreditationRequest terms, String at, String by) {
        return new Accreditation(centerId, terms.name(), region, terms.scopes(), terms.validFrom(), terms.validTo(),
                AccreditationStatus.ACTIVE, null, null, version + 1, at, by, at, by);
    }

    /** This accreditation after a status change. */
    public Accreditation withStatus(AccreditationStatus newStatus, String reasonCode, String reason, String at, String by) {
        return new Accreditation(centerId, name, region, scopes, validFrom, validTo, newStatus, reasonCode, reason,
                version + 1, accreditedAt, accreditedBy, at, by);
    }

    /** This accreditation with new terms (name, scopes, window). */
    public Accreditation amendedBy(AccreditationRequest terms, String at, String by) {
        return new Accreditation(centerId, terms.name(), region, terms.scopes(), terms.validFrom(), terms.validTo(),
                status, statusReasonCode, statusReason, version + 1, accreditedAt, accreditedBy, at, by);
    }
}
