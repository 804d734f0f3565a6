package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.common.certificate.SubsidyTransactions;
import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.common.certificate.SubsidyClaim;
import cn.cdcq.registry.common.certificate.SubsidyClaimOutcome;
import cn.cdcq.registry.common.certificate.SubsidyClaimRequest;
import cn.cdcq.registry.common.json.Json;

/** The subsidy contract ("subsidy") as typed calls, for one bureau user through one peer. */
public final class SubsidyClient {

    private static final String CONTRACT = SubsidyTransactions.CONTRACT;
    private final RegistryGateway gateway;

    public SubsidyClient(RegistryGateway gateway) {
        this.gateway = gateway;
    }

    /** Records a paid subsidy; a second one for the same holder, occupation and level comes back REFUSED. */
    public SubsidyClaimOutcome claim(SubsidyClaimRequest request) {
        return Json.read(gateway.submit(CONTRACT, SubsidyTransactions.CLAIM, Json.write(request)), SubsidyClaimOutcome.class);
    }

    public SubsidyClaim claimForCertificate(String certificateNumber) {
        return Json.read(gateway.evaluate(CONTRACT, SubsidyTransactions.GET_CLAIM_FOR_CERTIFICATE, certificateNumber), SubsidyClaim.class);
    }

    public SubsidyClaimOutcome.Refusal refusal(String refusalId) {
        return Json.read(gateway.evaluate(CONTRACT, SubsidyTransactions.GET_REFUSAL, refusalId), SubsidyClaimOutcome.Refusal.class);
    }
}
