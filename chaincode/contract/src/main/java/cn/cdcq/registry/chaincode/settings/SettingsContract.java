package cn.cdcq.registry.chaincode.settings;

import cn.cdcq.registry.chaincode.cases.CaseLedger;
import cn.cdcq.registry.chaincode.credit.CreditLedger;
import cn.cdcq.registry.chaincode.region.Regions;
import cn.cdcq.registry.chaincode.support.Arguments;
import cn.cdcq.registry.chaincode.support.Caller;
import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryContract;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.chaincode.support.TransactionClock;
import cn.cdcq.registry.common.cases.CaseSettings;
import cn.cdcq.registry.common.cases.WorkingCalendar;
import cn.cdcq.registry.common.credit.CreditInputs;
import cn.cdcq.registry.common.privacy.FreeText;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.settings.ClockWindow;
import cn.cdcq.registry.common.settings.SettingProposal;
import cn.cdcq.registry.common.settings.SettingsEvents;
import cn.cdcq.registry.common.settings.SettingsEvents.SettingChange;
import cn.cdcq.registry.common.settings.SettingsTransactions;
import cn.cdcq.registry.common.settings.WageArrearsThreshold;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contact;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;


/**
 * Settings neither region changes alone. The working-day calendar, the case deadlines and the
 * transaction-time window are shared: one region's bureau proposes, another region's bureau
 * accepts (then the value is in force) or declines; the proposer may withdraw; until accepted the
 * old value stays in force. The Order 45 wage-arrears threshold is each region's own standard:
 * only that region sets it, every revision stays readable, and the blacklist contract reads it.
 */
@Contract(name = SettingsTransactions.CONTRACT, info = @Info(title = "Shared settings",
        description = "Calendar, case deadlines and transaction-time window agreed by both regions; "
                + "each region's wage-arrears threshold", version = "1",
        contact = @Contact(name = "Chengdu-Chongqing labor registry")))
public final class SettingsContract implements RegistryContract {

    /**
     * A setting proposed as JSON: its proposal kind, its type, and the value as proposed (the
     * caller's audit fields dropped; the acceptance sets them).
     */
    private record JsonSetting<T extends Record>(String kind, Class<T> type, UnaryOperator<T> asProposed) {
    }

    private static final JsonSetting<WorkingCalendar> CALENDAR = new JsonSetting<>(SettingProposal.CALENDAR,
            WorkingCalendar.class, c -> new WorkingCalendar(c.year(), c.holidays(), c.adjustedWorkingDays(), null, null));
    private static final JsonSetting<CaseSettings> CASE_SETTINGS = new JsonSetting<>(SettingProposal.CASE_SETTINGS,
            CaseSettings.class, c -> new CaseSettings(c.acceptanceWorkingDays(), c.assistWorkingDays(), null, null,
            c.objectionWorkingDays()));

    /** Proposes one year's calendar ({"year":2026,"holidays":[...],"adjustedWorkingDays":[...]}). */
    @Transaction(name = SettingsTransactions.PROPOSE_CALENDAR, intent = Transaction.TYPE.SUBMIT)
    public String proposeCalendar(Context ctx, String calendarJson) {
        return proposeJson(ctx, CALENDAR, calendarJson);
    }

    /** Proposes the case deadlines ({"acceptanceWorkingDays":5,"assistWorkingDays":10}). */
    @Transaction(name = SettingsTransactions.PROPOSE_CASE_SETTINGS, intent = Transaction.TYPE.SUBMIT)
    public String proposeCaseSettings(Context ctx, String settingsJson) {
        return proposeJson(ctx, CASE_SETTINGS, settingsJson);
    }

    /** Proposes how many seconds a transaction's timestamp may be from an endorsing peer's clock. */
    @Transaction(name = SettingsTransactions.PROPOSE_CLOCK_WINDOW, intent = Transaction.TYPE.SUBMIT)
    public String proposeClockWindow(Context ctx, String seconds) {
        return propose(ctx, SettingProposal.CLOCK_WINDOW, () -> {
            int s = Arguments.wholeNumber("seconds", seconds);
            return Arguments.valid(() -> new ClockWindow(s, null, null));
        });
    }

    /** Another region's bureau accepts the proposal, which puts the value in force. */
    @Transaction(name = SettingsTransactions.ACCEPT_PROPOSAL, intent = Transaction.TYPE.SUBMIT)
    public String acceptProposal(Context ctx, String proposalId) {
        Caller caller = Caller.of(ctx);
        Ledger ledger = new Ledger(ctx);
        String region = new Regions(ledger).bureauRegion(caller);
        SettingsLedger settings = new SettingsLedger(ledger);
        SettingProposal p = requireOpenForCounterpart(settings, proposalId, region, "accept");
        String now = ledger.nowIso();
        SettingProposal accepted = p.decided(SettingProposal.ACCEPTED, region, caller.id(), now, null);
        settings.put(accepted);
        CaseLedger cases = new CaseLedger(ledger);
        switch (p.kind()) {
            case SettingProposal.CALENDAR -> cases.putCalendar(new WorkingCalendar(p.calendar().year(),
                    p.calendar().holidays(), p.calendar().adjustedWorkingDays(), now, caller.id()));
            case SettingProposal.CASE_SETTINGS -> cases.putSettings(new CaseSettings(
                    p.caseSettings().acceptanceWorkingDays(), p.caseSettings().assistWorkingDays(), now, caller.id(),
                    p.caseSettings().objectionWorkingDays()));
            case SettingProposal.CLOCK_WINDOW -> ledger.put(ledger.key(TransactionClock.WINDOW),
                    new ClockWindow(p.clockWindow().seconds(), now, caller.id()));
            default -> throw new IllegalStateException("proposal " + p.id() + " has unknown kind " + p.kind());
        }
        ledger.emit(SettingsEvents.SETTING_ACCEPTED, SettingChange.of(accepted));
        return Json.write(accepted);
    }

    /** Another region's bureau declines the proposal, with its reason; the old value stays in force. */
    @Transaction(name = SettingsTransactions.DECLINE_PROPOSAL, intent = Transaction.TYPE.SUBMIT)
    public String declineProposal(Context ctx, String proposalId, String reason) {
        Caller caller = Caller.of(ctx);
        Ledger ledger = new Ledger(ctx);
        String region = new Regions(ledger).bureauRegion(caller);
        String why = Arguments.valid(() -> FreeText.requireNoPersonalData("reason", CreditInputs.text("reason", reason, 500)));
        SettingsLedger settings = new SettingsLedger(ledger);
        SettingProposal p = requireOpenForCounterpart(settings, proposalId, region, "decline");
        SettingProposal declined = p.decided(SettingProposal.DECLINED, region, caller.id(), ledger.nowIso(), why);
        settings.put(declined);
        ledger.emit(SettingsEvents.SETTING_DECLINED, SettingChange.of(declined));
        return Json.write(declined);
    }

    /** The proposing region withdraws its proposal before it is decided. */
    @Transaction(name = SettingsTransactions.WITHDRAW_PROPOSAL, intent = Transaction.TYPE.SUBMIT)
    public String withdrawProposal(Context ctx, String proposalId, String reason) {
        Caller caller = Caller.of(ctx);
        Ledger ledger = new Ledger(ctx);
        String region = new Regions(ledger).bureauRegion(caller);
        String why = Arguments.valid(() -> FreeText.requireNoPersonalData("reason", CreditInputs.text("reason", reason, 500)));
        SettingsLedger settings = new SettingsLedger(ledger);
        SettingProposal p = settings.requireProposal(proposalId);
        if (!p.proposingRegion().equals(region)) {
            throw RegistryException.forbidden("proposal " + p.id() + " is region " + p.proposingRegion()
                    + "'s; region " + region + " declines it (settings:declineProposal) rather than withdraws");
        }
        requireOpen(p);
        SettingProposal withdrawn = p.decided(SettingProposal.WITHDRAWN, region, caller.id(), ledger.nowIso(), why);
        settings.put(withdrawn);
        ledger.emit(SettingsEvents.SETTING_WITHDRAWN, SettingChange.of(withdrawn));
        return Json.write(withdrawn);
    }

    @Transaction(name = SettingsTransactions.GET_PROPOSAL, intent = Transaction.TYPE.EVALUATE)
    public String getProposal(Context ctx, String proposalId) {
        return Json.write(new SettingsLedger(new Ledger(ctx)).requireProposal(proposalId));
    }

    /** Every setting proposal, oldest first; {@code status} "" for all, or PROPOSED, ACCEPTED, DECLINED, WITHDRAWN. */
    @Transaction(name = SettingsTransactions.LIST_PROPOSALS, intent = Transaction.TYPE.EVALUATE)
    public String listProposals(Context ctx, String status) {
        String s = status == null ? "" : status.strip();
        return Json.write(new SettingsLedger(new Ledger(ctx)).proposals().stream()
                .filter(p -> s.isEmpty() || p.status().equals(s)).toList());
    }

    /** The transaction-time window in force. */
    @Transaction(name = SettingsTransactions.GET_CLOCK_WINDOW, intent = Transaction.TYPE.EVALUATE)
    public String getClockWindow(Context ctx) {
        return Json.write(TransactionClock.window(new Ledger(ctx)));
    }

    /**
     * Sets the caller's own region's Order 45 threshold in fen; a new revision, the earlier ones
     * kept. It applies to listings made from then on.
     */
    @Transaction(name = SettingsTransactions.SET_WAGE_ARREARS_THRESHOLD, intent = Transaction.TYPE.SUBMIT)
    public String setWageArrearsThreshold(Context ctx, String amountFen) {
        Caller caller = Caller.of(ctx);
        Ledger ledger = new Ledger(ctx);
        String region = new Regions(ledger).bureauRegion(caller);
        long amount;
        try {
            amount = Long.parseLong(amountFen == null ? "" : amountFen.strip());
        } catch (NumberFormatException e) {
            throw RegistryException.invalid("amountFen '" + amountFen + "' is not a whole number of fen");
        }
        CreditLedger credit = new CreditLedger(ledger);
        int revision = credit.threshold(region).map(t -> t.revision() + 1).orElse(1);
        WageArrearsThreshold t = Arguments.valid(() ->
                new WageArrearsThreshold(region, amount, revision, ledger.nowIso(), caller.id()));
        credit.putThreshold(t);
        ledger.emit(SettingsEvents.WAGE_ARREARS_THRESHOLD_SET,
                new SettingsEvents.WageArrearsThresholdSet(region, amount, revision));
        return Json.write(t);
    }

    /** The region's threshold in force. */
    @Transaction(name = SettingsTransactions.GET_WAGE_ARREARS_THRESHOLD, intent = Transaction.TYPE.EVALUATE)
    public String getWageArrearsThreshold(Context ctx, String regionCode) {
        String region = Arguments.region(regionCode);
        return Json.write(new CreditLedger(new Ledger(ctx)).threshold(region).orElseThrow(() ->
                RegistryException.notFound("region " + region + " has not set its wage-arrears threshold; its bureau "
                        + "sets it with settings:setWageArrearsThreshold")));
    }

    /** Every revision of the region's threshold, oldest first. */
    @Transaction(name = SettingsTransactions.LIST_WAGE_ARREARS_THRESHOLDS, intent = Transaction.TYPE.EVALUATE)
    public String listWageArrearsThresholds(Context ctx, String regionCode) {
        String region = Arguments.region(regionCode);
        return Json.write(new CreditLedger(new Ledger(ctx)).thresholds(region));
    }

    // ------------------------------------------------------------------ rules

    private static <T extends Record> String proposeJson(Context ctx, JsonSetting<T> setting, String json) {
        return propose(ctx, setting.kind(), () -> setting.asProposed().apply(Arguments.json(json, setting.type())));
    }

    /**
     * The one proposal path: {@code proposed} gives the calendar, case settings or clock window,
     * read only once the caller is known to be a bureau of a region.
     */
    private static String propose(Context ctx, String kind, Supplier<? extends Record> proposed) {
        Caller caller = Caller.of(ctx);
        Ledger ledger = new Ledger(ctx);
        String region = new Regions(ledger).bureauRegion(caller);
        Record value = proposed.get();
        SettingsLedger settings = new SettingsLedger(ledger);
        SettingProposal p = new SettingProposal(ledger.txId(), kind, value instanceof WorkingCalendar c ? c : null,
                value instanceof CaseSettings c ? c : null, value instanceof ClockWindow w ? w : null, region,
                caller.id(), ledger.nowIso(), SettingProposal.PROPOSED, null, null, null, null);
        for (SettingProposal open : settings.proposals()) {
            if (open.status().equals(SettingProposal.PROPOSED) && open.subject().equals(p.subject())) {
                throw RegistryException.conflict("proposal " + open.id() + " of region " + open.proposingRegion()
                        + " for " + open.subject() + " is still open; accept, decline or withdraw it first");
            }
        }
        settings.put(p);
        ledger.emit(SettingsEvents.SETTING_PROPOSED, SettingChange.of(p));
        return Json.write(p);
    }

    private static SettingProposal requireOpenForCounterpart(SettingsLedger settings, String id, String region,
                                                             String verb) {
        SettingProposal p = settings.requireProposal(id);
        if (p.proposingRegion().equals(region)) {
            throw RegistryException.forbidden("proposal " + p.id() + " is region " + region + "'s own; the other "
                    + "region must " + verb + " it, so that neither region changes a shared setting alone");
        }
        requireOpen(p);
        return p;
    }

    private static void requireOpen(SettingProposal p) {
        if (!p.status().equals(SettingProposal.PROPOSED)) {
            throw RegistryException.conflict("proposal " + p.id() + " is already " + p.status());
        }
    }
}
