package cn.cdcq.registry.client.identity;

/**
 * A user of the regional service as stored in {@code DATA_DIR/accounts/<name>.json}: the
 * BCrypt hash of the password, the Fabric enrollment certificate, and the private key
 * encrypted with the service's master secret ({@link KeyVault}). The name is an identifier
 * (e.g. "cd-ins-0003"), never a person's name: it becomes the certificate's CN and appears on
 * the ledger as the acting account.
 */
public record Account(String name, AccountRole role, String centerId, String inspectorId,
                      String passwordHash, String certificatePem, String encryptedKey,
                      String createdAt, String createdBy) {
}
