package cn.cdcq.registry.chaincode.credit;

import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.CreditRating;
import cn.cdcq.registry.common.credit.JointRestriction;
import cn.cdcq.registry.common.credit.WageArrearsListing;
import cn.cdcq.registry.common.format.IsoDate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * "Violate in one place, restricted in both" (docs/joint-measures.md): the records of either
 * region that bar an enterprise, by USCC, from accreditation as a training center and from
 * receiving a training subsidy while they last. The certificate contracts ask here, so the rule
 * is one piece of code for every contract and both peers.
 */
public final class JointMeasures {

    private final CreditLedger credit;

    public JointMeasures(CreditLedger credit) {
        this.credit = credit;
    }

    /**
     * The records restricting {@code uscc} on {@code date}: every wage-arrears listing in force
     * (either region), and each region's latest rating when it is C. Listings first, then ratings,
     * by region.
     */
    public List<JointRestriction> inForce(String uscc, LocalDate date) {
        List<JointRestriction> out = new ArrayList<>();
        for (WageArrearsListing l : credit.listings(uscc)) {
            if (l.activeOn(date)) {
                out.add(new JointRestriction(JointRestriction.Cause.WAGE_ARREARS_LISTING, l.id(), l.listingRegion(),
                        l.listedOn(), l.expiresOn()));
            }
        }
        // The level in force: a rating annulled on an objection counts no more, a corrected one as corrected.
        for (CreditRating r : CreditLedger.latestInForce(credit.ratings(uscc)).values()) {
            if (r.levelInForce() == CreditLevel.C) {
                out.add(new JointRestriction(JointRestriction.Cause.C_RATING, JointRestriction.ratingId(r),
                        r.statement().regionCode(),
                        IsoDate.dateOf(java.time.Instant.parse(r.ratedAt())).toString(), null));
            }
        }
        return out;
    }

    /**
     * Refuses with {@link ErrorCode#JOINTLY_RESTRICTED}, naming every record in force, when
     * {@code uscc} is restricted today.
     *
     * @param what the refused act, e.g. "center X cannot be accredited as a training center"
     */
    public void requireUnrestricted(String uscc, String what) {
        List<JointRestriction> in = inForce(uscc, credit.ledger().today());
        if (!in.isEmpty()) {
            throw new RegistryException(ErrorCode.JOINTLY_RESTRICTED, what + " while it is "
                    + String.join("; and ", in.stream().map(JointRestriction::describe).toList())
                    + ". A listing or C rating of either region restricts in both (docs/joint-measures.md); "
                    + "it ends when the listing's term ends or it is removed early, or when that region rates the "
                    + "enterprise again above C");
        }
    }
}
