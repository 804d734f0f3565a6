package cn.cdcq.registry.common.credential;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The bitstring of a W3C Bitstring Status List v1.0: one bit per credential, bit 0 the
 * left-most bit of the first byte, GZIP-compressed and written as multibase base64url
 * ({@code encodedList}). At least {@value #MIN_LENGTH} entries (16 KB), the specification's
 * minimum, so that one credential's bit hides among many (herd privacy).
 */
public final class BitstringStatusList {

    /** The specification's minimum length in bits (§6.1: 131,072 entries, 16 KB uncompressed). */
    public static final int MIN_LENGTH = 131_072;
    /** Longest list this verifier decompresses (2^27 bits = 16 MB), so a hostile list cannot exhaust memory. */
    public static final int MAX_LENGTH = 1 << 27;

    private final byte[] bits;

    private BitstringStatusList(byte[] bits) {
        this.bits = bits;
    }

    /** A list that cannot be read: not base64url, not GZIP, shorter than the minimum, or too long. */
    public static final class StatusListException extends RuntimeException {
        private final boolean tooShort;

        StatusListException(String message, boolean tooShort) {
            super(message);
            this.tooShort = tooShort;
        }

        /** Whether the list is shorter than the minimum (the specification's STATUS_LIST_LENGTH_ERROR). */
        public boolean tooShort() {
            return tooShort;
        }
    }

    /** An all-zero list of {@code length} bits (a multiple of 8, at least {@value #MIN_LENGTH}). */
    public static BitstringStatusList ofLength(int length) {
        if (length < MIN_LENGTH || length % 8 != 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("a status list has " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " entries, a multiple of 8; got " + length);
        }
        return new BitstringStatusList(new byte[length / 8]);
    }

    /** Decodes an {@code encodedList}. */
    public static BitstringStatusList decode(String encodedList) {
        byte[] compressed;
        try {
            compressed = Multibase.decodeBase64url(encodedList, "encodedList");
        } catch (Multibase.MultibaseException e) {
            throw new StatusListException(e.getMessage(), false);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(MIN_LENGTH / 8);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_LENGTH / 8) {
                    throw new StatusListException("encodedList expands beyond " + MAX_LENGTH + " entries; this verifier "
                            + "reads no longer list", false);
                }
            }
        } catch (IOException e) {
            throw new StatusListException("encodedList is not GZIP data (" + e.getMessage() + "); it may be truncated "
                    + "or tampered with: fetch the status list again", false);
        }
        byte[] bits = out.toByteArray();
        if (bits.length * 8L < MIN_LENGTH) {
            throw new StatusListException("the status list has " + bits.length * 8 + " entries, fewer than the "
                    + MIN_LENGTH + " the specification requires", true);
        }
        return new BitstringStatusList(bits);
    }

    /** Multibase base64url of the GZIP-compressed bitstring. */
    public String encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bits);
        } catch (IOException e) {
            throw new UncheckedIOException("GZIP into memory failed", e);
        }
        return Multibase.base64url(out.toByteArray());
    }

    public int length() {
        return bits.length * 8;
    }

    public boolean get(int index) {
        checkIndex(index);
        return (bits[index >>> 3] & (0x80 >>> (index & 7))) != 0;
    }

    public void set(int index, boolean value) {
        checkIndex(index);
        if (value) {
            bits[index >>> 3] |= (byte) (0x80 >>> (index & 7));
        } else {
            bits[index >>> 3] &= (byte) ~(0x80 >>> (index & 7));
        }
    }

    /** A longer list with the same bits (the new entries 0), for a register that outgrew this one. */
    public BitstringStatusList grownTo(int length) {
        BitstringStatusList grown = ofLength(length);
        System.arraycopy(bits, 0, grown.bits, 0, Math.min(bits.length, grown.bits.length));
        return grown;
    }

    public BitstringStatusList copy() {
        return new BitstringStatusList(bits.clone());
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= length()) {
            throw new IndexOutOfBoundsException("status list index " + index + " is outside the list of "
                    + length() + " entries (0 to " + (length() - 1) + ")");
        }
    }
}
