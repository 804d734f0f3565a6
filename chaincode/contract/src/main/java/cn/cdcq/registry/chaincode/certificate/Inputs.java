package cn.cdcq.registry.chaincode.certificate;

import cn.cdcq.registry.chaincode.support.Ledger;
import cn.cdcq.registry.chaincode.support.RegistryException;
import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.format.CertificateNumber;
import cn.cdcq.registry.common.format.RegionCode;
import cn.cdcq.registry.common.format.Uscc;
import cn.cdcq.registry.common.json.Json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Supplier;

/**
 * Transaction arguments as the certificate contracts read them: a format error from the shared
 * validators becomes an {@code INVALID_INPUT} refusal with the validator's message.
 */
final class Inputs {

    /** Dates on certificates and accreditations are calendar dates in China. */
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private Inputs() {
    }

    static <T> T read(String json, Class<T> type) {
        return valid(() -> Json.read(json, type));
    }

    static <T> T valid(Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidInputException e) {
            throw RegistryException.invalid(e);
        }
    }

    static String certificateNumber(String number) {
        return valid(() -> CertificateNumber.validate(number));
    }

    static String uscc(String uscc) {
        return valid(() -> Uscc.validate(uscc));
    }

    static String region(String code) {
        return valid(() -> RegionCode.validate(code));
    }

    /** The transaction's date in China: the same on every endorsing peer, since it comes from the tx timestamp. */
    static LocalDate today(Ledger ledger) {
        return ledger.now().atZone(CHINA).toLocalDate();
    }

    /** The China date of an ISO-8601 instant written by {@link Ledger#nowIso()}. */
    static LocalDate dateOf(String isoInstant) {
        return Instant.parse(isoInstant).atZone(CHINA).toLocalDate();
    }
}
