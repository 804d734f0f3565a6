package cn.cdcq.registry.common.region;

import java.util.List;

/**
 * A change to the region registry that one region proposes and the others must approve
 * before it is in force: bringing a region in (with its first attestation certificate) or
 * rotating a region's attestation certificate.
 *
 * @param id             the proposing transaction's ID
 * @param kind           {@code REGISTER}, {@code ROTATE} or {@code DIVISIONS}
 * @param regionCode     the region concerned (always the proposer's own)
 * @param mspId          MSP ID of the proposing organization
 * @param name           bureau name (REGISTER only)
 * @param certificatePem the proposed attestation certificate
 * @param fingerprint    its SHA-256 fingerprint
 * @param proposedAt     ISO-8601 instant
 * @param proposedBy     subject of the proposing bureau user's certificate
 * @param status         {@code PENDING}, {@code APPROVED} or {@code WITHDRAWN}
 * @param approvals      approvals so far, one per approving organization
 * @param divisionPrefixes the division prefixes the region is to cover (REGISTER optionally, DIVISIONS)
 */
public record RegionProposal(String id, Kind kind, String regionCode, String mspId, String name,
                             String certificatePem, String fingerprint, String proposedAt, String proposedBy,
                             Status status, List<Approval> approvals, List<String> divisionPrefixes) {

    /** To come in as a region, to rotate the region's attestation certificate, or to change its divisions. */
    public enum Kind { REGISTER, ROTATE, DIVISIONS }

    /** Pending until every approver approved, or the proposer withdrew. */
    public enum Status { PENDING, APPROVED, WITHDRAWN }

    /** One organization's approval. */
    public record Approval(String mspId, String regionCode, String approvedBy, String approvedAt) {
    }

    public RegionProposal {
        divisionPrefixes = divisionPrefixes == null ? List.of() : List.copyOf(divisionPrefixes);
    }

    public RegionProposal withApprovals(List<Approval> newApprovals, Status newStatus) {
        return new RegionProposal(id, kind, regionCode, mspId, name, certificatePem, fingerprint, proposedAt,
                proposedBy, newStatus, List.copyOf(newApprovals), divisionPrefixes);
    }
}
