package cn.cdcq.registry.chaincode.settings;

import cn.cdcq.registry.chaincode.credit.CreditFixture;
import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.cases.CaseSettings;
import cn.cdcq.registry.common.cases.WorkingCalendar;
import cn.cdcq.registry.common.settings.ClockWindow;
import cn.cdcq.registry.common.settings.SettingProposal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static cn.cdcq.registry.chaincode.credit.CreditFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

class SettingsContractTest {

    private final CreditFixture f = new CreditFixture(Instant.parse("2026-11-20T02:00:00Z"));

    private static final String CAL_2027 = "{\"year\":2027,\"holidays\":[\"2027-01-01\",\"2027-10-01\"]}";

    private SettingProposal proposeCalendar(String json) {
        return read(f.network.<String>invoke(f.cqBureau, ctx -> f.settings.proposeCalendar(ctx, json)),
                SettingProposal.class);
    }

    private CaseSettings caseSettings() {
        return read(f.network.<String>evaluate(f.cdInspector, ctx -> f.calendar.getCaseSettings(ctx)), CaseSettings.class);
    }

    @Nested
    class SharedSettings {

        @Test
        void aProposedCalendarIsInForceOnlyOnceTheOtherRegionAccepts() {
            f.agreeCalendar(f.cdBureau, f.cqBureau, "{\"year\":2027,\"holidays\":[\"2027-01-01\"]}");
            SettingProposal p = proposeCalendar(CAL_2027);
            assertThat(p.status()).isEqualTo(SettingProposal.PROPOSED);
            WorkingCalendar before = read(f.network.<String>evaluate(f.cdBureau, ctx -> f.calendar.getCalendar(ctx, "2027")),
                    WorkingCalendar.class);
            assertThat(before.holidays()).as("the old calendar stays in force").containsExactly("2027-01-01");
            SettingProposal accepted = read(f.network.<String>invoke(f.cdBureau,
                    ctx -> f.settings.acceptProposal(ctx, p.id())), SettingProposal.class);
            assertThat(accepted.status()).isEqualTo(SettingProposal.ACCEPTED);
            assertThat(accepted.decidingRegion()).isEqualTo("CD");
            WorkingCalendar after = read(f.network.<String>evaluate(f.cdBureau, ctx -> f.calendar.getCalendar(ctx, "2027")),
                    WorkingCalendar.class);
            assertThat(after.holidays()).containsExactly("2027-01-01", "2027-10-01");
        }

        @Test
        void theProposingRegionCannotAcceptItsOwnProposalNorCanAnInspector() {
            SettingProposal p = proposeCalendar(CAL_2027);
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.settings.acceptProposal(ctx, p.id())));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cdInspector,
                    ctx -> f.settings.acceptProposal(ctx, p.id())));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cqInspector,
                    ctx -> f.settings.proposeCaseSettings(ctx, "{\"acceptanceWorkingDays\":1,\"assistWorkingDays\":1}")));
            f.assertRefused(ErrorCode.NOT_FOUND, () -> f.network.evaluate(f.cdBureau, ctx -> f.calendar.getCalendar(ctx, "2027")));
        }

        @Test
        void caseDeadlinesKeepTheirOldValuesUntilAcceptedAndADeclineKeepsThem() {
            assertThat(caseSettings().acceptanceWorkingDays()).isEqualTo(5);
            SettingProposal shorter = read(f.network.<String>invoke(f.cdBureau, ctx -> f.settings.proposeCaseSettings(ctx,
                    "{\"acceptanceWorkingDays\":2,\"assistWorkingDays\":3}")), SettingProposal.class);
            assertThat(caseSettings().acceptanceWorkingDays()).as("until accepted").isEqualTo(5);
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.settings.declineProposal(ctx, shorter.id(), " ")));
            SettingProposal declined = read(f.network.<String>invoke(f.cqBureau, ctx -> f.settings.declineProposal(ctx,
                    shorter.id(), "2 working days is too short for transfers")), SettingProposal.class);
            assertThat(declined.status()).isEqualTo(SettingProposal.DECLINED);
            assertThat(caseSettings().acceptanceWorkingDays()).isEqualTo(5);
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cqBureau,
                    ctx -> f.settings.acceptProposal(ctx, shorter.id())));

            SettingProposal agreed = read(f.network.<String>invoke(f.cqBureau, ctx -> f.settings.proposeCaseSettings(ctx,
                    "{\"acceptanceWorkingDays\":7,\"assistWorkingDays\":10}")), SettingProposal.class);
            f.network.<String>invoke(f.cdBureau, ctx -> f.settings.acceptProposal(ctx, agreed.id()));
            CaseSettings now = caseSettings();
            assertThat(now.acceptanceWorkingDays()).isEqualTo(7);
            assertThat(now.setBy()).isEqualTo(CreditFixture.CD_MSP + "/cd-bureau");
        }

        @Test
        void oneOpenProposalPerSettingAndOnlyTheProposerWithdraws() {
            SettingProposal p = proposeCalendar(CAL_2027);
            f.assertRefused(ErrorCode.CONFLICT, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.settings.proposeCalendar(ctx, "{\"year\":2027}")));
            f.assertRefused(ErrorCode.FORBIDDEN, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.settings.withdrawProposal(ctx, p.id(), "not ours")));
            SettingProposal withdrawn = read(f.network.<String>invoke(f.cqBureau,
                    ctx -> f.settings.withdrawProposal(ctx, p.id(), "typo in the holidays")), SettingProposal.class);
            assertThat(withdrawn.status()).isEqualTo(SettingProposal.WITHDRAWN);
            assertThat(proposeCalendar("{\"year\":2027}").status()).isEqualTo(SettingProposal.PROPOSED);
        }

        @Test
        void theTransactionTimeWindowIsSharedToo() {
            ClockWindow initial = read(f.network.<String>evaluate(f.cdBureau, ctx -> f.settings.getClockWindow(ctx)),
                    ClockWindow.class);
            assertThat(initial).isEqualTo(ClockWindow.DEFAULT);
            f.assertRefused(ErrorCode.INVALID_INPUT, () -> f.network.invoke(f.cdBureau,
                    ctx -> f.settings.proposeClockWindow(ctx, "86400")));
            SettingProposal p = read(f.network.<String>invoke(f.cdBureau, ctx -> f.settings.proposeClockWindow(ctx, "120")),
                    SettingProposal.class);
            assertThat(read(f.network.<String>evaluate(f.cdBureau, ctx -> f.settings.getClockWindow(ctx)),
                    ClockWindow.class).seconds()).isEqualTo(300);
            f.network.<String>invoke(f.cqBureau, ctx -> f.settings.acceptProposal(ctx, p.id()));
            assertThat(read(f.network.<String>evaluate(f.cdBureau, ctx -> f.settings.getClockWindow(ctx)),
                    ClockWindow.class).seconds()).isEqualTo(120);
        }
    }
}
