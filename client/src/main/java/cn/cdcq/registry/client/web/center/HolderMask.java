package cn.cdcq.registry.client.web.center;

/**
 * How the holder's name and ID number appear on the printed certificate, as the holder chooses.
 * The QR code never carries them; it carries the number and the salt only.
 */
public final class HolderMask {

    private HolderMask() {
    }

    /** Name: in full, or the family name (first character) followed by one mark per remaining character. */
    public enum Name {
        FULL, MASKED;

        public String apply(String name) {
            if (this == FULL || name.length() < 2) {
                return name;
            }
            return name.substring(0, 1) + "*".repeat(name.codePointCount(1, name.length()));
        }
    }

    /** ID number: in full, masked to the first six and last four characters, or not printed at all. */
    public enum IdNumber {
        FULL, MASKED, HIDDEN;

        public String apply(String id) {
            return switch (this) {
                case FULL -> id;
                case MASKED -> id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4);
                case HIDDEN -> "";
            };
        }
    }
}
