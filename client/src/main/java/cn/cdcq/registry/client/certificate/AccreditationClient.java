package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.common.certificate.AccreditationTransactions;
import cn.cdcq.registry.client.fabric.RegistryGateway;
import cn.cdcq.registry.common.certificate.Accreditation;
import cn.cdcq.registry.common.certificate.AccreditationRequest;
import cn.cdcq.registry.common.json.Json;

import java.util.List;

/** The accreditation contract ("accreditation") as typed calls, for one user through one peer. */
public final class AccreditationClient {

    private static final String CONTRACT = AccreditationTransactions.CONTRACT;
    private final RegistryGateway gateway;

    public AccreditationClient(RegistryGateway gateway) {
        this.gateway = gateway;
    }

    /** Accredits a center of the caller's region; the chaincode validates the request. */
    public Accreditation accredit(AccreditationRequest request) {
        return Json.read(gateway.submit(CONTRACT, AccreditationTransactions.ACCREDIT, Json.write(request)), Accreditation.class);
    }

    public Accreditation amend(AccreditationRequest request) {
        return Json.read(gateway.submit(CONTRACT, AccreditationTransactions.AMEND, Json.write(request)), Accreditation.class);
    }

    public Accreditation suspend(String centerId, String reasonCode, String reason) {
        return Json.read(gateway.submit(CONTRACT, AccreditationTransactions.SUSPEND, centerId, reasonCode, reason), Accreditation.class);
    }

    public Accreditation reinstate(String centerId, String reasonCode, String reason) {
        return Json.read(gateway.submit(CONTRACT, AccreditationTransactions.REINSTATE, centerId, reasonCode, reason), Accreditation.class);
    }

    public Accreditation revoke(String centerId, String reasonCode, String reason) {
        return Json.read(gateway.submit(CONTRACT, AccreditationTransactions.REVOKE, centerId, reasonCode, reason), Accreditation.class);
    }

    public Accreditation accreditation(String centerId) {
        return Json.read(gateway.evaluate(CONTRACT, AccreditationTransactions.GET_ACCREDITATION, centerId), Accreditation.class);
    }

    /** The accreditations of one region ({@code null} for all). */
    public List<Accreditation> accreditations(String regionCode) {
        return Json.readList(gateway.evaluate(CONTRACT, AccreditationTransactions.LIST_ACCREDITATIONS, regionCode == null ? "" : regionCode),
                Accreditation.class);
    }
}
