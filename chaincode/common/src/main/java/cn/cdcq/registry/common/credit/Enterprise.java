package cn.cdcq.registry.common.credit;

/**
 * An employer in the enterprise register, registered by the bureau of the region where it is
 * registered (its jurisdiction for complaints and spot checks).
 *
 * @param uscc         unified social credit code (GB 32100-2015)
 * @param name         registered name of the enterprise
 * @param regionCode   region of registration, e.g. {@code CQ}
 * @param platform     a gig platform operating in both regions
 * @param registeredAt ISO-8601 instant of the registering transaction
 * @param registeredBy the bureau account that registered it ("MSPID/account")
 */
public record Enterprise(String uscc, String name, String regionCode, boolean platform, String registeredAt,
                         String registeredBy) {
}
