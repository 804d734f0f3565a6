package cn.cdcq.registry.chaincode.credit;

import cn.cdcq.registry.chaincode.support.Arguments;
import cn.cdcq.registry.chaincode.support.Caller;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.credit.CreditEvents;
import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.CreditRating;
import cn.cdcq.registry.common.credit.CreditRatingStatement;
import cn.cdcq.registry.common.credit.RatingRules;
import cn.cdcq.registry.common.credit.RatingTransactions;
import cn.cdcq.registry.common.crypto.Hashes;
import cn.cdcq.registry.common.crypto.Signatures;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.privacy.FreeText;
import cn.cdcq.registry.common.region.AttestationCertificate;
import org.hyperledger.fabric.contract.Context;
import cn.cdcq.registry.chaincode.support.RegistryContract;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Annual A/B/C integrity ratings, one per (enterprise, region, year), each signed by the rating
 * region's attestation key. The level the rules give is computed here from the violations the
 * region recorded ({@link RatingRules}); a bureau may record another level only with a written
 * reason, and the record keeps both. Either region's ratings are visible to both; the
 * effective level is the worse one.
 *
 * <p>Two steps: {@code previewRating} (evaluate) returns the statement to sign; the client signs
 * it with the region's attestation key and submits {@code recordRating}, which rebuilds the
 * statement from the ledger, requires it to be the one signed, and verifies the signature under
 * the region's current attestation certificate.
 */
@Contract(name = RatingTransactions.CONTRACT, info = @Info(title = "Integrity ratings",
        description = "Signed A/B/C labor-integrity ratings of enterprises per region and year", version = "1",
        contact = @Contact(name = "Chengdu-Chongqing labor registry")))
public final class RatingContract implements RegistryContract {

    /**
     * The statement the caller's region would sign to rate {@code uscc} for {@code year}.
     *
     * @param level          "" to take the level the rules give, or A, B, C
     * @param overrideReason the written reason when {@code level} differs from the rules; else ""
     */
    @Transaction(name = RatingTransactions.PREVIEW_RATING, intent = Transaction.TYPE.EVALUATE)
    public String previewRating(Context ctx, String uscc, String year, String level, String overrideReason) {
        Caller caller = Caller.of(ctx);
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        String region = credit.regions().bureauRegion(caller);
        return Json.write(statement(credit, region, Arguments.uscc(uscc), parseYear(credit, year),
                parseLevel(level), overrideReason));
    }

    /**
     * Records a rating: {@code statementJson} as returned by previewRating, {@code signatureHex}
     * the DER ECDSA signature of its canonical JSON by the region's attestation key.
     */
    @Transaction(name = RatingTransactions.RECORD_RATING, intent = Transaction.TYPE.SUBMIT)
    public String recordRating(Context ctx, String statementJson, String signatureHex) {
        Caller caller = Caller.of(ctx);
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        String region = credit.regions().bureauRegion(caller);
        CreditRatingStatement signed = Arguments.json(statementJson, CreditRatingStatement.class);
        if (!region.equals(signed.regionCode())) {
            throw RegistryException.forbidden("a bureau of region " + region + " cannot record a rating by region "
                    + signed.regionCode());
        }
        String uscc = Arguments.uscc(signed.uscc());
        credit.requireEnterprise(uscc);
        RatingRules.Outcome now = RatingRules.evaluate(uscc, region, checkYear(credit, signed.year()),
                credit.violations(uscc));
        if (now.level() != signed.ruleLevel() || !now.countedViolationIds().equals(signed.countedViolationIds())) {
            throw RegistryException.conflict("the violations changed since the statement was prepared: the rules now "
                    + "give " + now.level() + " from " + now.countedViolationIds() + ", the statement says "
                    + signed.ruleLevel() + " from " + signed.countedViolationIds() + "; ask previewRating again and sign that");
        }
        CreditRatingStatement expected = statement(credit, region, uscc, checkYear(credit, signed.year()),
                signed.level(), signed.overrideReason());
        if (!java.util.Objects.equals(signed.revision(), expected.revision())
                || !java.util.Objects.equals(signed.replacesRatingHash(), expected.replacesRatingHash())) {
            throw RegistryException.conflict("the statement is revision " + signed.revision() + " replacing "
                    + (signed.replacesRatingHash() == null ? "no rating" : "rating " + signed.replacesRatingHash())
                    + ", but the next rating of " + uscc + " by " + region + " for " + signed.year() + " is revision "
                    + expected.revision() + " replacing " + (expected.replacesRatingHash() == null ? "no rating"
                    : "rating " + expected.replacesRatingHash()) + "; a statement signed earlier cannot be replayed: "
                    + "ask previewRating again and sign that");
        }
        if (!expected.equals(signed)) {
            throw RegistryException.conflict("the signed statement does not match what the ledger gives now "
                    + "(violations or the attestation certificate changed, or a field was altered); expected "
                    + Json.write(expected) + "; ask previewRating again and sign that");
        }
        AttestationCertificate cert = credit.regions().currentAttestation(region);
        byte[] signature = Arguments.valid(() -> Hashes.fromHex(signatureHex));
        boolean valid = CreditRatingStatement.verify(signed,
                Signatures.parseCertificate(cert.certificatePem()).getPublicKey(), signature);
        if (!valid) {
            throw RegistryException.badSignature("the rating signature does not verify under region " + region
                    + "'s attestation certificate " + cert.sequence() + " (" + cert.fingerprint()
                    + "); sign the canonical statement with the region's current attestation key");
        }
        CreditRating rating = new CreditRating(expected, Hashes.hex(signature), credit.ledger().nowIso(), caller.id(),
                expected.revision());
        credit.putRating(rating);
        // A transaction does not read its own writes: put the new rating in place of the old one by hand.
        List<CreditRating> all = new java.util.ArrayList<>(credit.ratings(uscc).stream()
                .filter(r -> !(r.statement().regionCode().equals(region) && r.statement().year() == signed.year()))
                .toList());
        all.add(rating);
        credit.ledger().emit(CreditEvents.RATING_RECORDED, new CreditEvents.RatingRecorded(uscc, region, signed.year(),
                expected.level(), expected.ruleLevel(), CreditLedger.effectiveLevel(all)));
        return Json.write(rating);
    }

    @Transaction(name = RatingTransactions.GET_RATING, intent = Transaction.TYPE.EVALUATE)
    public String getRating(Context ctx, String uscc, String regionCode, String year) {
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        int y = parseYear(credit, year);
        String code = Arguments.uscc(uscc);
        return Json.write(credit.rating(code, regionCode, y).orElseThrow(() -> RegistryException.notFound(
                "region " + regionCode + " has not rated " + code + " for " + y)));
    }

    /** Every rating of the enterprise by every region. */
    @Transaction(name = RatingTransactions.LIST_RATINGS, intent = Transaction.TYPE.EVALUATE)
    public String listRatings(Context ctx, String uscc) {
        return Json.write(new CreditLedger(new Ledger(ctx)).ratings(Arguments.uscc(uscc)));
    }

    /** The effective level: the worse of the regions' latest levels, with each region's level. */
    @Transaction(name = RatingTransactions.GET_EFFECTIVE_LEVEL, intent = Transaction.TYPE.EVALUATE)
    public String getEffectiveLevel(Context ctx, String uscc) {
        CreditLedger credit = new CreditLedger(new Ledger(ctx));
        String code = Arguments.uscc(uscc);
        credit.requireEnterprise(code);
        List<CreditRating> ratings = credit.ratings(code);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uscc", code);
        out.put("latestLevels", CreditLedger.latestLevels(ratings));
        CreditLevel effective = CreditLedger.effectiveLevel(ratings);
        if (effective != null) {
            out.put("effectiveLevel", effective.name());
        }
        return Json.write(out);
    }

    // ------------------------------------------------------------------ rules

    private static CreditRatingStatement statement(CreditLedger credit, String region, String uscc, int year,
                                                   CreditLevel requested, String reason) {
        credit.requireEnterprise(uscc);
        RatingRules.Outcome outcome = RatingRules.evaluate(uscc, region, year, credit.violations(uscc));
        CreditLevel level = requested == null ? outcome.level() : requested;
        String why = reason == null || reason.isBlank() ? null
                : Arguments.valid(() -> FreeText.requireNoPersonalData("reason", reason.strip()));
        if (level != outcome.level() && why == null) {
            throw RegistryException.invalid("the rules give " + outcome.level() + " (" + String.join("; ", outcome.reasons())
                    + "); recording " + level + " instead needs a written reason");
        }
        if (level == outcome.level() && why != null) {
            throw RegistryException.invalid("a reason is only recorded when the level differs from the rules' "
                    + outcome.level() + "; leave it empty");
        }
        if (why != null && why.length() > 1000) {
            throw RegistryException.invalid("the override reason is " + why.length() + " characters; at most 1000");
        }
        int sequence = credit.regions().currentAttestation(region).sequence();
        // The revision and the replaced record come from the ledger, so the signature covers them
        // and an old statement (with its old revision) never matches again.
        int revision = credit.rating(uscc, region, year).map(r -> r.revision() + 1).orElse(1);
        String replaces = credit.storedRatingHash(uscc, region, year).orElse(null);
        return new CreditRatingStatement(uscc, region, year, outcome.level(), level, why, outcome.countedViolationIds(),
                outcome.reasons(), sequence, revision, replaces);
    }

    private static int parseYear(CreditLedger credit, String year) {
        return checkYear(credit, Arguments.wholeNumber("year", year));
    }

    private static int checkYear(CreditLedger credit, int y) {
        int now = credit.ledger().today().getYear();
        if (y < 2000 || y > now) {
            throw RegistryException.invalid("rating year " + y + " must be between 2000 and the current year " + now);
        }
        return y;
    }

    private static CreditLevel parseLevel(String level) {
        if (level == null || level.isBlank()) {
            return null;
        }
        try {
            return CreditLevel.valueOf(level.strip());
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalid("level '" + level + "' is not A, B or C (or empty for the rules' level)");
        }
    }
}
