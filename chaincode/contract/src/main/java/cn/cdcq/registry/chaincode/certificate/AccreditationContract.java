package cn.cdcq.registry.chaincode.certificate;

import cn.cdcq.registry.chaincode.credit.CreditLedger;
import cn.cdcq.registry.chaincode.credit.JointMeasures;
import cn.cdcq.registry.chaincode.region.Regions;
import cn.cdcq.registry.chaincode.support.Arguments;
import cn.cdcq.registry.chaincode.support.Caller;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.certificate.Accreditation;
import cn.cdcq.registry.common.certificate.AccreditationRequest;
import cn.cdcq.registry.common.certificate.AccreditationStatus;
import cn.cdcq.registry.common.certificate.AccreditationTransactions;
import cn.cdcq.registry.common.certificate.CertificateEvents;
import cn.cdcq.registry.common.certificate.CertificateEvents.AccreditationChanged;
import cn.cdcq.registry.common.certificate.ReasonCodes;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.region.Region;
import org.hyperledger.fabric.contract.Context;
import cn.cdcq.registry.chaincode.support.RegistryContract;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

import java.util.List;
import java.util.Optional;

/**
 * Accreditation of training and evaluation centers: a region's bureau accredits a center of its
 * region for occupations up to a level within a validity window, and amends, suspends,
 * reinstates or revokes (finally) that accreditation. Only the accrediting region may change it.
 * Reading is open to every member of the channel.
 */
@Contract(name = AccreditationTransactions.CONTRACT, info = @Info(title = "Accreditation of training centers",
        description = "Which center may certify which occupations up to which level, decided by its own region",
        version = "1", contact = @Contact(name = "Chengdu-Chongqing labor registry")))
public final class AccreditationContract implements RegistryContract {

    /** Accredits a center of the caller's region; {@code requestJson} is an {@link AccreditationRequest}. */
    @Transaction(name = AccreditationTransactions.ACCREDIT, intent = Transaction.TYPE.SUBMIT)
    public String accredit(Context ctx, String requestJson) {
        Caller caller = Caller.of(ctx);
        caller.requireRole(Caller.BUREAU);
        Ledger ledger = new Ledger(ctx);
        Region region = new Regions(ledger).regionOf(caller);
        AccreditationRequest request = Arguments.valid(() -> Arguments.json(requestJson, AccreditationRequest.class).validate());
        new Regions(ledger).requireJurisdiction(region, request.centerId(), "accredit");
        requireUnrestricted(ledger, request.centerId(), "be accredited as a training center");
        Accreditations accreditations = new Accreditations(ledger);
        Optional<Accreditation> earlier = accreditations.find(request.centerId());
        earlier.ifPresent(existing -> {
            boolean own = existing.region().equals(region.code());
            if (existing.status() != AccreditationStatus.REVOKED) {
                throw RegistryException.exists("center " + existing.centerId() + " is already accredited by region "
                        + existing.region() + " (" + existing.status() + ")"
                        + (own ? "; amend that accreditation instead" : "; only region " + existing.region() + " may change it"));
            }
            if (!own) {
                throw RegistryException.forbidden("center " + existing.centerId() + " was accredited by region "
                        + existing.region() + " and revoked; only region " + existing.region() + " may accredit it again");
            }
        });
        Accreditation accreditation = earlier
                .map(revoked -> revoked.renewedAfterRevocation(request, ledger.nowIso(), caller.id()))
                .orElseGet(() -> Accreditation.granted(request, region.code(), ledger.nowIso(), caller.id()));
        accreditations.put(accreditation);
        ledger.emit(CertificateEvents.CENTER_ACCREDITED, AccreditationChanged.of(accreditation, null));
        return Json.write(accreditation);
    }

    /** Replaces the name, scopes and validity window of an accreditation of the caller's region. */
    @Transaction(name = AccreditationTransactions.AMEND, intent = Transaction.TYPE.SUBMIT)
    public String amend(Context ctx, String requestJson) {
        Caller caller = Caller.of(ctx);
        caller.requireRole(Caller.BUREAU);
        Ledger ledger = new Ledger(ctx);
        Region region = new Regions(ledger).regionOf(caller);
        AccreditationRequest request = Arguments.valid(() -> Arguments.json(requestJson, AccreditationRequest.class).validate());
        Accreditations accreditations = new Accreditations(ledger);
        Accreditation current = ownAccreditation(accreditations, request.centerId(), region);
        if (current.status() == AccreditationStatus.REVOKED) {
            throw RegistryException.conflict("the accreditation of center " + current.centerId()
                    + " was revoked, which is final; it cannot be amended");
        }
        requireUnrestricted(ledger, current.centerId(), "have its accreditation amended");
        Accreditation amended = current.amendedBy(request, ledger.nowIso(), caller.id());
        accreditations.put(amended);
        ledger.emit(CertificateEvents.ACCREDITATION_AMENDED, AccreditationChanged.of(amended, current.status()));
        return Json.write(amended);
    }

    @Transaction(name = AccreditationTransactions.SUSPEND, intent = Transaction.TYPE.SUBMIT)
    public String suspend(Context ctx, String centerId, String reasonCode, String reason) {
        return changeStatus(ctx, centerId, reasonCode, reason, "suspend",
                List.of(AccreditationStatus.ACTIVE), AccreditationStatus.SUSPENDED, ReasonCodes.ACCREDITATION_SUSPEND);
    }

    @Transaction(name = AccreditationTransactions.REINSTATE, intent = Transaction.TYPE.SUBMIT)
    public String reinstate(Context ctx, String centerId, String reasonCode, String reason) {
        return changeStatus(ctx, centerId, reasonCode, reason, "reinstate",
                List.of(AccreditationStatus.SUSPENDED), AccreditationStatus.ACTIVE, ReasonCodes.ACCREDITATION_REINSTATE);
    }

    /** Revokes an accreditation for good. Certificates issued under it stay valid unless revoked themselves. */
    @Transaction(name = AccreditationTransactions.REVOKE, intent = Transaction.TYPE.SUBMIT)
    public String revoke(Context ctx, String centerId, String reasonCode, String reason) {
        return changeStatus(ctx, centerId, reasonCode, reason, "revoke",
                List.of(AccreditationStatus.ACTIVE, AccreditationStatus.SUSPENDED), AccreditationStatus.REVOKED,
                ReasonCodes.ACCREDITATION_REVOKE);
    }

    @Transaction(name = AccreditationTransactions.GET_ACCREDITATION, intent = Transaction.TYPE.EVALUATE)
    public String getAccreditation(Context ctx, String centerId) {
        return Json.write(new Accreditations(new Ledger(ctx)).require(Arguments.uscc(centerId)));
    }

    /** The accreditations of one region, or of every region when {@code regionCode} is empty, by USCC. */
    @Transaction(name = AccreditationTransactions.LIST_ACCREDITATIONS, intent = Transaction.TYPE.EVALUATE)
    public String listAccreditations(Context ctx, String regionCode) {
        Ledger ledger = new Ledger(ctx);
        String region = Arguments.optionalRegion(regionCode);
        return Json.write(ledger.list(Accreditation.class, Accreditations.ACCREDITATION).stream()
                .filter(a -> region == null || a.region().equals(region)).toList());
    }

    private String changeStatus(Context ctx, String centerId, String reasonCode, String reason, String action,
                                List<AccreditationStatus> from, AccreditationStatus to,
                                List<String> allowedReasons) {
        Caller caller = Caller.of(ctx);
        caller.requireRole(Caller.BUREAU);
        Ledger ledger = new Ledger(ctx);
        Region region = new Regions(ledger).regionOf(caller);
        String code = Arguments.valid(() -> ReasonCodes.require(action + " an accreditation", reasonCode, allowedReasons));
        String text = Arguments.valid(() -> ReasonCodes.requireText(reason));
        Accreditations accreditations = new Accreditations(ledger);
        Accreditation current = ownAccreditation(accreditations, Arguments.uscc(centerId), region);
        if (!from.contains(current.status())) {
            throw RegistryException.conflict("cannot " + action + " the accreditation of center " + current.centerId()
                    + ": it is " + current.status() + (current.status() == AccreditationStatus.REVOKED
                    ? ", and revocation is final" : ", and only " + Arguments.names(from, " or ") + " can be " + action + "d"));
        }
        if (to == AccreditationStatus.ACTIVE) {
            requireUnrestricted(ledger, current.centerId(), "be reinstated as a training center");
        }
        Accreditation changed = current.withStatus(to, code, text, ledger.nowIso(), caller.id());
        accreditations.put(changed);
        ledger.emit(CertificateEvents.ACCREDITATION_STATUS_CHANGED, AccreditationChanged.of(changed, current.status()));
        return Json.write(changed);
    }

    /** The joint restriction of both regions (docs/joint-measures.md): no accreditation while listed or rated C. */
    private static void requireUnrestricted(Ledger ledger, String centerId, String act) {
        new JointMeasures(new CreditLedger(ledger)).requireUnrestricted(centerId, "center " + centerId + " cannot " + act);
    }

    private static Accreditation ownAccreditation(Accreditations accreditations, String centerId, Region region) {
        Accreditation current = accreditations.require(centerId);
        if (!current.region().equals(region.code())) {
            throw RegistryException.forbidden("center " + centerId + " is accredited by region " + current.region()
                    + "; only that region may change its accreditation, not " + region.code());
        }
        return current;
    }
}
