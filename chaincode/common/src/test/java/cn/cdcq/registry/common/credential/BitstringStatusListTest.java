package cn.cdcq.registry.common.credential;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BitstringStatusListTest {

    @Test
    void theSpecificationsExampleListDecodesTo131072ClearBits() {
        // Bitstring Status List v1.0, example "BitstringStatusListCredential": 16 KB of zeros.
        BitstringStatusList list = BitstringStatusList.decode("uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA");
        assertThat(list.length()).isEqualTo(131_072);
        for (int i = 0; i < list.length(); i += 997) {
            assertThat(list.get(i)).isFalse();
        }
    }

    @Test
    void indexZeroIsTheLeftmostBitOfTheFirstByteAndSurvivesEncoding() {
        BitstringStatusList list = BitstringStatusList.ofLength(BitstringStatusList.MIN_LENGTH);
        list.set(0, true);
        list.set(9, true);
        list.set(131_071, true);
        BitstringStatusList back = BitstringStatusList.decode(list.encode());
        assertThat(back.get(0)).isTrue();
        assertThat(back.get(1)).isFalse();
        assertThat(back.get(9)).isTrue();
        assertThat(back.get(131_071)).isTrue();
        assertThat(list.encode()).startsWith("uH4sI"); // multibase base64url of a GZIP header
        list.set(9, false);
        assertThat(list.get(9)).isFalse();
    }

    @Test
    void garbageAndShortListsAreRefusedWithTheirReason() {
        assertThatThrownBy(() -> BitstringStatusList.decode("zabc")).hasMessageContaining("multibase base64url");
        assertThatThrownBy(() -> BitstringStatusList.decode("uAAAA")).hasMessageContaining("not GZIP");
        assertThatThrownBy(() -> BitstringStatusList.ofLength(1000)).hasMessageContaining("131072");
        assertThatThrownBy(() -> BitstringStatusList.ofLength(BitstringStatusList.MIN_LENGTH).get(131_072))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aGrownListKeepsItsBits() {
        BitstringStatusList list = BitstringStatusList.ofLength(BitstringStatusList.MIN_LENGTH);
        list.set(100, true);
        BitstringStatusList grown = list.grownTo(2 * BitstringStatusList.MIN_LENGTH);
        assertThat(grown.length()).isEqualTo(262_144);
        assertThat(grown.get(100)).isTrue();
        assertThat(grown.get(200_000)).isFalse();
    }
}
