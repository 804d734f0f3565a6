package cn.cdcq.registry.client.certificate;

import cn.cdcq.registry.client.service.InvalidRequest;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.certificate.ReasonCodes;
import cn.cdcq.registry.common.format.CertificateNumber;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks the certificate endpoints make on path variables and small bodies before the
 * ledger is asked, each refusal naming its field ({@link InvalidRequest}). The national formats
 * are registry-common's validators; nothing is re-implemented here.
 */
final class RequestFields {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private RequestFields() {
    }

    static String certificateNumber(String field, String value) {
        return InvalidRequest.check(field, () -> CertificateNumber.validate(value));
    }



    /** A batch id: the batch's Merkle root, 64 lowercase hex digits. */
    static String batchId(String value) {
        if (value == null || !HEX64.matcher(value).matches()) {
            throw new InvalidRequest("batchId", InvalidInputException.INVALID_HEX, "a batch id is the batch's Merkle "
                    + "root, 64 lowercase hex digits, as the batch issue answered it");
        }
        return value;
    }

    /** A reason code of {@code allowed} (the list for {@code action}, see {@link ReasonCodes}). */
    static String reasonCode(String action, String value, List<String> allowed) {
        return InvalidRequest.check("reasonCode", () -> ReasonCodes.require(action, value, allowed));
    }

    /** Free text (a reason, a note): 1 to 500 characters on one line; public on the ledger, so no personal data. */
    static String text(String field, String value) {
        return InvalidRequest.check(field, () -> ReasonCodes.requireText(field, value));
    }
}
