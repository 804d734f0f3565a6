package cn.cdcq.registry.common.certificate;

import cn.cdcq.registry.common.format.CredentialKind;

import java.time.LocalDate;

/**
 * A rule of the mutual recognition catalogue: certificates of an occupation, at a level or more
 * advanced, issued in one region, are recognized in the other while the rule is in force. One
 * region proposes; the rule is {@link Status#IN_FORCE} only once the other region accepts; either
 * region may then withdraw its side, which ends it.
 *
 * @param id               the proposing transaction's id
 * @param occupation       national occupational classification code
 * @param minimumLevel     least advanced level recognized (see {@link RecognitionRuleProposal})
 * @param fromRegion       where certificates were issued
 * @param toRegion         where they are recognized
 * @param effectiveFrom    first day it applies, yyyy-MM-dd
 * @param effectiveTo      last day it applies, or {@code null} for open-ended
 * @param status           {@link Status#PROPOSED}, {@link Status#IN_FORCE}, {@link Status#DECLINED} or {@link Status#WITHDRAWN}
 * @param proposedByRegion the proposing region
 * @param proposedBy       "MSPID/account" of the proposer
 * @param proposedAt       ISO-8601 instant
 * @param acceptedBy       "MSPID/account" of the accepting bureau user
 * @param acceptedAt       ISO-8601 instant it came in force
 * @param closedByRegion   the region that declined or withdrew it
 * @param closedBy         "MSPID/account" of who did
 * @param closedAt         ISO-8601 instant
 * @param closeReason      why, free text
 * @param kind             the kind of credential recognized; absent for skill level certificates
 */
public record RecognitionRule(String id, String occupation, int minimumLevel, String fromRegion, String toRegion,
                              String effectiveFrom, String effectiveTo, Status status, String proposedByRegion,
                              String proposedBy, String proposedAt, String acceptedBy, String acceptedAt,
                              String closedByRegion, String closedBy, String closedAt, String closeReason,
                              String kind) {

    /** A rule for skill level certificates, the first kind. */
    public RecognitionRule(String id, String occupation, int minimumLevel, String fromRegion, String toRegion,
                           String effectiveFrom, String effectiveTo, Status status, String proposedByRegion,
                           String proposedBy, String proposedAt, String acceptedBy, String acceptedAt,
                           String closedByRegion, String closedBy, String closedAt, String closeReason) {
        this(id, occupation, minimumLevel, fromRegion, toRegion, effectiveFrom, effectiveTo, status, proposedByRegion,
                proposedBy, proposedAt, acceptedBy, acceptedAt, closedByRegion, closedBy, closedAt, closeReason, null);
    }

    /** The kind of credential the rule recognizes. */
    public CredentialKind credentialKind() {
        return CredentialKind.of(kind);
    }

    /** A rule is in force once the other region accepts it; declined and withdrawn are final. */
    public enum Status { PROPOSED, IN_FORCE, DECLINED, WITHDRAWN }

    /** The region that must accept: the one of the two that did not propose. */
    /** A rule as its proposing region wrote it, not in force until the other region accepts it. */
    public static RecognitionRule proposed(String id, RecognitionRuleProposal terms, String proposedByRegion,
                                           String proposedBy, String proposedAt) {
        return new RecognitionRule(id, terms.occupation(), terms.minimumLevel(), terms.fromRegion(), terms.toRegion(),
                terms.effectiveFrom(), terms.effectiveTo(), Status.PROPOSED, proposedByRegion, proposedBy, proposedAt,
                null, null, null, null, null, null, terms.kind());
    }

    public String counterpartOf(String region) {
        return region.equals(fromRegion) ? toRegion : fromRegion;
    }

    /** Whether the rule applies on {@code date} (both ends included). */
    public boolean effectiveOn(LocalDate date) {
        return !date.isBefore(LocalDate.parse(effectiveFrom))
                && (effectiveTo == null || !date.isAfter(LocalDate.parse(effectiveTo)));
    }

    /** Whether the rule, in force on {@code date}, recognizes {@code claims} in {@code region}. */
    public boolean recognizes(CertificateClaims claims, String region, LocalDate date) {
        return status == Status.IN_FORCE && effectiveOn(date) && credentialKind() == claims.kind()
                && occupation.equals(claims.occupation())
                && fromRegion.equals(claims.region()) && toRegion.equals(region) && claims.level() <= minimumLevel;
    }

    /** Whether the two rules cover the same occupation and direction on at least one common day. */
    public boolean overlaps(RecognitionRuleProposal other) {
        if (credentialKind() != other.credentialKind() || !occupation.equals(other.occupation())
                || !fromRegion.equals(other.fromRegion())
                || !toRegion.equals(other.toRegion())) {
            return false;
        }
        LocalDate start = LocalDate.parse(other.effectiveFrom());
        LocalDate end = other.effectiveTo() == null ? LocalDate.MAX : LocalDate.parse(other.effectiveTo());
        LocalDate mine = effectiveTo == null ? LocalDate.MAX : LocalDate.parse(effectiveTo);
        return !start.isAfter(mine) && !LocalDate.parse(effectiveFrom).isAfter(end);
    }

    public RecognitionRule accepted(String by, String at) {
        return new RecognitionRule(id, occupation, minimumLevel, fromRegion, toRegion, effectiveFrom, effectiveTo,
                Status.IN_FORCE, proposedByRegion, proposedBy, proposedAt, by, at, null, null, null, null, kind);
    }

    public RecognitionRule closed(Status newStatus, String region, String by, String at, String reason) {
        return new RecognitionRule(id, occupation, minimumLevel, fromRegion, toRegion, effectiveFrom, effectiveTo,
                newStatus, proposedByRegion, proposedBy, proposedAt, acceptedBy, acceptedAt, region, by, at, reason, kind);
    }
}
