package cn.cdcq.registry.chaincode.certificate;

import cn.cdcq.registry.chaincode.credit.CreditLedger;
import cn.cdcq.registry.chaincode.credit.JointMeasures;
import cn.cdcq.registry.chaincode.region.Regions;
import cn.cdcq.registry.chaincode.support.Arguments;
import cn.cdcq.registry.chaincode.support.Caller;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.certificate.CertificateClaims;
import cn.cdcq.registry.common.certificate.CertificateEvents;
import cn.cdcq.registry.common.certificate.CertificateStatus;
import cn.cdcq.registry.common.certificate.SkillCertificate;
import cn.cdcq.registry.common.certificate.SubsidyClaim;
import cn.cdcq.registry.common.certificate.SubsidyClaimOutcome;
import cn.cdcq.registry.common.certificate.SubsidyClaimOutcome.Refusal;
import cn.cdcq.registry.common.certificate.SubsidyClaimRequest;
import cn.cdcq.registry.common.certificate.SubsidyTransactions;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.region.Region;
import org.hyperledger.fabric.contract.Context;
import cn.cdcq.registry.chaincode.support.RegistryContract;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

import java.util.Optional;

/**
 * Training subsidy claims: one subsidy per holder, occupation and level across both regions.
 *
 * <p>A bureau records a subsidy it paid for a certificate; the holder pseudonym, occupation and
 * level come from the certificate, and that triple is the claim's key, shared by both regions. A
 * second claim for the same triple, in either region, is refused: the refusal is recorded (both
 * regions see the attempt) and names the earlier claim by id, region and date only.
 */
@Contract(name = SubsidyTransactions.CONTRACT, info = @Info(title = "Training subsidy claims",
        description = "One training subsidy per holder, occupation and level across both regions",
        version = "1", contact = @Contact(name = "Chengdu-Chongqing labor registry")))
public final class SubsidyContract implements RegistryContract {

    static final String CLAIM = "subsidyClaim";
    static final String REFUSAL = "subsidyRefusal";

    /**
     * Records a subsidy paid for a certificate, or the refusal of a second one;
     * {@code requestJson} is a {@link SubsidyClaimRequest}. Returns a {@link SubsidyClaimOutcome}.
     */
    @Transaction(name = SubsidyTransactions.CLAIM, intent = Transaction.TYPE.SUBMIT)
    public String claim(Context ctx, String requestJson) {
        Caller caller = Caller.of(ctx);
        caller.requireRole(Caller.BUREAU);
        Ledger ledger = new Ledger(ctx);
        Region region = new Regions(ledger).regionOf(caller);
        SubsidyClaimRequest request = Arguments.valid(() -> Arguments.json(requestJson, SubsidyClaimRequest.class).validate());
        SkillCertificate certificate = new Certificates(ledger).require(request.certificateNumber());
        // 就业补助资金管理办法 (财社〔2017〕164号) art. 6 pays the vocational training subsidy for a
        // 职业资格证书, 职业技能等级证书, 专项职业能力证书 or 培训合格证书; a professional title is
        // awarded by review, not trained for, and is not among them.
        if (!certificate.claims().kind().subsidized()) {
            throw RegistryException.invalid("certificate " + certificate.number() + " is a "
                    + certificate.claims().kind().englishName() + " (" + certificate.claims().kind().chineseName()
                    + "); the vocational training subsidy is paid only for skill level and special vocational "
                    + "ability certificates");
        }
        CertificateStatus status = CertificateVerifier.effectiveStatus(certificate, ledger.today());
        if (status != CertificateStatus.VALID) {
            throw RegistryException.conflict("certificate " + certificate.number() + " is " + status
                    + "; a subsidy is paid only for a valid certificate");
        }
        // The training subsidy goes to the center that trained and evaluated the holder: no
        // subsidy for its certificates while it is listed or rated C in either region.
        String centerId = certificate.claims().centerId();
        new JointMeasures(new CreditLedger(ledger)).requireUnrestricted(centerId, "center " + centerId
                + " cannot receive a training subsidy (for certificate " + certificate.number() + ")");
        String key = claimKey(ledger, certificate);
        Optional<SubsidyClaim> earlier = ledger.get(key, SubsidyClaim.class);
        String now = ledger.nowIso();
        if (earlier.isPresent()) {
            SubsidyClaim first = earlier.get();
            Refusal refusal = new Refusal(ledger.txId(), certificate.number(), region.code(), now, caller.id(),
                    first.claimId(), first.region(), first.paidDate());
            ledger.put(ledger.key(REFUSAL, refusal.refusalId()), refusal);
            ledger.emit(CertificateEvents.SUBSIDY_CLAIM_REFUSED, new CertificateEvents.SubsidyClaimRefused(
                    refusal.refusalId(), refusal.region(), first.claimId(), first.region()));
            return Json.write(new SubsidyClaimOutcome(SubsidyClaimOutcome.Outcome.REFUSED, null, refusal));
        }
        CertificateClaims claims = certificate.claims();
        SubsidyClaim claim = new SubsidyClaim(ledger.txId(), certificate.number(), claims.holderPseudonym(),
                claims.occupation(), claims.level(), region.code(), request.amountFen(), request.paidDate(), request.reference(), now, caller.id());
        ledger.put(key, claim);
        ledger.emit(CertificateEvents.SUBSIDY_CLAIMED, new CertificateEvents.SubsidyClaimed(claim.claimId(),
                claim.region(), claim.occupation(), claim.level()));
        return Json.write(new SubsidyClaimOutcome(SubsidyClaimOutcome.Outcome.ACCEPTED, claim, null));
    }

    /** The subsidy claim that covers a certificate's holder, occupation and level, wherever it was paid. */
    @Transaction(name = SubsidyTransactions.GET_CLAIM_FOR_CERTIFICATE, intent = Transaction.TYPE.EVALUATE)
    public String getClaimForCertificate(Context ctx, String certificateNumber) {
        Ledger ledger = new Ledger(ctx);
        SkillCertificate certificate = new Certificates(ledger).require(Arguments.certificateNumber(certificateNumber));
        return Json.write(ledger.get(claimKey(ledger, certificate), SubsidyClaim.class).orElseThrow(() ->
                RegistryException.notFound("no subsidy has been claimed for the holder, occupation and level of "
                        + "certificate " + certificate.number())));
    }

    @Transaction(name = SubsidyTransactions.GET_REFUSAL, intent = Transaction.TYPE.EVALUATE)
    public String getRefusal(Context ctx, String refusalId) {
        Ledger ledger = new Ledger(ctx);
        return Json.write(ledger.get(ledger.key(REFUSAL, refusalId == null ? "" : refusalId.strip()), Refusal.class)
                .orElseThrow(() -> RegistryException.notFound("no subsidy refusal " + refusalId)));
    }

    /**
     * One key space for both regions: holder pseudonym, occupation, level. A special vocational
     * ability's level is 0, which no skill level has, so the two kinds never share a key.
     */
    private static String claimKey(Ledger ledger, SkillCertificate certificate) {
        CertificateClaims claims = certificate.claims();
        return ledger.key(CLAIM, claims.holderPseudonym(), claims.occupation(), String.valueOf(claims.level()));
    }
}
