package cn.cdcq.registry.chaincode.credit;

import cn.cdcq.registry.chaincode.support.Arguments;
import cn.cdcq.registry.chaincode.support.Caller;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.credit.BlacklistTransactions;
import cn.cdcq.registry.common.credit.CreditEvents;
import cn.cdcq.registry.common.credit.EarlyRemovalInput;
import cn.cdcq.registry.common.credit.ListingInput;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.credit.ViolationType;
import cn.cdcq.registry.common.credit.WageArrearsListing;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.settings.WageArrearsThreshold;
import org.hyperledger.fabric.contract.Context;
import cn.cdcq.registry.chaincode.support.RegistryContract;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wage-arrears blacklist (MOHRSS Order 45). The region that enforced lists: only when the
 * order to pay was ignored and the amount reached that region's threshold on the ledger or a mass
 * incident happened. A listing runs 3 years; early removal needs the wages paid, 6 months since
 * rectification and a pledge on file. One list for both regions.
 */
@Contract(name = BlacklistTransactions.CONTRACT, info = @Info(title = "Wage-arrears blacklist",
        description = "Enterprises listed for serious wage arrears, restricted in both regions", version = "1",
        contact = @Contact(name = "Chengdu-Chongqing labor registry")))
public final class BlacklistContract implements RegistryContract {

    /** Lists an enterprise ({@link ListingInput} JSON) for a wage-arrears violation the caller's region recorded. */
    @Transaction(name = BlacklistTransactions.LIST, intent = Transaction.TYPE.SUBMIT)
    public String list(Context ctx, String listingJson) {
        Caller caller = Caller.of(ctx);
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        String region = credit.regions().bureauRegion(caller);
        ListingInput in = Arguments.json(listingJson, ListingInput.class);
        Violation v = credit.requireViolation(in.violationId());
        if (!v.recordingRegion().equals(region)) {
            throw RegistryException.forbidden("violation " + v.id() + " was enforced by region " + v.recordingRegion()
                    + "; only that region may list for it, not " + region);
        }
        if (v.type() != ViolationType.WAGE_ARREARS) {
            throw RegistryException.conflict("violation " + v.id() + " is " + v.type()
                    + "; the blacklist is for wage arrears only");
        }
        // The threshold is the listing region's own standard on the ledger, never the caller's number.
        WageArrearsThreshold threshold = credit.threshold(region).orElseThrow(() ->
                RegistryException.conflict("region " + region + " has not set its Order 45 wage-arrears threshold; "
                        + "its bureau sets it with settings:setWageArrearsThreshold before listing"));
        if (!WageArrearsListing.conditionsMet(in.orderIgnored(), v.amountFen(), threshold.amountFen(), v.massIncident())) {
            throw RegistryException.conflict("the listing conditions are not met: listing needs an ignored order to pay "
                    + "(orderIgnored=" + in.orderIgnored() + ") and either the amount owed reaching region " + region
                    + "'s threshold (" + v.amountFen() + " fen against " + threshold.amountFen() + " fen, revision "
                    + threshold.revision() + ") or a mass incident (massIncident=" + v.massIncident() + " on the violation)");
        }
        LocalDate today = credit.ledger().today();
        for (WageArrearsListing l : credit.listings(v.uscc())) {
            if (l.violationId().equals(v.id()) && l.status() == WageArrearsListing.Status.LISTED) {
                throw RegistryException.exists("violation " + v.id() + " already has listing " + l.id());
            }
        }
        Ledger ledger = credit.ledger();
        WageArrearsListing listing = new WageArrearsListing(ledger.txId(), v.uscc(), region, v.id(), true, v.amountFen(),
                threshold.amountFen(), v.massIncident(), in.responsiblePersonPseudonyms(), today.toString(),
                today.plusYears(WageArrearsListing.TERM_YEARS).toString(), WageArrearsListing.Status.LISTED, caller.id(), null);
        credit.putListing(listing);
        ledger.emit(CreditEvents.ENTERPRISE_BLACKLISTED, new CreditEvents.EnterpriseBlacklisted(listing.id(),
                listing.uscc(), region, listing.listedOn(), listing.expiresOn()));
        return Json.write(listing);
    }

    /** Removes a listing before its term ends ({@link EarlyRemovalInput} JSON); only the listing region. */
    @Transaction(name = BlacklistTransactions.REMOVE_EARLY, intent = Transaction.TYPE.SUBMIT)
    public String removeEarly(Context ctx, String removalJson) {
        Caller caller = Caller.of(ctx);
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        String region = credit.regions().bureauRegion(caller);
        EarlyRemovalInput in = Arguments.json(removalJson, EarlyRemovalInput.class);
        WageArrearsListing listing = credit.listing(in.listingId()).orElseThrow(() ->
                RegistryException.notFound("no blacklist listing " + in.listingId()));
        if (!listing.listingRegion().equals(region)) {
            throw RegistryException.forbidden("listing " + listing.id() + " was made by region " + listing.listingRegion()
                    + "; only that region may remove it");
        }
        LocalDate today = credit.ledger().today();
        if (!listing.activeOn(today)) {
            throw RegistryException.conflict("listing " + listing.id() + " is not in force (" + listing.status()
                    + ", term to " + listing.expiresOn() + ")");
        }
        if (!in.wagesPaid()) {
            throw RegistryException.conflict("early removal needs the wages paid in full (wagesPaid=false)");
        }
        if (in.pledgeDocumentHash() == null) {
            throw RegistryException.conflict("early removal needs the enterprise's credit-repair pledge on file "
                    + "(pledgeDocumentHash)");
        }
        LocalDate rectified = LocalDate.parse(in.rectificationDate());
        if (rectified.isAfter(today)) {
            throw RegistryException.invalid("rectificationDate " + rectified + " is after today (" + today + ")");
        }
        LocalDate earliest = WageArrearsListing.earliestRemoval(rectified);
        if (today.isBefore(earliest)) {
            throw RegistryException.conflict("too soon: early removal is possible " + WageArrearsListing.MONTHS_AFTER_RECTIFICATION
                    + " months after rectification (" + rectified + "), that is from " + earliest + "; today is " + today);
        }
        WageArrearsListing removed = listing.removedEarly(new WageArrearsListing.Removal(true, rectified.toString(),
                in.pledgeDocumentHash(), today.toString(), caller.id()));
        credit.putListing(removed);
        credit.ledger().emit(CreditEvents.BLACKLIST_REMOVED_EARLY, new CreditEvents.BlacklistRemovedEarly(listing.id(),
                listing.uscc(), region, today.toString()));
        return Json.write(removed);
    }

    @Transaction(name = BlacklistTransactions.GET_LISTING, intent = Transaction.TYPE.EVALUATE)
    public String getListing(Context ctx, String listingId) {
        return Json.write(new CreditLedger(new Ledger(ctx)).listing(listingId).orElseThrow(() ->
                RegistryException.notFound("no blacklist listing " + listingId)));
    }

    /** Whether the enterprise is listed today by any region, with every listing (in force or not). */
    @Transaction(name = BlacklistTransactions.GET_STATUS, intent = Transaction.TYPE.EVALUATE)
    public String getStatus(Context ctx, String uscc) {
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        String code = Arguments.uscc(uscc);
        credit.requireEnterprise(code);
        LocalDate today = credit.ledger().today();
        List<WageArrearsListing> listings = credit.listings(code);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uscc", code);
        out.put("asOf", today.toString());
        out.put("listed", listings.stream().anyMatch(l -> l.activeOn(today)));
        out.put("listingRegions", listings.stream().filter(l -> l.activeOn(today))
                .map(WageArrearsListing::listingRegion).distinct().sorted().toList());
        out.put("listings", listings);
        return Json.write(out);
    }
}
