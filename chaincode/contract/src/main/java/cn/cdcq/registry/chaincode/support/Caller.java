package cn.cdcq.registry.chaincode.support;

import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who submitted the transaction: the MSP of their organization and the attributes their
 * Fabric CA put into the enrollment certificate ({@code role}, {@code centerId},
 * {@code inspectorId}, {@code uscc}; docs/design.md §parties).
 */
public final class Caller {

    public static final String BUREAU = "bureau";
    public static final String TRAINING_CENTER = "training_center";
    public static final String INSPECTOR = "inspector";
    /**
     * A platform enterprise's own account, its USCC in the {@code uscc} attribute: it files and
     * corrects that enterprise's reports where the region allows it (docs/reports.md), nothing else.
     */
    public static final String ENTERPRISE = "enterprise";

    private final ClientIdentity identity;

    private Caller(ClientIdentity identity) {
        this.identity = identity;
    }

    public static Caller of(Context ctx) {
        ClientIdentity id = ctx.getClientIdentity();
        if (id == null) {
            throw RegistryException.forbidden("the transaction carries no readable client identity");
        }
        return new Caller(id);
    }

    public String mspId() {
        return identity.getMSPID();
    }

    /**
     * Who acted, as "MSPID/account": the account name (certificate CN) that the region's CA
     * issued. Account names are identifiers, never personal names (the regional service
     * enforces that), so this can go on the ledger.
     */
    public String id() {
        String subject = identity.getX509Certificate().getSubjectX500Principal().getName();
        Matcher m = CN.matcher(subject);
        return mspId() + "/" + (m.find() ? m.group(1) : subject);
    }

    private static final Pattern CN = Pattern.compile("(?:^|,)CN=([^,]+)");

    public Optional<String> attribute(String name) {
        return Optional.ofNullable(identity.getAttributeValue(name)).filter(v -> !v.isBlank());
    }

    public String role() {
        return attribute("role").orElse("");
    }

    /** Who acted, for the record: the inspectorId of an inspector, otherwise "MSPID/account" ({@link #id()}). */
    public String actor() {
        return role().equals(INSPECTOR) ? attribute("inspectorId").orElse(id()) : id();
    }

    public void requireRole(String... roles) {
        String role = role();
        if (Arrays.asList(roles).contains(role)) {
            return;
        }
        throw RegistryException.forbidden("this needs the role " + String.join(" or ", roles)
                + (role.isEmpty() ? "; the caller's certificate has no role attribute"
                                  : "; the caller's role is " + role)
                + " (roles come from the 'role' attribute of the Fabric CA enrollment certificate)");
    }
}
