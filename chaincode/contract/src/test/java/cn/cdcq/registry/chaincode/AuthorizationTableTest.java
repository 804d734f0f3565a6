package cn.cdcq.registry.chaincode;

import cn.cdcq.registry.chaincode.credit.CreditFixture;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.chaincode.testing.TestIdentities;
import cn.cdcq.registry.chaincode.testing.TestIdentity;
import cn.cdcq.registry.common.ErrorCode;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/authorization.md is the one source of truth for who may call what: this test parses its
 * table and checks every cell against the contracts on the in-memory network, and fails for a
 * transaction without a row (or a row without a transaction). In the role columns a cell says
 * {@code FORBIDDEN} when the transaction refuses that caller for who they are, whatever the
 * arguments; {@code allowed} when it does not. In the other region's columns each transaction is
 * called by Chongqing's bureau, center or inspector on a record of Chengdu
 * ({@link OtherRegionScenarios}) with otherwise valid arguments, and the cell is {@code allowed}
 * or the code of the refusal. The kind column says whether the transaction writes, and whether a
 * read is open to every caller.
 */
class AuthorizationTableTest {

    static final Path TABLE = Path.of("..", "..", "docs", "authorization.md");
    static final List<String> COLUMNS = List.of("bureau", "inspector", "training center", "member without a role",
            "bureau of no region", "other region's bureau", "other region's training center",
            "other region's inspector", "enterprise");
    /** The first column of the other region's callers: they act on a record of this region (Chengdu). */
    static final int OTHER_REGION = 5;
    /** The last column: this region's (Chengdu's) enterprise account, called like the first five columns. */
    static final int ENTERPRISE = 8;
    private static final Map<String, Supplier<OtherRegionScenarios.Call>> SCENARIOS = OtherRegionScenarios.all();

    private static final List<Class<?>> CONTRACTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.cdcq.registry.chaincode").stream()
            .filter(c -> c.isAnnotatedWith(Contract.class)).map(JavaClass::reflect).toList();

    @Test
    void everyCellOfTheDocumentedTableIsWhatTheContractsDo() throws Exception {
        Map<String, List<String>> documented = parse(Files.readString(TABLE, StandardCharsets.UTF_8));
        Map<String, List<String>> actual = new TreeMap<>();
        Map<String, Supplier<OtherRegionScenarios.Call>> scenarios = new TreeMap<>(SCENARIOS);
        for (Class<?> contractClass : CONTRACTS) {
            Object contract = contractClass.getDeclaredConstructor().newInstance();
            String contractName = contractClass.getAnnotation(Contract.class).name();
            for (Method m : contractClass.getDeclaredMethods()) {
                Transaction t = m.getAnnotation(Transaction.class);
                if (t == null) {
                    continue;
                }
                List<String> cells = new ArrayList<>();
                String name = contractName + ":" + t.name();
                boolean evaluate = t.intent() == Transaction.TYPE.EVALUATE;
                CreditFixture f = new CreditFixture(OtherRegionScenarios.START);
                // The most restricted callers first, so that an allowed call cannot change what they find.
                String enterprise = outcome(f, contract, m, evaluate, ENTERPRISE);
                for (int column = OTHER_REGION - 1; column >= 0; column--) {
                    cells.add(0, outcome(f, contract, m, evaluate, column));
                }
                for (int column = OTHER_REGION; column < ENTERPRISE; column++) {
                    cells.add(otherRegionOutcome(name, contract, m, evaluate, column - OTHER_REGION));
                }
                cells.add(enterprise);
                cells.add(0, !evaluate ? "write" : cells.stream().allMatch("allowed"::equals) ? "read, open to all"
                        : "read");
                actual.put(name, cells);
                scenarios.remove(name);
            }
        }
        assertThat(scenarios.keySet()).as("scenarios in OtherRegionScenarios of no transaction").isEmpty();
        assertThat(documented).as("docs/authorization.md against the contracts; the table as they behave:%n%s",
                render(actual)).isEqualTo(actual);
    }

    /** What caller {@code column} gets from the transaction, on a world with both regions in force. */
    private static String outcome(CreditFixture f, Object contract, Method m, boolean evaluate, int column) {
        TestIdentity who = switch (column) {
            case 0 -> f.cdBureau;
            case 1 -> f.cdInspector;
            case 2 -> f.cdCenter;
            case 3 -> TestIdentities.user(CreditFixture.CD_MSP, "cd-member", Map.of());
            case ENTERPRISE -> TestIdentities.user(CreditFixture.CD_MSP, "cd-enterprise",
                    Map.of("role", "enterprise", "uscc", CreditFixture.CD_FIRM));            case 4 -> TestIdentities.user(CreditFixture.CD_MSP.replace("Alpha", "Gamma"), "other-bureau",
                    Map.of("role", "bureau"));
            default -> throw new IllegalArgumentException("column " + column);
        };
        Object[] args = new Object[m.getParameterCount()];
        Arrays.fill(args, "x");
        try {
            call(evaluate ? f.network::evaluate : f.network::invoke, who, contract, m, args);
            return "allowed";
        } catch (RegistryException e) {
            return e.code() == ErrorCode.FORBIDDEN ? "FORBIDDEN" : "allowed";
        } catch (RuntimeException e) {
            return "allowed";
        }
    }

    /**
     * What the other region's caller ({@code who}: 0 bureau, 1 center, 2 inspector) gets from a
     * transaction on this region's record, with otherwise valid arguments:
     * {@code allowed}, or the code it is refused with.
     */
    private static String otherRegionOutcome(String name, Object contract, Method m, boolean evaluate, int who) {
        Supplier<OtherRegionScenarios.Call> scenario = SCENARIOS.get(name);
        if (scenario == null) {
            return "no scenario in OtherRegionScenarios";
        }
        OtherRegionScenarios.Call c;
        try {
            c = scenario.get();
        } catch (RuntimeException e) {
            return "scenario failed: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        }
        Object[] args = new Object[m.getParameterCount()];
        assertThat(c.args()).as("arguments of the scenario for %s", name).hasSize(args.length - 1);
        System.arraycopy(c.args(), 0, args, 1, c.args().length);
        try {
            call(evaluate ? c.network()::evaluate : c.network()::invoke, c.chongqing().get(who), contract, m, args);
            return "allowed";
        } catch (RegistryException e) {
            return e.code().name();
        }
    }

    private interface Network {
        Object run(TestIdentity who, Function<Context, Object> tx);
    }

    /** Calls {@code m} as {@code who}, {@code args[0]} being the context; a contract's exception is rethrown. */
    private static void call(Network network, TestIdentity who, Object contract, Method m, Object[] args) {
        Function<Context, Object> tx = ctx -> {
            args[0] = ctx;
            try {
                return m.invoke(contract, args);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        };
        network.run(who, tx);
    }

    /** Rows "| `contract:transaction` | cell | ... |" of the table, in order. */
    static Map<String, List<String>> parse(String markdown) {
        Map<String, List<String>> rows = new TreeMap<>();
        for (String line : markdown.split("\n")) {
            String l = line.strip();
            if (!l.startsWith("| `")) {
                continue;
            }
            List<String> cells = Arrays.stream(l.substring(1, l.length() - 1).split("\\|")).map(String::strip).toList();
            String name = cells.get(0).replace("`", "");
            assertThat(rows.put(name, cells.subList(1, cells.size()))).as("one row for %s", name).isNull();
        }
        return rows;
    }

    static String render(Map<String, List<String>> table) {
        StringBuilder out = new StringBuilder("| transaction | kind | " + String.join(" | ", COLUMNS) + " |\n|---|---"
                + "|---".repeat(COLUMNS.size()) + "|\n");
        table.forEach((name, cells) -> out.append("| `").append(name).append("` | ").append(String.join(" | ", cells))
                .append(" |\n"));
        return out.toString();
    }
}
