package cn.cdcq.registry.chaincode.credit;

import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.format.ResidentIdNumber;
import cn.cdcq.registry.common.settings.SettingProposal;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static cn.cdcq.registry.chaincode.credit.CreditFixture.CQ_FIRM;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 10 item 7: free text that reaches world state refuses resident ID and mobile numbers. */
class PersonalDataInFreeTextTest {

    private final CreditFixture f = new CreditFixture(Instant.parse("2026-11-20T02:00:00Z"));
    private static final String ID = "11010519900307123" + ResidentIdNumber.checkCharacter("11010519900307123");

    @Test
    void anEnterpriseNameHoldingAMobileNumberIsRefused() {
        f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.registerEnterprise(f.cqBureau,
                CreditFixture.uscc("91500000MA5U00009"), "Zhang's workshop 13800138000"));
        f.registerEnterprise(f.cqBureau, CreditFixture.uscc("91500000MA5U00009"), "Chongqing Jiangbei Workshop No. 3");
    }

    @Test
    void aRatingOverrideReasonHoldingAResidentIdNumberIsRefused() {
        f.penalized(f.cdInspector, CQ_FIRM, "CHILD_LABOR", "2026-05-05");
        assertThatThrownBy(() -> f.rate(f.cdBureau, f.cdAttestation, CQ_FIRM, 2026, "B", "owner " + ID + " appealed"))
                .hasMessageContaining("reason holds a resident ID number");
        f.rate(f.cdBureau, f.cdAttestation, CQ_FIRM, 2026, "B", "the child labor decision was annulled on appeal");
    }

    @Test
    void aDeclineReasonOfASharedSettingHoldingAMobileNumberIsRefused() {
        SettingProposal p = CreditFixture.read(f.network.<String>invoke(f.cdBureau, ctx -> f.settings.proposeCaseSettings(ctx,
                "{\"acceptanceWorkingDays\":4,\"assistWorkingDays\":9}")), SettingProposal.class);
        f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.network.invoke(f.cqBureau,
                ctx -> f.settings.declineProposal(ctx, p.id(), "ask Li on +86 139-1234-5678")));
        f.network.<String>invoke(f.cqBureau, ctx -> f.settings.declineProposal(ctx, p.id(), "too short for transfers"));
    }
}
