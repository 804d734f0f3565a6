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
 * @param divisionPrefixes the administrative divisions the region covers ({@link DivisionPrefixes}),
 *                         set and changed only by a proposal the other regions approve; null or
 *                         empty for a region registered before issue 10 until its first such update,
 *                         and then no code belongs to it by its division (the region where an
 *                         enterprise operates registers it, as before)
 */
public record Region(String code, String mspId, String name, String registeredAt, int attestationSequence,
                     java.util.List<String> divisionPrefixes) {

    public Region {
        divisionPrefixes = divisionPrefixes == null ? java.util.List.of() : java.util.List.copyOf(divisionPrefixes);
    }

    public Region withDivisionPrefixes(java.util.List<String> prefixes) {
        return new Region(code, mspId, name, registeredAt, attestationSequence, prefixes);
    }
}
