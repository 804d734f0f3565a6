package cn.cdcq.registry.common.certificate;

/** The status of a center's accreditation. A center issues only while ACTIVE; revocation is final. */
public final class AccreditationStatus {

    public static final String ACTIVE = "ACTIVE";
    public static final String SUSPENDED = "SUSPENDED";
    public static final String REVOKED = "REVOKED";

    private AccreditationStatus() {
    }
}
