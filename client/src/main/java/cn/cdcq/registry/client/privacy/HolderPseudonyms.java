package cn.cdcq.registry.client.privacy;

import cn.cdcq.registry.client.config.ServiceProperties;
import cn.cdcq.registry.common.privacy.Holder;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Holder pseudonyms (docs/design.md §4): HMAC-SHA256 under the consortium pepper, which lives only in
 * the bureaus' service configuration ({@code registry.pepper-file}, base64, written 0600 by the
 * scripts), never on the ledger. The resident ID number is used here and forgotten.
 */
@Component
public class HolderPseudonyms {

    private final byte[] pepper;

    public HolderPseudonyms(ServiceProperties properties) {
        if (properties.pepperFile() == null) {
            throw new IllegalStateException("no consortium pepper is configured (registry.pepper-file)");
        }
        this.pepper = read(properties.pepperFile());
    }

    /** The holder pseudonym of a resident ID number (validated first, GB 11643-1999). */
    public String pseudonym(String residentIdNumber) {
        return Holder.pseudonym(pepper, residentIdNumber);
    }

    private static byte[] read(Path file) {
        try {
            byte[] pepper = Base64.getDecoder().decode(Files.readString(file).strip());
            if (pepper.length < 16) {
                throw new IllegalStateException("the consortium pepper in " + file + " is " + pepper.length
                        + " bytes; it needs at least 16 random bytes (32 recommended), base64");
            }
            return pepper;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the consortium pepper " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the consortium pepper in " + file + " is not base64", e);
        }
    }
}
