package cn.cdcq.registry.chaincode;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transaction names the contracts declare (constants shared with the services in
 * registry-common) are the method names they always were, so a renamed constant cannot silently
 * change what a client has to call.
 */
class TransactionNamesTest {

    private static final List<Class<?>> CONTRACTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.cdcq.registry.chaincode").stream()
            .filter(c -> c.isAnnotatedWith(Contract.class)).map(JavaClass::reflect).toList();

    @Test
    void everyContractIsFoundAndNamedOnce() {
        Set<String> names = new TreeSet<>();
        for (Class<?> contract : CONTRACTS) {
            assertThat(names.add(contract.getAnnotation(Contract.class).name()))
                    .as("contract name of %s is unique", contract.getSimpleName()).isTrue();
        }
        assertThat(names).containsExactly("accreditation", "blacklist", "calendar", "cases", "certificate", "checkpoint",
                "enterprise", "objection", "rating", "recognition", "region", "repair", "report", "settings", "spotcheck",
                "subsidy", "violation");
    }

    @Test
    void everyTransactionIsNamedAfterItsMethod() {
        List<String> transactions = new ArrayList<>();
        for (Class<?> contract : CONTRACTS) {
            for (Method m : contract.getDeclaredMethods()) {
                Transaction t = m.getAnnotation(Transaction.class);
                if (t != null) {
                    assertThat(t.name()).as("%s.%s", contract.getSimpleName(), m.getName()).isEqualTo(m.getName());
                    transactions.add(contract.getAnnotation(Contract.class).name() + ":" + t.name());
                }
            }
        }
        assertThat(transactions).hasSize(139).doesNotHaveDuplicates();
    }
}
