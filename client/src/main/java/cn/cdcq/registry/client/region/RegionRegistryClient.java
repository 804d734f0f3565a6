package cn.cdcq.registry.client.region;

import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.region.AttestationCertificate;
import cn.cdcq.registry.common.region.Region;
import cn.cdcq.registry.common.region.RegionProposal;
import cn.cdcq.registry.common.region.RegionTransactions;

import java.util.List;

/** The region registry contract ("region") as typed calls, for one user through one peer. */
public final class RegionRegistryClient {

    private static final String CONTRACT = RegionTransactions.CONTRACT;
    private final RegistryGateway gateway;

    public RegionRegistryClient(RegistryGateway gateway) {
        this.gateway = gateway;
    }

    public RegionProposal proposeRegistration(String regionCode, String bureauName, String attestationCertificatePem) {
        return Json.read(gateway.submit(CONTRACT, RegionTransactions.PROPOSE_REGISTRATION, regionCode, bureauName, attestationCertificatePem),
                RegionProposal.class);
    }

    public RegionProposal proposeRotation(String attestationCertificatePem) {
        return Json.read(gateway.submit(CONTRACT, RegionTransactions.PROPOSE_ROTATION, attestationCertificatePem), RegionProposal.class);
    }

    /** Proposes the division prefixes (e.g. "51") this region covers; in force once the other region approves. */
    public RegionProposal proposeDivisions(String divisionPrefixes) {
        return Json.read(gateway.submit(CONTRACT, RegionTransactions.PROPOSE_DIVISIONS, divisionPrefixes),
                RegionProposal.class);
    }

    public RegionProposal approve(String proposalId) {
        return Json.read(gateway.submit(CONTRACT, RegionTransactions.APPROVE, proposalId), RegionProposal.class);
    }

    public RegionProposal withdraw(String proposalId) {
        return Json.read(gateway.submit(CONTRACT, RegionTransactions.WITHDRAW, proposalId), RegionProposal.class);
    }

    public Region region(String code) {
        return Json.read(gateway.evaluate(CONTRACT, RegionTransactions.GET_REGION, code), Region.class);
    }

    public List<Region> regions() {
        return Json.readList(gateway.evaluate(CONTRACT, RegionTransactions.LIST_REGIONS), Region.class);
    }

    public List<AttestationCertificate> attestationCertificates(String regionCode) {
        return Json.readList(gateway.evaluate(CONTRACT, RegionTransactions.GET_ATTESTATION_CERTIFICATES, regionCode), AttestationCertificate.class);
    }

    public List<RegionProposal> pendingProposals() {
        return Json.readList(gateway.evaluate(CONTRACT, RegionTransactions.LIST_PENDING_PROPOSALS), RegionProposal.class);
    }

    public RegionProposal proposal(String id) {
        return Json.read(gateway.evaluate(CONTRACT, RegionTransactions.GET_PROPOSAL, id), RegionProposal.class);
    }
}
