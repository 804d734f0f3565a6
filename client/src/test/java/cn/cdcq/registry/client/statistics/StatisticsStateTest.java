package cn.cdcq.registry.client.statistics;

import cn.cdcq.registry.client.fabric.BlockReader;
import cn.cdcq.registry.common.cases.ObjectionEvents;
import cn.cdcq.registry.common.credit.CreditEvents;
import cn.cdcq.registry.common.credit.CreditLevel;
import cn.cdcq.registry.common.credit.CreditRating;
import cn.cdcq.registry.common.credit.CreditRatingStatement;
import cn.cdcq.registry.common.credit.Violation;
import cn.cdcq.registry.common.credit.ViolationStatus;
import cn.cdcq.registry.common.credit.ViolationType;
import cn.cdcq.registry.common.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an objection's decision does to the published counts: the violations and the integrity
 * table follow the records as they count after it (docs/objections.md), from the transaction's
 * own writes, as the event-fed store and a rebuild both derive them.
 */
class StatisticsStateTest {

    static final String CD = "510000";
    final StatisticsState state = new StatisticsState();
    long block = 10;

    void feed(String event, Object payload, List<BlockReader.Write> writes) {
        LedgerTransactions.Tx tx = new LedgerTransactions.Tx(block++, "tx" + block, event,
                Json.write(payload).getBytes(StandardCharsets.UTF_8), writes);
        state.derive(tx).forEach(state::apply);
    }

    static BlockReader.Write write(String objectType, Object value, String... attributes) {
        return new BlockReader.Write("\u0000" + objectType + "\u0000" + String.join("\u0000", attributes) + "\u0000",
                Json.write(value).getBytes(StandardCharsets.UTF_8));
    }

    static Violation violation(int i, ViolationType type, ViolationStatus status) {
        return new Violation("V" + i, uscc(i), CD, CD, type, 100_000, 3, "2026-11-02", "ab".repeat(32), false, false,
                status, false, "2026-11-02", "2026-11-02T01:00:00Z", "CD-INS-0001", "2026-11-20T01:00:00Z");
    }

    static String uscc(int i) {
        return String.format("91510100MA%08dX", i);
    }

    static CreditRating rating(int i, int year, CreditLevel level) {
        return new CreditRating(new CreditRatingStatement(uscc(i), CD, year, level, level, null, List.of(), List.of(),
                1, 1, null), "00", year + "-12-01T00:00:00Z", "cd-admin", 1);
    }

    /** The row of {@code keys}: its cells by column. */
    static List<String> row(StatisticsTable table, String... keys) {
        return table.rows().stream().filter(r -> r.keys().equals(List.of(keys))).findFirst()
                .map(StatisticsTable.Row::cells).orElse(null);
    }

    @Test
    void certificatesAreCountedByKindAndLevelAndRecognitionsByKind() {
        long b = 1;
        for (int i = 0; i < 6; i++) {
            state.apply(Fact.certificate(String.format("S000151000001264%06d", i), b++, "CD", "4-04-05-01", 4, "2026-03", "p" + i));
            state.apply(Fact.certificate(String.format("Z00015126%07d", i), b++, "CD", "4-04-05-01", 0, "2026-03", "q" + i));
            state.apply(Fact.certificate(String.format("T51023260%05d", i), b++, "CD", "4-04-05-01", 2, "2026-03", "r" + i));
            state.apply(Fact.recognition("c" + i, b++, "CQ", i < 5 ? "ACCEPTED" : "REFUSED", String.format("T51023260%05d", i)));
            state.apply(Fact.recognition("d" + i, b++, "CQ", "ACCEPTED", String.format("S000151000001264%06d", i)));
        }
        StatisticsTable certificates = state.table(StatisticsState.Table.certificates);
        assertThat(certificates.columns()).containsExactly("1", "2", "3", "4", "5", "Z", "T1", "T2", "T3", "T4", "T5");
        assertThat(row(certificates, "CD", "4-04-05-01", "2026-03"))
                .containsExactly("0", "0", "0", "6", "0", "6", "0", "6", "0", "0", "0");
        StatisticsTable recognitions = state.table(StatisticsState.Table.recognitions);
        assertThat(recognitions.keyColumns()).containsExactly("region", "kind");
        assertThat(row(recognitions, "CQ", "SKILL_LEVEL")).containsExactly("6", "0");
        // 5 granted and 1 refused title: the refused one is below 5 and suppressed, and so is a
        // second cell so that it cannot be recovered from the totals.
        assertThat(row(recognitions, "CQ", "PROFESSIONAL_TITLE").get(1)).isEqualTo(StatisticsTable.SMALL);
    }

    @Test
    void anAnnulledViolationIsNoLongerCountedAndACorrectedOneCountsUnderItsNewType() {
        for (int i = 1; i <= 17; i++) {
            feed(CreditEvents.VIOLATION_RECORDED, new CreditEvents.ViolationRecorded("V" + i, uscc(i),
                    ViolationType.WAGE_ARREARS, false, CD, CD, null), List.of());
        }
        int other = state.table(StatisticsState.Table.violations).columns().indexOf("OTHER");
        assertThat(row(state.table(StatisticsState.Table.violations), "WAGE_ARREARS", CD).get(other)).isEqualTo("17");
        for (int i = 1; i <= 5; i++) {
            decided(write("credit.violation", violation(i, ViolationType.WAGE_ARREARS, ViolationStatus.ANNULLED), uscc(i), "V" + i));
        }
        for (int i = 6; i <= 10; i++) {
            decided(write("credit.violation", violation(i, ViolationType.ILLEGAL_OVERTIME, ViolationStatus.OPEN), uscc(i), "V" + i));
        }
        StatisticsTable after = state.table(StatisticsState.Table.violations);
        assertThat(row(after, "WAGE_ARREARS", CD).get(other)).isEqualTo("7");
        assertThat(row(after, "ILLEGAL_OVERTIME", CD).get(other)).isEqualTo("5");
    }

    @Test
    void anAnnulledRatingLeavesTheEnterpriseWithItsLatestRatingStillInForceAndACorrectedOneCountsWithItsNewLevel() {
        for (int i = 1; i <= 5; i++) {
            feed(CreditEvents.RATING_RECORDED, new CreditEvents.RatingRecorded(uscc(i), CD, 2025, CreditLevel.B,
                    CreditLevel.B, CreditLevel.B), List.of());
        }
        for (int i = 1; i <= 17; i++) {
            feed(CreditEvents.RATING_RECORDED, new CreditEvents.RatingRecorded(uscc(i), CD, 2026, CreditLevel.A,
                    CreditLevel.A, CreditLevel.A), List.of());
        }
        List<String> levels = state.table(StatisticsState.Table.integrity).columns();
        assertThat(row(state.table(StatisticsState.Table.integrity), CD)).containsExactly("17", "0", "0");
        // 1-5: the 2026 rating annulled, the 2025 B counts again; 6-10: annulled with no earlier year,
        // the enterprise leaves the table; 11-17: corrected to C.
        for (int i = 1; i <= 17; i++) {
            CreditRating.ObjectionOutcome outcome = i <= 10
                    ? new CreditRating.ObjectionOutcome("O" + i, "ANNULLED", null, "2026-12-01T00:00:00Z")
                    : new CreditRating.ObjectionOutcome("O" + i, "CORRECTED", CreditLevel.C, "2026-12-01T00:00:00Z");
            decided(write("credit.rating", rating(i, 2026, CreditLevel.A).withObjection(outcome), uscc(i), CD, "2026"));
        }
        assertThat(levels).containsExactly("A", "B", "C");
        assertThat(row(state.table(StatisticsState.Table.integrity), CD)).containsExactly("0", "5", "7");
    }

    void decided(BlockReader.Write... writes) {
        feed(ObjectionEvents.OBJECTION_DECIDED, java.util.Map.of("objectionId", "O"), List.of(writes));
    }
}
