package cn.cdcq.registry.client;

import cn.cdcq.registry.client.cases.CasesReachingIntoCredit;
import cn.cdcq.registry.client.credit.CreditController;
import cn.cdcq.registry.client.fabric.FabricReachingUp;
import cn.cdcq.registry.client.web.ProblemDetails;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's floors point one way, and features stand side by side (docs/design.md §6):
 * config and api at the bottom, then fabric, identity, the features, and web and cli on top. A
 * class may use the floors below its own, never one above; a feature uses another only where
 * {@link #ALLOWED} says so. Checked on the production classes only.
 */
class ArchitectureTest {

    private static final String ROOT = "cn.cdcq.registry.client";

    /** The features, each a package under the root. */
    static final List<String> FEATURES = List.of("region", "certificate", "credit", "cases", "privacy", "events", "credential",
            "anchor", "report", "statistics");

    /**
     * Which other features a feature may use: the attestation key of region/, the holder privacy of
     * privacy/; certificate/ and credential/ follow the events (the verification cache, the status lists); credential/ exports certificates, signs with the region's key and follows the events; anchor/ signs checkpoints with the region's key, reads the attestation certificates and follows the events (automatic checkpoints); statistics/ follows the events into its read store.
     */
    static final Map<String, List<String>> ALLOWED = Map.of(
            "certificate", List.of("region", "privacy", "events"),
            "credit", List.of("region"),
            "credential", List.of("certificate", "region", "events"),
            "anchor", List.of("region", "events"),
            "statistics", List.of("events"));

    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("config").definedBy(ROOT + ".config..")
            .layer("api").definedBy(ROOT + ".api..")
            .layer("fabric").definedBy(ROOT + ".fabric..")
            .layer("identity").definedBy(ROOT + ".identity..")
            .layer("features").definedBy(FEATURES.stream().map(f -> ROOT + "." + f + "..").toArray(String[]::new))
            .layer("web").definedBy(ROOT + ".web..")
            .layer("cli").definedBy(ROOT + ".cli..")
            .whereLayer("web").mayNotBeAccessedByAnyLayer()
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("features").mayOnlyBeAccessedByLayers("web", "cli")
            .whereLayer("identity").mayOnlyBeAccessedByLayers("features", "web", "cli")
            .whereLayer("fabric").mayOnlyBeAccessedByLayers("identity", "features", "web", "cli")
            .whereLayer("api").mayOnlyBeAccessedByLayers("fabric", "identity", "features", "web", "cli")
            .whereLayer("config").mayOnlyBeAccessedByLayers("fabric", "identity", "features", "web", "cli")
            .because("the floors point one way (docs/design.md §6)");

    static final ArchRule FEATURES_APART = CompositeArchRule.of(FEATURES.stream().map(ArchitectureTest::apart).toList())
            .as("features use each other only as docs/design.md §6 allows");

    private static ArchRule apart(String feature) {
        List<String> allowed = ALLOWED.getOrDefault(feature, List.of());
        String[] others = FEATURES.stream().filter(f -> !f.equals(feature) && !allowed.contains(f))
                .map(f -> ROOT + "." + f + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage(ROOT + "." + feature + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because(feature + "/ may use only " + (allowed.isEmpty() ? "no other feature" : allowed));
    }

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void noClassUsesAFloorAboveItsOwn() {
        LAYERS.check(PRODUCTION);
    }

    @Test
    void featuresUseEachOtherOnlyWhereTheDesignAllows() {
        FEATURES_APART.check(PRODUCTION);
    }

    @Test
    void theRulesSeeEveryFloorAndFeature() {
        Stream.concat(Stream.of("config", "api", "fabric", "identity", "web", "cli"), FEATURES.stream())
                .forEach(p -> assertThat(PRODUCTION.that(DescribedPredicate.describe(p,
                        c -> c.getPackageName().startsWith(ROOT + "." + p)))).as(p + "/").isNotEmpty());
    }

    /** The rules are not vacuous: an upward import and a cross-feature import (test fixtures) are caught. */
    @Test
    void anUpwardImportAndACrossFeatureImportFailTheRules() {
        JavaClasses upward = new ClassFileImporter().importClasses(FabricReachingUp.class, ProblemDetails.class);
        assertThat(LAYERS.evaluate(upward).hasViolation()).isTrue();
        JavaClasses across = new ClassFileImporter().importClasses(CasesReachingIntoCredit.class, CreditController.class);
        assertThat(apart("cases").evaluate(across).hasViolation()).isTrue();
    }
}
