package cn.cdcq.registry.chaincode.support;

import cn.cdcq.registry.common.ErrorCode;
import cn.cdcq.registry.common.InvalidInputException;
import org.hyperledger.fabric.shim.ChaincodeException;

import java.nio.charset.StandardCharsets;

/** A refused transaction: message "CODE: what was wrong and what to do", payload the code. */
public final class RegistryException extends ChaincodeException {

    private final ErrorCode code;

    public RegistryException(ErrorCode code, String message) {
        super(code.name() + ": " + message, code.name().getBytes(StandardCharsets.UTF_8));
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static RegistryException invalid(String message) {
        return new RegistryException(ErrorCode.INVALID_INPUT, message);
    }

    public static RegistryException invalid(InvalidInputException e) {
        return new RegistryException(ErrorCode.INVALID_INPUT, e.getMessage());
    }

    public static RegistryException forbidden(String message) {
        return new RegistryException(ErrorCode.FORBIDDEN, message);
    }

    public static RegistryException notFound(String message) {
        return new RegistryException(ErrorCode.NOT_FOUND, message);
    }

    public static RegistryException exists(String message) {
        return new RegistryException(ErrorCode.ALREADY_EXISTS, message);
    }

    public static RegistryException conflict(String message) {
        return new RegistryException(ErrorCode.CONFLICT, message);
    }

    public static RegistryException badSignature(String message) {
        return new RegistryException(ErrorCode.INVALID_SIGNATURE, message);
    }
}
