package cn.cdcq.registry.common.cases;

import cn.cdcq.registry.common.credit.CrossRegionNotice;

import java.util.List;

/**
 * Everything past its deadline on {@code today}, for both regions: cross-region violation
 * notices not acknowledged, complaints not accepted or declined, assist requests not answered.
 */
public record OverdueReport(String today, List<CrossRegionNotice> notices, List<Complaint> complaints,
                            List<AssistRequest> assistRequests) {
}
