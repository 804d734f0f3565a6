package cn.cdcq.registry.common.certificate;

/** The status of a center's accreditation. A center issues only while ACTIVE; revocation is final. */
public enum AccreditationStatus {
    ACTIVE, SUSPENDED, REVOKED
}
