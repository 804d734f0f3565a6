package cn.cdcq.registry.common;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * registry-common is shared by the chaincode and the services, so it depends on neither, nor on
 * their libraries; inside it, the formats and primitives are the ground floor and the feature
 * packages point one way: {@code cases} on {@code credit}, {@code profile} on both
 * (docs/design.md §6.2); {@code anchor} (checkpoints) stands on the ground floor alone;
 * {@code report} (platform employment reports) on the ground floor and credit's input checks.
 */
class LayersTest {

    private static final JavaClasses COMMON = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.cdcq.registry.common");

    @Test
    void commonDependsOnNoOtherModuleOrFramework() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("cn.cdcq.registry.chaincode..",
                        "cn.cdcq.registry.client..", "org.hyperledger..", "org.springframework..", "io.grpc..")
                .check(COMMON);
    }

    @Test
    void featurePackagesImportOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("ground").definedBy("cn.cdcq.registry.common", "cn.cdcq.registry.common.json..",
                        "cn.cdcq.registry.common.crypto..", "cn.cdcq.registry.common.format..",
                        "cn.cdcq.registry.common.merkle..", "cn.cdcq.registry.common.privacy..")
                .layer("region").definedBy("cn.cdcq.registry.common.region..")
                .layer("certificate").definedBy("cn.cdcq.registry.common.certificate..")
                .layer("credit").definedBy("cn.cdcq.registry.common.credit..")
                .layer("cases").definedBy("cn.cdcq.registry.common.cases..")
                .layer("profile").definedBy("cn.cdcq.registry.common.profile..")
                .layer("anchor").definedBy("cn.cdcq.registry.common.anchor..")
                .layer("report").definedBy("cn.cdcq.registry.common.report..")
                .whereLayer("anchor").mayNotBeAccessedByAnyLayer()
                .whereLayer("report").mayNotBeAccessedByAnyLayer()
                .whereLayer("profile").mayNotBeAccessedByAnyLayer()
                .whereLayer("cases").mayOnlyBeAccessedByLayers("profile")
                .whereLayer("credit").mayOnlyBeAccessedByLayers("cases", "profile", "report")
                .whereLayer("certificate").mayNotBeAccessedByAnyLayer()
                .whereLayer("region").mayOnlyBeAccessedByLayers("certificate", "credit", "cases", "profile")
                .check(COMMON);
    }
}
