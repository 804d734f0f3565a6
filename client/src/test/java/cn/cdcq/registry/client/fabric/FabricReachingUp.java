package cn.cdcq.registry.client.fabric;

import cn.cdcq.registry.client.web.ProblemDetails;

/** A fixture for ArchitectureTest: Fabric access importing the web surface, which the rules must refuse. */
public final class FabricReachingUp {

    static Class<?> upward() {
        return ProblemDetails.class;
    }

    private FabricReachingUp() {
    }
}
