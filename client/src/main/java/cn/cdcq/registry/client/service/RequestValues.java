package cn.cdcq.registry.client.service;

import cn.cdcq.registry.common.format.IsoDate;
import cn.cdcq.registry.common.format.RegionCode;
import cn.cdcq.registry.common.format.Uscc;

/**
 * The request values every feature checks the same way before the ledger is asked (USCC, region
 * code, date), each refusal an {@link InvalidRequest} naming its field. The national formats are
 * registry-common's validators, the same ones the chaincode runs again.
 */
public final class RequestValues {

    private RequestValues() {
    }

    public static String uscc(String field, String value) {
        return InvalidRequest.check(field, () -> Uscc.validate(value));
    }

    public static String region(String field, String value) {
        return InvalidRequest.check(field, () -> RegionCode.validate(value));
    }

    /** A yyyy-MM-dd date, normalized. */
    public static String date(String field, String value) {
        return InvalidRequest.check(field, () -> IsoDate.parse("the date", value).toString());
    }

    /** An optional date: absent stays {@code null}. */
    public static String optionalDate(String field, String value) {
        return value == null || value.isBlank() ? null : date(field, value);
    }
}
