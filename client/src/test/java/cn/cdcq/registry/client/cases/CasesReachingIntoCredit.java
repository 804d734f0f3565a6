package cn.cdcq.registry.client.cases;

import cn.cdcq.registry.client.credit.CreditController;

/** A fixture for ArchitectureTest: cases/ importing credit/, which the rules must refuse. */
public final class CasesReachingIntoCredit {

    static Class<?> across() {
        return CreditController.class;
    }

    private CasesReachingIntoCredit() {
    }
}
