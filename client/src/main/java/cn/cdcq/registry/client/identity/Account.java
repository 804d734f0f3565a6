package cn.cdcq.registry.client.identity;

/**
 * A user of the regional service as stored in {@code DATA_DIR/accounts/<name>.json}: the
 * BCrypt hash of the password, the Fabric enrollment certificate, and the private key
 * encrypted with the service's master secret ({@link KeyVault}). The name is an identifier
 * (e.g. "cd-ins-0003"), never a person's name: it becomes the certificate's CN and appears on
 * the ledger as the acting account. {@code uscc} is the enterprise of an ENTERPRISE account
 * (null for the others, and in files written before that role).
 */
public record Account(String name, AccountRole role, String centerId, String inspectorId,
                      String passwordHash, String certificatePem, String encryptedKey,
                      String createdAt, String createdBy, String uscc) {

    /** An account of a role other than ENTERPRISE (no USCC). */
    public Account(String name, AccountRole role, String centerId, String inspectorId, String passwordHash,
                   String certificatePem, String encryptedKey, String createdAt, String createdBy) {
        this(name, role, centerId, inspectorId, passwordHash, certificatePem, encryptedKey, createdAt, createdBy, null);
    }
}
