package cn.cdcq.registry.chaincode.cases;

import cn.cdcq.registry.chaincode.credit.CreditLedger;
import cn.cdcq.registry.chaincode.support.Arguments;
import cn.cdcq.registry.chaincode.support.Caller;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryContract;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.cases.Objection;
import cn.cdcq.registry.common.cases.ObjectionEvents;
import cn.cdcq.registry.common.cases.ObjectionTransactions;
import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.CreditRating;
import cn.cdcq.registry.common.credit.Enterprise;
import cn.cdcq.registry.common.credit.RatingRules;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.credit.ViolationStatus;
import cn.cdcq.registry.common.credit.ViolationType;
import cn.cdcq.registry.common.credit.WageArrearsListing;
import cn.cdcq.registry.common.json.Json;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Objections to credit records (docs/objections.md): the bureau of the region where the
 * enterprise is registered objects to a violation, a rating or a wage-arrears listing, with a
 * reason code, a short reason and evidence hashes; the region that made the record decides within
 * the working days of the ledger's case settings, counted on the shared calendar, and may reject,
 * correct or annul. A correction or annulment changes what the credit computation reads (ratings'
 * levels in force, joint restrictions) for both regions, since both read this one ledger.
 */
@Contract(name = ObjectionTransactions.CONTRACT, info = @Info(title = "Objections to credit records",
        description = "Objections to violations, ratings and listings, decided by the region that made the record",
        version = "1", contact = @Contact(name = "Chengdu-Chongqing labor registry")))
public final class ObjectionContract implements RegistryContract {

    /** The record an objection is about, as it stands now. */
    private record Target(Objection.Target kind, String id, String uscc, String makingRegion, Integer revision,
                          Violation violation, CreditRating rating, WageArrearsListing listing, String closedBecause) {
    }

    /** Files an objection ({@link Objection.Input} JSON); only the bureau of the enterprise's region. */
    @Transaction(name = ObjectionTransactions.FILE, intent = Transaction.TYPE.SUBMIT)
    public String file(Context ctx, String objectionJson) {
        Caller caller = Caller.of(ctx);
        Ledger ledger = new Ledger(ctx);
        CreditLedger credit = new CreditLedger(ledger);
        CaseLedger cases = new CaseLedger(ledger);
        String region = credit.regions().bureauRegion(caller);
        Objection.Input in = Arguments.json(objectionJson, Objection.Input.class);
        Target t = target(credit, in.target(), in.recordId());
        Enterprise enterprise = credit.requireEnterprise(t.uscc());
        if (!enterprise.regionCode().equals(region)) {
            throw RegistryException.forbidden("enterprise " + t.uscc() + " is registered in region "
                    + enterprise.regionCode() + "; only that region's bureau files its objections, not " + region);
        }
        if (t.closedBecause() != null) {
            throw RegistryException.conflict(in.target() + " " + t.id() + " is closed (" + t.closedBecause()
                    + "); an objection is only to a record in force");
        }
        for (Objection o : cases.objections(t.uscc())) {
            if (o.target() == t.kind() && o.recordId().equals(t.id()) && Objects.equals(o.recordRevision(), t.revision())) {
                if (o.status() == Objection.Status.PENDING) {
                    throw RegistryException.exists("objection " + o.id() + " to " + t.kind() + " " + t.id()
                            + " is pending (due " + o.dueOn() + "); one objection at a time");
                }
                throw RegistryException.conflict("objection " + o.id() + " to " + t.kind() + " " + t.id() + " was "
                        + "decided " + o.status() + " on " + o.decision().decidedOn() + "; a record is objected to "
                        + "once, what follows is administrative reconsideration or litigation");
            }
        }
        LocalDate today = ledger.today();
        LocalDate due = cases.addWorkingDays(today, cases.settings().objectionDays());
        Objection o = new Objection(ledger.txId(), t.kind(), t.id(), t.revision(), t.uscc(), region, t.makingRegion(),
                in.reasonCode(), in.reason(), in.evidenceHashes(), today.toString(), ledger.nowIso(), caller.id(),
                caller.role(), due.toString(), Objection.Status.PENDING, null);
        cases.putObjection(o);
        ledger.emit(ObjectionEvents.OBJECTION_FILED, changed(o, null));
        return Json.write(o);
    }

    /**
     * Decides an objection ({@link Objection.DecisionInput} JSON); only the bureau of the region
     * that made the record. A decision after the deadline is recorded, marked late.
     */
    @Transaction(name = ObjectionTransactions.DECIDE, intent = Transaction.TYPE.SUBMIT)
    public String decide(Context ctx, String objectionId, String decisionJson) {
        Caller caller = Caller.of(ctx);
        Ledger ledger = new Ledger(ctx);
        CreditLedger credit = new CreditLedger(ledger);
        CaseLedger cases = new CaseLedger(ledger);
        String region = credit.regions().bureauRegion(caller);
        Objection o = cases.objection(objectionId).orElseThrow(() -> RegistryException.notFound("no objection "
                + objectionId));
        if (!o.decidingRegion().equals(region)) {
            throw RegistryException.forbidden("objection " + o.id() + " is to a record region " + o.decidingRegion()
                    + " made; only that region decides it, not " + region);
        }
        if (o.status() != Objection.Status.PENDING) {
            throw RegistryException.conflict("objection " + o.id() + " was already decided " + o.status() + " on "
                    + o.decision().decidedOn());
        }
        Objection.DecisionInput in = Arguments.json(decisionJson, Objection.DecisionInput.class);
        Target t = target(credit, o.target(), o.recordId());
        if (t.closedBecause() != null) {
            throw RegistryException.conflict(o.target() + " " + t.id() + " was closed since the objection was filed ("
                    + t.closedBecause() + "); decide REJECTED is not needed and nothing else applies");
        }
        if (!Objects.equals(t.revision(), o.recordRevision())) {
            throw RegistryException.conflict("rating " + t.id() + " was re-rated since the objection (revision "
                    + o.recordRevision() + ", now " + t.revision() + "); object to the new rating instead");
        }
        String now = ledger.nowIso();
        List<String> ratingsAdjusted = new ArrayList<>();
        List<String> listingsAnnulled = new ArrayList<>();
        Objection.Correction correction = in.correction();
        if (in.outcome() != Objection.Status.REJECTED) {
            switch (o.target()) {
                case VIOLATION -> {
                    Violation v = t.violation();
                    Violation changed;
                    if (in.outcome() == Objection.Status.ANNULLED) {
                        changed = v.withStatus(ViolationStatus.ANNULLED, now);
                    } else {
                        if (correction.level() != null) {
                            throw RegistryException.invalid("correction.level is for a rating; a violation is "
                                    + "corrected in its type, major or massIncident");
                        }
                        ViolationType type = correction.type() == null ? v.type() : correction.type();
                        boolean major = correction.major() == null ? v.major() : correction.major();
                        boolean mass = correction.massIncident() == null ? v.massIncident() : correction.massIncident();
                        if (type == v.type() && major == v.major() && mass == v.massIncident()) {
                            throw RegistryException.invalid("the correction changes nothing: violation " + v.id()
                                    + " is already " + type + ", major=" + major + ", massIncident=" + mass);
                        }
                        changed = v.corrected(type, major, mass, now);
                        correction = new Objection.Correction(type, major, mass, null);
                    }
                    credit.putViolation(changed);
                    for (WageArrearsListing l : credit.listings(v.uscc())) {
                        if (l.violationId().equals(v.id()) && l.activeOn(ledger.today())
                                && (changed.status() == ViolationStatus.ANNULLED
                                || changed.type() != ViolationType.WAGE_ARREARS)) {
                            credit.putListing(l.annulled());
                            listingsAnnulled.add(l.id());
                        }
                    }
                    ratingsAdjusted.addAll(readjustRatings(credit, changed, o.id(), now));
                }
                case RATING -> {
                    CreditRating r = t.rating();
                    CreditLevel level = null;
                    if (in.outcome() == Objection.Status.CORRECTED) {
                        if (correction.type() != null || correction.major() != null || correction.massIncident() != null
                                || correction.level() == null) {
                            throw RegistryException.invalid("a rating is corrected in its level only "
                                    + "(correction.level A, B or C)");
                        }
                        level = correction.level();
                        if (level == r.levelInForce()) {
                            throw RegistryException.invalid("the correction changes nothing: rating " + t.id()
                                    + " already counts as " + level);
                        }
                        correction = new Objection.Correction(null, null, null, level);
                    }
                    credit.putRating(r.withObjection(new CreditRating.ObjectionOutcome(o.id(), in.outcome().name(),
                            level, now)));
                    ratingsAdjusted.add(ratingId(r));
                }
                case LISTING -> {
                    if (in.outcome() == Objection.Status.CORRECTED) {
                        throw RegistryException.invalid("a listing is kept (REJECTED) or annulled (ANNULLED); "
                                + "there is nothing in it to correct");
                    }
                    credit.putListing(t.listing().annulled());
                    listingsAnnulled.add(t.listing().id());
                }
                default -> throw new IllegalStateException("unknown target " + o.target());
            }
        }
        LocalDate today = ledger.today();
        Objection decided = o.decided(new Objection.Decision(in.outcome(), in.reason(),
                in.outcome() == Objection.Status.CORRECTED ? correction : null, today.toString(), now, caller.id(),
                caller.role(), today.isAfter(LocalDate.parse(o.dueOn())), List.copyOf(ratingsAdjusted),
                List.copyOf(listingsAnnulled)));
        cases.putObjection(decided);
        ledger.emit(ObjectionEvents.OBJECTION_DECIDED, changed(decided, decided.decision().late()));
        return Json.write(decided);
    }

    @Transaction(name = ObjectionTransactions.GET, intent = Transaction.TYPE.EVALUATE)
    public String get(Context ctx, String objectionId) {
        return Json.write(new CaseLedger(new Ledger(ctx)).objection(objectionId).orElseThrow(() ->
                RegistryException.notFound("no objection " + objectionId)));
    }

    /**
     * Objections, oldest first: of {@code uscc} ("" for every enterprise), to be decided by
     * {@code decidingRegion} ("" for either), with {@code status} ("" for any).
     */
    @Transaction(name = ObjectionTransactions.LIST, intent = Transaction.TYPE.EVALUATE)
    public String list(Context ctx, String uscc, String decidingRegion, String status) {
        String code = uscc == null || uscc.isEmpty() ? null : Arguments.uscc(uscc);
        String region = Arguments.optionalRegion(decidingRegion);
        Objection.Status s = status == null || status.isEmpty() ? null
                : Arguments.oneOf(Objection.Status.class, "status", status);
        return Json.write(new CaseLedger(new Ledger(ctx)).objections(code).stream()
                .filter(o -> region == null || o.decidingRegion().equals(region))
                .filter(o -> s == null || o.status() == s).toList());
    }

    // ------------------------------------------------------------------ rules

    private static Target target(CreditLedger credit, Objection.Target kind, String id) {
        LocalDate today = credit.ledger().today();
        return switch (kind) {
            case VIOLATION -> {
                Violation v = credit.requireViolation(id);
                yield new Target(kind, v.id(), v.uscc(), v.recordingRegion(), null, v, null, null,
                        v.status() == ViolationStatus.ANNULLED ? "annulled" : null);
            }
            case RATING -> {
                String[] parts = id.split("/", -1);
                if (parts.length != 3) {
                    throw RegistryException.invalid("recordId '" + id + "' of a rating is USCC/REGION/YEAR, "
                            + "e.g. 91510100MA6100001X/CD/2026");
                }
                String uscc = Arguments.uscc(parts[0]);
                String region = Arguments.region(parts[1]);
                int year = Arguments.wholeNumber("year", parts[2]);
                CreditRating r = credit.rating(uscc, region, year).orElseThrow(() -> RegistryException.notFound(
                        "region " + region + " has not rated " + uscc + " for " + year));
                yield new Target(kind, uscc + "/" + region + "/" + year, uscc, region, r.revision(), null, r, null,
                        r.inForce() ? null : "annulled on objection " + r.objection().objectionId());
            }
            case LISTING -> {
                WageArrearsListing l = credit.listing(id).orElseThrow(() -> RegistryException.notFound(
                        "no blacklist listing " + id));
                String closed = l.status() == WageArrearsListing.Status.LISTED && !l.activeOn(today)
                        ? "its term ended on " + l.expiresOn()
                        : l.status() == WageArrearsListing.Status.LISTED ? null : l.status().name().toLowerCase();
                yield new Target(kind, l.id(), l.uscc(), l.listingRegion(), null, null, null, l, closed);
            }
        };
    }

    /**
     * After a violation changed, the rules' level of each rating of its region that counted it,
     * for the year the rating is of; a rating that followed the rules counts with the new level
     * from now on (a bureau's written override stays the bureau's: it re-rates if it wants).
     */
    private static List<String> readjustRatings(CreditLedger credit, Violation changed, String objectionId, String now) {
        List<Violation> violations = new ArrayList<>(credit.violations(changed.uscc()).stream()
                .filter(v -> !v.id().equals(changed.id())).toList());
        violations.add(changed);
        List<String> out = new ArrayList<>();
        for (CreditRating r : credit.ratings(changed.uscc())) {
            if (!r.statement().regionCode().equals(changed.recordingRegion()) || !r.inForce()
                    || !r.statement().countedViolationIds().contains(changed.id())
                    || r.statement().overrideReason() != null) {
                continue;
            }
            CreditLevel level = RatingRules.evaluate(changed.uscc(), changed.recordingRegion(), r.statement().year(),
                    violations).level();
            if (level != r.levelInForce()) {
                credit.putRating(r.withObjection(new CreditRating.ObjectionOutcome(objectionId,
                        Objection.Status.CORRECTED.name(), level, now)));
                out.add(ratingId(r));
            }
        }
        return out;
    }

    private static String ratingId(CreditRating r) {
        return r.statement().uscc() + "/" + r.statement().regionCode() + "/" + r.statement().year() + "/r" + r.revision();
    }

    private static ObjectionEvents.ObjectionChanged changed(Objection o, Boolean late) {
        return new ObjectionEvents.ObjectionChanged(o.id(), o.target(), o.recordId(), o.uscc(), o.filingRegion(),
                o.decidingRegion(), o.status(), late == null ? o.dueOn() : null, late); // a decided one is due no more
    }
}
