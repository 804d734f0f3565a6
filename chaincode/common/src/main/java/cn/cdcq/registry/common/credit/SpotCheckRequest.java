package cn.cdcq.registry.common.credit;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.format.RegionCode;

/**
 * What a bureau sends to open a draw.
 *
 * @param registerRegion          the region whose register is drawn from
 * @param enterpriseCount         how many enterprises (1 to 100)
 * @param inspectorsPerEnterprise inspectors per enterprise (2 to 10)
 */
public record SpotCheckRequest(String registerRegion, int enterpriseCount, int inspectorsPerEnterprise) {

    public SpotCheckRequest {
        registerRegion = RegionCode.validate(registerRegion);
        if (enterpriseCount < 1 || enterpriseCount > 100) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE,
                    "enterpriseCount is " + enterpriseCount + "; draw 1 to 100 enterprises");
        }
        if (inspectorsPerEnterprise < 2 || inspectorsPerEnterprise > 10) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE, "inspectorsPerEnterprise is "
                    + inspectorsPerEnterprise + "; a spot check needs at least 2 inspectors (at most 10)");
        }
    }
}
