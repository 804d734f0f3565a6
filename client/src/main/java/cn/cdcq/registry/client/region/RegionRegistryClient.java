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

    private static final String CONTRACT = "region";
    private final RegistryGateway gateway;

    public RegionRegistryClient(RegistryGateway gateway) {
        this.gateway = gateway;
    }

    public RegionProposal proposeRegistration(String regionCode, String bureauName, String attestationCertificatePem) {
        return Json.read(gateway.submit(CONTRACT, "proposeRegistration", regionCode, bureauName, attestationCertificatePem),
                RegionProposal.class);
    }

    public RegionProposal proposeRotation(String attestationCertificatePem) {
        return Json.read(gateway.submit(CONTRACT, "proposeRotation", attestationCertificatePem), RegionProposal.class);
    }

    /** Proposes the division prefixes (e.g. "51") this region covers; in force once the other region approves. */
    public RegionProposal proposeDivisions(String divisionPrefixes) {
        return Json.read(gateway.submit(CONTRACT, RegionTransactions.PROPOSE_DIVISIONS, divisionPrefixes),
                RegionProposal.class);
    }

    public RegionProposal approve(String proposalId) {
        return Json.read(gateway.submit(CONTRACT, "approve", proposalId), RegionProposal.class);
    }

    public RegionProposal withdraw(String proposalId) {
        return Json.read(gateway.submit(CONTRACT, "withdraw", proposalId), RegionProposal.class);
    }

    public Region region(String code) {
        return Json.read(gateway.evaluate(CONTRACT, "getRegion", code), Region.class);
    }

    public List<Region> regions() {
        return Json.readList(gateway.evaluate(CONTRACT, "listRegions"), Region.class);
    }

    public List<AttestationCertificate> attestationCertificates(String regionCode) {
        return Json.readList(gateway.evaluate(CONTRACT, "getAttestationCertificates", regionCode), AttestationCertificate.class);
    }

    public List<RegionProposal> pendingProposals() {
        return Json.readList(gateway.evaluate(CONTRACT, "listPendingProposals"), RegionProposal.class);
    }

    public RegionProposal proposal(String id) {
        return Json.read(gateway.evaluate(CONTRACT, "getProposal", id), RegionProposal.class);
    }
}
