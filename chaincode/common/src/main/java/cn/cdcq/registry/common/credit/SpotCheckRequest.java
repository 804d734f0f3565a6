package cn.cdcq.registry.common.credit;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.format.RegionCode;

import java.util.regex.Pattern;

/**
 * What a bureau sends to open a draw.
 *
 * @param registerRegion          the region whose register is drawn from (the caller's own)
 * @param enterpriseCount         how many enterprises (1 to 100)
 * @param inspectorsPerEnterprise inspectors per enterprise (2 to 10)
 * @param period                  the period the draw is for: {@code 2026}, {@code 2026-H1}, {@code 2026-Q3}
 *                                or {@code 2026-07}; null means the transaction's year
 */
public record SpotCheckRequest(String registerRegion, int enterpriseCount, int inspectorsPerEnterprise,
                               String period) {

    /** A period: a year, a half, a quarter or a month (2026, 2026-H1, 2026-Q3, 2026-07). */
    public static final String PERIOD_PATTERN = "^(19|2[0-9])[0-9]{2}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$";
    public static final int MIN_ENTERPRISES = 1;
    public static final int MAX_ENTERPRISES = 100;
    public static final int MIN_INSPECTORS = 2;
    public static final int MAX_INSPECTORS = 10;
    private static final Pattern PERIOD = Pattern.compile(PERIOD_PATTERN);

    public SpotCheckRequest {
        registerRegion = RegionCode.validate(registerRegion);
        if (enterpriseCount < MIN_ENTERPRISES || enterpriseCount > MAX_ENTERPRISES) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE,
                    "enterpriseCount is " + enterpriseCount + "; draw " + MIN_ENTERPRISES + " to " + MAX_ENTERPRISES
                            + " enterprises");
        }
        if (inspectorsPerEnterprise < MIN_INSPECTORS || inspectorsPerEnterprise > MAX_INSPECTORS) {
            throw new InvalidInputException(CreditInputs.INVALID_VALUE, "inspectorsPerEnterprise is "
                    + inspectorsPerEnterprise + "; a spot check needs at least 2 inspectors (at most 10)");
        }
        if (period != null) {
            period = period.strip();
            if (!PERIOD.matcher(period).matches()) {
                throw new InvalidInputException(CreditInputs.INVALID_VALUE, "period '" + period
                        + "' must be a year (2026), a half (2026-H1), a quarter (2026-Q3) or a month (2026-07)");
            }
        }
    }

    /** A draw for the transaction's year. */
    public SpotCheckRequest(String registerRegion, int enterpriseCount, int inspectorsPerEnterprise) {
        this(registerRegion, enterpriseCount, inspectorsPerEnterprise, null);
    }
}
