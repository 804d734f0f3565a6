package cn.cdcq.registry.chaincode.enterprise;

import cn.cdcq.registry.chaincode.cases.CaseLedger;
import cn.cdcq.registry.chaincode.credit.CreditLedger;
import cn.cdcq.registry.chaincode.credit.JointMeasures;
import cn.cdcq.registry.chaincode.support.Arguments;
import cn.cdcq.registry.chaincode.support.Caller;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.cases.AssistRequest;
import cn.cdcq.registry.common.cases.Complaint;
import cn.cdcq.registry.common.credit.CreditEvents;
import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.CreditRating;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.credit.EnterpriseKind;
import cn.cdcq.registry.common.credit.EnterpriseTransactions;
import cn.cdcq.registry.common.credit.SpotCheckDraw;
import cn.cdcq.registry.common.credit.SpotCheckWeighting;
import cn.cdcq.registry.common.credit.WageArrearsListing;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.privacy.FreeText;
import cn.cdcq.registry.common.profile.CreditProfile;
import org.hyperledger.fabric.contract.Context;
import cn.cdcq.registry.chaincode.support.RegistryContract;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The enterprise register and the credit profile. An enterprise is registered by the bureau of
 * the region its USCC's division code belongs to; one from elsewhere in China by the region where
 * it operates. Every region reads every enterprise. The profile is the one
 * answer that reads both the credit records and the open cases, so this contract sits above
 * {@code credit} and {@code cases} (docs/design.md §6.2).
 */
@Contract(name = EnterpriseTransactions.CONTRACT, info = @Info(title = "Enterprise register",
        description = "Employers of both regions and their labor-credit profile", version = "1",
        contact = @Contact(name = "Chengdu-Chongqing labor registry")))
public final class EnterpriseContract implements RegistryContract {

    /**
     * Registers an enterprise in the caller's region.
     *
     * @param platform "true" for a gig platform operating in both regions, else "false"
     * @param kind     PLATFORM, HR_SERVICE_AGENCY or OTHER; "" takes PLATFORM when {@code platform}
     *                 is "true", else OTHER. A platform flag with another kind is refused.
     */
    @Transaction(name = EnterpriseTransactions.REGISTER_ENTERPRISE, intent = Transaction.TYPE.SUBMIT)
    public String registerEnterprise(Context ctx, String uscc, String name, String platform, String kind) {
        Caller caller = Caller.of(ctx);
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        String region = credit.regions().bureauRegion(caller);
        String code = Arguments.uscc(uscc);
        credit.regions().requireJurisdiction(credit.regions().require(region), code, "register");
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw RegistryException.invalid("the enterprise name must be 1 to 200 characters");
        }
        Arguments.valid(() -> FreeText.requireNoPersonalData("the enterprise name", name));
        boolean isPlatform = Arguments.flag("platform", platform);
        EnterpriseKind given = kind == null || kind.isBlank() ? (isPlatform ? EnterpriseKind.PLATFORM : EnterpriseKind.OTHER)
                : Arguments.oneOf(EnterpriseKind.class, "kind", kind);
        if (isPlatform && given != EnterpriseKind.PLATFORM) {
            throw RegistryException.invalid("platform is true but kind is " + given
                    + "; a platform enterprise has kind PLATFORM (give that, or platform false)");
        }
        credit.enterprise(code).ifPresent(e -> {
            throw RegistryException.exists("enterprise " + code + " is already registered in region " + e.regionCode());
        });
        Enterprise e = Enterprise.registered(code, name.strip(), region, given, credit.ledger().nowIso(), caller.id());
        credit.putEnterprise(e);
        credit.ledger().emit(CreditEvents.ENTERPRISE_REGISTERED, new CreditEvents.EnterpriseRegistered(code, region));
        return Json.write(e);
    }

    /**
     * Changes an enterprise's kind; only the bureau of the region that registered it, with a
     * written reason. The change is appended to the record's kind history.
     */
    @Transaction(name = EnterpriseTransactions.SET_ENTERPRISE_KIND, intent = Transaction.TYPE.SUBMIT)
    public String setEnterpriseKind(Context ctx, String uscc, String kind, String reason) {
        Caller caller = Caller.of(ctx);
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        String region = credit.regions().bureauRegion(caller);
        Enterprise current = credit.requireEnterprise(Arguments.uscc(uscc));
        EnterpriseKind next = Arguments.oneOf(EnterpriseKind.class, "kind", kind);
        if (!current.regionCode().equals(region)) {
            throw RegistryException.forbidden("enterprise " + current.uscc() + " is registered in region "
                    + current.regionCode() + "; only that region's bureau may change its kind, not " + region);
        }
        if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
            throw RegistryException.invalid("reason: say why the kind changes, in 1 to 500 characters");
        }
        String why = Arguments.valid(() -> FreeText.requireNoPersonalData("reason", reason.strip()));
        if (current.kind() == next) {
            throw RegistryException.conflict("enterprise " + current.uscc() + " is already of kind " + next);
        }
        Enterprise changed = current.withKind(next, credit.ledger().nowIso(), caller.id(), why);
        credit.putEnterprise(changed);
        credit.ledger().emit(CreditEvents.ENTERPRISE_KIND_CHANGED, new CreditEvents.EnterpriseKindChanged(
                changed.uscc(), region, current.kind(), next));
        return Json.write(changed);
    }

    @Transaction(name = EnterpriseTransactions.GET_ENTERPRISE, intent = Transaction.TYPE.EVALUATE)
    public String getEnterprise(Context ctx, String uscc) {
        return Json.write(new CreditLedger(new Ledger(ctx)).requireEnterprise(Arguments.uscc(uscc)));
    }

    /** The register of a region, by USCC. */
    @Transaction(name = EnterpriseTransactions.LIST_ENTERPRISES, intent = Transaction.TYPE.EVALUATE)
    public String listEnterprises(Context ctx, String regionCode) {
        String code = Arguments.region(regionCode);
        return Json.write(new CreditLedger(new Ledger(ctx)).enterprisesOf(code));
    }

    /**
     * Everything about an enterprise's standing in one answer: both regions' ratings and the
     * effective level, violations, notices, blacklist status, spot checks, open cases.
     */
    @Transaction(name = EnterpriseTransactions.GET_CREDIT_PROFILE, intent = Transaction.TYPE.EVALUATE)
    public String getCreditProfile(Context ctx, String uscc) {
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        Enterprise enterprise = credit.requireEnterprise(Arguments.uscc(uscc));
        String code = enterprise.uscc();
        LocalDate today = credit.ledger().today();
        List<CreditRating> ratings = credit.ratings(code);
        List<WageArrearsListing> listings = credit.listings(code);
        List<CreditProfile.SpotCheck> checks = new ArrayList<>();
        for (SpotCheckDraw d : credit.draws()) {
            if (d.assignments() == null) {
                continue;
            }
            for (SpotCheckDraw.Assignment a : d.assignments()) {
                if (a.uscc().equals(code)) {
                    checks.add(new CreditProfile.SpotCheck(d.id(), d.registerRegion(), a.inspectorIds(),
                            credit.result(d.id(), code).orElse(null)));
                }
            }
        }
        CaseLedger cases = new CaseLedger(credit.ledger());
        List<CreditProfile.OpenCase> openComplaints = cases.complaintsAbout(code).stream().filter(Complaint::open)
                .map(c -> new CreditProfile.OpenCase(c.id(), c.status(), c.filedRegion(), c.jurisdictionRegion(),
                        c.category().name(), c.acceptanceDueOn()))
                .toList();
        List<AssistRequest> openAssists = cases.assistRequestsAbout(code).stream()
                .filter(r -> r.status() == AssistRequest.Status.OPEN).toList();
        Map<String, CreditLevel> latest = new LinkedHashMap<>(CreditLedger.latestLevels(ratings));
        return Json.write(new CreditProfile(enterprise, today.toString(), ratings, latest, CreditLedger.effectiveLevel(ratings),
                credit.violations(code), credit.notices(code), listings.stream().anyMatch(l -> l.activeOn(today)),
                listings, checks, openComplaints, openAssists, new JointMeasures(credit).inForce(code, today),
                SpotCheckWeighting.of(enterprise.regionCode(), CreditLedger.effectiveLevel(ratings),
                        credit.weights(enterprise.regionCode()).orElse(null))));
    }
}
