package cn.cdcq.registry.client.identity;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.format.Uscc;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A bureau administrator's request for a new account. The name is an identifier that goes on
 * the ledger as the acting account, so it must never be a person's name.
 */
public record NewAccount(
        @Schema(description = "Account identifier: 3-64 of a-z, 0-9 and '-', never a person's name", example = "cd-ins-0003")
        @NotNull @Pattern(regexp = NAME_PATTERN, message = "must be 3 to 64 characters of a-z, 0-9 and '-', starting with a letter or digit (an identifier, never a person's name)")
        String name,
        @NotNull AccountRole role,
        @Schema(description = "Training center's unified social credit code (role TRAINING_CENTER only)", example = "52510100MJ0000001X")
        String centerId,
        @Schema(description = "Inspector's identifier, region code first (role INSPECTOR only)", example = "CD-INS-0003")
        String inspectorId,
        @Schema(description = "The enterprise's unified social credit code (role ENTERPRISE only): the account files "
                + "and corrects that enterprise's reports where the region allows it", example = "91510100MA6100021E")
        String uscc,
        @Schema(description = "Login password, 12 to 128 characters; if absent the service makes one and returns it once")
        @Size(min = 12, max = 128) String password) {

    /** A request for an account of a role other than ENTERPRISE (no USCC). */
    public NewAccount(String name, AccountRole role, String centerId, String inspectorId, String password) {
        this(name, role, centerId, inspectorId, null, password);
    }

    static final String NAME_PATTERN = "[a-z0-9][a-z0-9-]{2,63}";
    static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile(NAME_PATTERN);

    /**
     * The checks that depend on more than one field or on the region: a center needs a valid
     * USCC, an inspector an ID of this region, an enterprise account its enterprise's valid USCC,
     * and nobody else any of them.
     */
    public void validate(String regionCode) {
        if (role == AccountRole.PUBLIC_READER || PublicReader.ACCOUNT.equals(name)) {
            throw new InvalidInputException("INVALID_ACCOUNT", "the account " + PublicReader.ACCOUNT + " (role "
                    + AccountRole.PUBLIC_READER + ") is the service's own reader for its open endpoints; it cannot be created");
        }
        switch (role) {
            case TRAINING_CENTER -> {
                if (centerId == null) {
                    throw new InvalidInputException(InvalidInputException.INVALID_USCC,
                            "a TRAINING_CENTER account needs centerId, the center's unified social credit code");
                }
                Uscc.validate(centerId);
                requireAbsent(inspectorId, "inspectorId");
                requireAbsent(uscc, "uscc");
            }
            case INSPECTOR -> {
                if (inspectorId == null || !inspectorId.matches(regionCode + "-INS-\\d{4,8}")) {
                    throw new InvalidInputException("INVALID_INSPECTOR_ID", "an INSPECTOR account needs inspectorId of the form "
                            + regionCode + "-INS-0001 (this region's code, then 4 to 8 digits); got " + inspectorId);
                }
                requireAbsent(centerId, "centerId");
                requireAbsent(uscc, "uscc");
            }
            case ENTERPRISE -> {
                if (uscc == null) {
                    throw new InvalidInputException(InvalidInputException.INVALID_USCC,
                            "an ENTERPRISE account needs uscc, the enterprise's unified social credit code");
                }
                Uscc.validate(uscc);
                requireAbsent(centerId, "centerId");
                requireAbsent(inspectorId, "inspectorId");
            }
            default -> {
                requireAbsent(centerId, "centerId");
                requireAbsent(inspectorId, "inspectorId");
                requireAbsent(uscc, "uscc");
            }
        }
    }

    private void requireAbsent(String value, String field) {
        if (value != null) {
            throw new InvalidInputException("INVALID_ACCOUNT", field + " is only for "
                    + switch (field) {
                        case "centerId" -> "TRAINING_CENTER";
                        case "inspectorId" -> "INSPECTOR";
                        default -> "ENTERPRISE";
                    } + " accounts, not " + role);
        }
    }
}
