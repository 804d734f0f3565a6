package cn.cdcq.registry.common.credential;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;

/**
 * Prints the size of a region's status list for 1,000,000 certificates, as the service would
 * serve it (scripts/bench-credentials.sh): the register doubles its lists once half the entries
 * are taken, so a million certificates live in 2,097,152 entries (256 KiB uncompressed). The
 * compressed size depends on how many bits are set, so it is shown for 0 %, 0.1 %, 1 % and 5 %.
 */
public final class StatusListSizes {

    private StatusListSizes() {
    }

    public static void main(String[] args) {
        int certificates = 1_000_000;
        int length = BitstringStatusList.MIN_LENGTH;
        while (certificates * 2L > length) {
            length *= 2;
        }
        Fixture fixture = new Fixture();
        Random random = new Random(12);
        System.out.printf("status list for %,d certificates: %,d entries, %,d bytes uncompressed%n", certificates, length, length / 8);
        for (double share : new double[] {0, 0.001, 0.01, 0.05}) {
            BitstringStatusList list = BitstringStatusList.ofLength(length);
            for (int i = 0; i < (int) (certificates * share); i++) {
                int index;
                do {
                    index = random.nextInt(length);
                } while (list.get(index));
                list.set(index, true);
            }
            String encoded = list.encode();
            String signed = fixture.sign(StatusListCredential.unsigned(Fixture.REVOCATION_URL, Fixture.DID, Vocabulary.REVOCATION,
                    list, Instant.now(), Instant.now().plusSeconds(3600)), 2, Instant.now());
            System.out.printf("  %4.1f %% revoked: encodedList %,d characters, signed status list credential %,d bytes%n",
                    share * 100, encoded.length(), signed.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
