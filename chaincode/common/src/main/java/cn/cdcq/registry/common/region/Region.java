package cn.cdcq.registry.common.region;

/**
 * A region of the consortium (a labor bureau) and the Fabric organization that acts for it.
 * The mapping lives on the ledger, agreed by both regions, so the contracts never hard-code
 * MSP IDs: a deployment whose organizations have other names works unchanged.
 *
 * @param code             two-letter region code, e.g. {@code CD} (Chengdu), {@code CQ} (Chongqing)
 * @param mspId            the MSP ID of the organization that acts for the region
 * @param name             display name of the bureau
 * @param registeredAt     ISO-8601 instant of the transaction that brought the region in force
 * @param attestationSequence sequence number of the attestation certificate now current
 */
public record Region(String code, String mspId, String name, String registeredAt, int attestationSequence) {
}
