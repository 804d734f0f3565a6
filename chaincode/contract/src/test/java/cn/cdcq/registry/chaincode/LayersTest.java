package cn.cdcq.registry.chaincode;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The chaincode's packages point one way (docs/design.md §6.2): {@code support} at
 * the bottom, the region registry on it, the features on both, {@code cases} on {@code credit},
 * {@code certificate} on {@code credit} for the joint restrictions only ({@code credit.JointMeasures}),
 * and {@code enterprise} (the credit profile, which reads credit and cases) at the top, beside
 * {@code settings} (the jointly agreed calendar, deadlines and time window, and each region's
 * wage-arrears threshold, which writes into cases and credit), and {@code anchor} (checkpoints signed
 * by both regions) on the region registry alone; {@code report} (platform employment reports), which
 * reads credit's enterprise register, at the top beside them.
 */
class LayersTest {

    private static final JavaClasses CHAINCODE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.cdcq.registry.chaincode");

    @Test
    void featuresImportOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("support").definedBy("cn.cdcq.registry.chaincode.support..")
                .layer("region").definedBy("cn.cdcq.registry.chaincode.region..")
                .layer("certificate").definedBy("cn.cdcq.registry.chaincode.certificate..")
                .layer("credit").definedBy("cn.cdcq.registry.chaincode.credit..")
                .layer("cases").definedBy("cn.cdcq.registry.chaincode.cases..")
                .layer("enterprise").definedBy("cn.cdcq.registry.chaincode.enterprise..")
                .layer("settings").definedBy("cn.cdcq.registry.chaincode.settings..")
                .layer("anchor").definedBy("cn.cdcq.registry.chaincode.anchor..")
                .layer("report").definedBy("cn.cdcq.registry.chaincode.report..")
                .whereLayer("anchor").mayNotBeAccessedByAnyLayer()
                .whereLayer("report").mayNotBeAccessedByAnyLayer()
                .whereLayer("enterprise").mayNotBeAccessedByAnyLayer()
                .whereLayer("settings").mayNotBeAccessedByAnyLayer()
                .whereLayer("cases").mayOnlyBeAccessedByLayers("enterprise", "settings")
                .whereLayer("credit").mayOnlyBeAccessedByLayers("certificate", "cases", "enterprise", "settings", "report")
                .whereLayer("certificate").mayNotBeAccessedByAnyLayer()
                .whereLayer("region").mayOnlyBeAccessedByLayers("certificate", "credit", "cases", "enterprise", "settings",
                        "anchor", "report")
                .whereLayer("support").mayOnlyBeAccessedByLayers("region", "certificate", "credit", "cases", "enterprise",
                        "settings", "anchor", "report")
                .check(CHAINCODE);
    }

    @Test
    void certificateUsesCreditOnlyForTheJointRestrictions() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that().resideInAPackage("cn.cdcq.registry.chaincode.certificate..")
                .should().dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates
                        .resideInAPackage("cn.cdcq.registry.chaincode.credit..")
                        .and(com.tngtech.archunit.base.DescribedPredicate.not(com.tngtech.archunit.core.domain.JavaClass.Predicates
                                .belongToAnyOf(cn.cdcq.registry.chaincode.credit.JointMeasures.class,
                                        cn.cdcq.registry.chaincode.credit.CreditLedger.class))))
                .because("the certificate contracts read credit only to apply the joint restrictions (docs/joint-measures.md)")
                .check(CHAINCODE);
    }

    @Test
    void everyClassIsInAPackageOfThePicture() {
        classes().should().resideInAnyPackage("cn.cdcq.registry.chaincode.support..",
                        "cn.cdcq.registry.chaincode.region..", "cn.cdcq.registry.chaincode.certificate..",
                        "cn.cdcq.registry.chaincode.credit..", "cn.cdcq.registry.chaincode.cases..",
                        "cn.cdcq.registry.chaincode.enterprise..", "cn.cdcq.registry.chaincode.settings..",
                        "cn.cdcq.registry.chaincode.anchor..", "cn.cdcq.registry.chaincode.report..")
                .because("a new package needs its place in docs/design.md §6.2 and in this test")
                .check(CHAINCODE);
    }

    @Test
    void theChaincodeUsesNoServiceLibraries() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.hyperledger.fabric.client..", "cn.cdcq.registry.client..")
                .check(CHAINCODE);
    }
}
