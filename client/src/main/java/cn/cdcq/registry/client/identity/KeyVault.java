package cn.cdcq.registry.client.identity;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts users' private keys at rest: AES-256-GCM under a key derived (HMAC-SHA256) from the
 * service's master secret, a 32-byte file created with mode 0600 on first start. The account
 * name is bound in as associated data, so a key file copied onto another account does not
 * decrypt. Stored form: {@code v1:base64(nonce ‖ ciphertext ‖ tag)}.
 */
public final class KeyVault {

    private static final String VERSION = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private KeyVault(byte[] masterSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(masterSecret, "HmacSHA256"));
            this.key = new SecretKeySpec(mac.doFinal("cdcq-registry private keys v1".getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Opens the vault with the master secret in {@code secretFile}, creating it (0600) if absent. */
    public static KeyVault open(Path secretFile) {
        try {
            Files.createDirectories(secretFile.getParent());
            if (!Files.exists(secretFile)) {
                byte[] secret = new byte[32];
                RANDOM.nextBytes(secret);
                try {
                    Files.createFile(secretFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.write(secretFile, secret);
                } catch (FileAlreadyExistsException raced) {
                    // another start made it first; use theirs
                }
            }
            byte[] secret = Files.readAllBytes(secretFile);
            if (secret.length < 32) {
                throw new IllegalStateException("the master secret " + secretFile + " is shorter than 32 bytes; "
                        + "restore it from backup (without it the stored private keys cannot be decrypted)");
            }
            return new KeyVault(secret);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the master secret " + secretFile, e);
        }
    }

    public String encrypt(byte[] plaintext, String account) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(account.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public byte[] decrypt(String stored, String account) {
        if (stored == null || !stored.startsWith(VERSION)) {
            throw new IllegalStateException("the stored key of account " + account + " is not in the " + VERSION + " format");
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(VERSION.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE_BYTES));
            cipher.updateAAD(account.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot decrypt the private key of account " + account
                    + ": wrong master secret, or the account file was altered", e);
        }
    }
}
