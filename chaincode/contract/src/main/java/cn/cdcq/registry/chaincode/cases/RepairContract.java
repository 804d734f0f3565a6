package cn.cdcq.registry.chaincode.cases;

import cn.cdcq.registry.chaincode.credit.CreditLedger;
import cn.cdcq.registry.chaincode.support.Arguments;
import cn.cdcq.registry.chaincode.support.Caller;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryContract;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.cases.CreditRepair;
import cn.cdcq.registry.common.cases.ObjectionEvents;
import cn.cdcq.registry.common.cases.ObjectionTransactions;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.credit.WageArrearsListing;
import cn.cdcq.registry.common.json.Json;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

import java.time.LocalDate;

/**
 * Credit repair of a wage-arrears listing (docs/objections.md, MOHRSS Order 45 art. 13 as
 * encoded): after the enterprise paid the wages and pledged in writing, the bureau of the region
 * where it is registered applies; no earlier than six months on the list counted from
 * rectification; the listing region grants (the listing ends early, in both regions) or refuses.
 */
@Contract(name = ObjectionTransactions.REPAIR_CONTRACT, info = @Info(title = "Credit repair",
        description = "Applications for early removal from the wage-arrears list, decided by the listing region",
        version = "1", contact = @Contact(name = "Chengdu-Chongqing labor registry")))
public final class RepairContract implements RegistryContract {

    /** Applies for repair ({@link CreditRepair.Input} JSON); only the bureau of the enterprise's region. */
    @Transaction(name = ObjectionTransactions.REPAIR_APPLY, intent = Transaction.TYPE.SUBMIT)
    public String apply(Context ctx, String repairJson) {
        Caller caller = Caller.of(ctx);
        Ledger ledger = new Ledger(ctx);
        CreditLedger credit = new CreditLedger(ledger);
        CaseLedger cases = new CaseLedger(ledger);
        String region = credit.regions().bureauRegion(caller);
        CreditRepair.Input in = Arguments.json(repairJson, CreditRepair.Input.class);
        WageArrearsListing listing = credit.listing(in.listingId()).orElseThrow(() ->
                RegistryException.notFound("no blacklist listing " + in.listingId()));
        Enterprise enterprise = credit.requireEnterprise(listing.uscc());
        if (!enterprise.regionCode().equals(region)) {
            throw RegistryException.forbidden("enterprise " + listing.uscc() + " is registered in region "
                    + enterprise.regionCode() + "; only that region's bureau applies for its credit repair, not " + region);
        }
        LocalDate today = ledger.today();
        if (!listing.activeOn(today)) {
            throw RegistryException.conflict("listing " + listing.id() + " is not in force (" + listing.status()
                    + ", term to " + listing.expiresOn() + "); there is nothing to repair");
        }
        for (CreditRepair r : cases.repairs(listing.uscc())) {
            if (r.listingId().equals(listing.id()) && r.status() == CreditRepair.Status.PENDING) {
                throw RegistryException.exists("repair " + r.id() + " of listing " + listing.id() + " is pending");
            }
        }
        if (!in.wagesPaid()) {
            throw RegistryException.conflict("credit repair needs the wages paid in full first (wagesPaid=false)");
        }
        LocalDate rectified = LocalDate.parse(in.rectificationDate());
        if (rectified.isAfter(today)) {
            throw RegistryException.invalid("rectificationDate " + rectified + " is after today (" + today + ")");
        }
        LocalDate earliest = CreditRepair.earliest(LocalDate.parse(listing.listedOn()), rectified);
        if (today.isBefore(earliest)) {
            throw new RegistryException(ErrorCode.TOO_EARLY, "credit repair of listing " + listing.id()
                    + " is possible from " + earliest + ": " + CreditRepair.MONTHS_LISTED_AFTER_RECTIFICATION
                    + " months on the list counted from rectification (" + rectified + ", listed " + listing.listedOn()
                    + "); today is " + today);
        }
        CreditRepair repair = new CreditRepair(ledger.txId(), listing.id(), listing.uscc(), region,
                listing.listingRegion(), true, rectified.toString(), in.pledgeDocumentHash(), in.evidenceHashes(),
                earliest.toString(), today.toString(), ledger.nowIso(), caller.id(), caller.role(),
                CreditRepair.Status.PENDING, null);
        cases.putRepair(repair);
        ledger.emit(ObjectionEvents.REPAIR_APPLIED, changed(repair));
        return Json.write(repair);
    }

    /** Decides a repair ({@link CreditRepair.DecisionInput} JSON); only the listing region's bureau. */
    @Transaction(name = ObjectionTransactions.REPAIR_DECIDE, intent = Transaction.TYPE.SUBMIT)
    public String decide(Context ctx, String repairId, String decisionJson) {
        Caller caller = Caller.of(ctx);
        Ledger ledger = new Ledger(ctx);
        CreditLedger credit = new CreditLedger(ledger);
        CaseLedger cases = new CaseLedger(ledger);
        String region = credit.regions().bureauRegion(caller);
        CreditRepair repair = cases.repair(repairId).orElseThrow(() -> RegistryException.notFound("no credit repair "
                + repairId));
        if (!repair.decidingRegion().equals(region)) {
            throw RegistryException.forbidden("repair " + repair.id() + " is of a listing by region "
                    + repair.decidingRegion() + "; only that region decides it, not " + region);
        }
        if (repair.status() != CreditRepair.Status.PENDING) {
            throw RegistryException.conflict("repair " + repair.id() + " was already decided " + repair.status()
                    + " on " + repair.decision().decidedOn());
        }
        CreditRepair.DecisionInput in = Arguments.json(decisionJson, CreditRepair.DecisionInput.class);
        WageArrearsListing listing = credit.listing(repair.listingId()).orElseThrow();
        LocalDate today = ledger.today();
        if (!listing.activeOn(today)) {
            throw RegistryException.conflict("listing " + listing.id() + " is no longer in force (" + listing.status()
                    + ", term to " + listing.expiresOn() + "); nothing to decide");
        }
        String now = ledger.nowIso();
        if (in.outcome() == CreditRepair.Status.GRANTED) {
            credit.putListing(listing.removedEarly(new WageArrearsListing.Removal(true, repair.rectificationDate(),
                    repair.pledgeDocumentHash(), today.toString(), caller.id())));
        }
        CreditRepair decided = repair.decided(new CreditRepair.Decision(in.outcome(), in.reason(), today.toString(), now,
                caller.id(), caller.role()));
        cases.putRepair(decided);
        ledger.emit(ObjectionEvents.REPAIR_DECIDED, changed(decided));
        return Json.write(decided);
    }

    @Transaction(name = ObjectionTransactions.REPAIR_GET, intent = Transaction.TYPE.EVALUATE)
    public String get(Context ctx, String repairId) {
        return Json.write(new CaseLedger(new Ledger(ctx)).repair(repairId).orElseThrow(() ->
                RegistryException.notFound("no credit repair " + repairId)));
    }

    /** Repairs, oldest first: of {@code uscc} ("" for all), decided by {@code decidingRegion} ("" for either), {@code status} ("" any). */
    @Transaction(name = ObjectionTransactions.REPAIR_LIST, intent = Transaction.TYPE.EVALUATE)
    public String list(Context ctx, String uscc, String decidingRegion, String status) {
        String code = uscc == null || uscc.isEmpty() ? null : Arguments.uscc(uscc);
        String region = Arguments.optionalRegion(decidingRegion);
        CreditRepair.Status s = status == null || status.isEmpty() ? null
                : Arguments.oneOf(CreditRepair.Status.class, "status", status);
        return Json.write(new CaseLedger(new Ledger(ctx)).repairs(code).stream()
                .filter(r -> region == null || r.decidingRegion().equals(region))
                .filter(r -> s == null || r.status() == s).toList());
    }

    private static ObjectionEvents.RepairChanged changed(CreditRepair r) {
        return new ObjectionEvents.RepairChanged(r.id(), r.listingId(), r.uscc(), r.applyingRegion(),
                r.decidingRegion(), r.status());
    }
}
