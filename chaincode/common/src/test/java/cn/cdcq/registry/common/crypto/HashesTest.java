package cn.cdcq.registry.common.crypto;

import cn.cdcq.registry.common.InvalidInputException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HashesTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Nested
    class Sha256 {

        @Test
        void matchesTheFips180Vectors() {
            assertThat(Hashes.sha256Hex(utf8("abc")))
                    .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
            assertThat(Hashes.sha256Hex(new byte[0]))
                    .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
            assertThat(Hashes.sha256Hex(utf8("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")))
                    .isEqualTo("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
        }

        @Test
        void hashesTheConcatenationOfItsParts() {
            assertThat(Hashes.sha256(utf8("a"), utf8(""), utf8("bc"))).isEqualTo(Hashes.sha256(utf8("abc")));
            assertThat(Hashes.sha256()).isEqualTo(Hashes.sha256(new byte[0]));
        }

        @Test
        void returnsThirtyTwoBytes() {
            assertThat(Hashes.sha256(utf8("x"))).hasSize(32);
        }
    }

    @Nested
    class HmacSha256 {

        @Test
        void matchesRfc4231TestCase1() {
            byte[] key = new byte[20];
            Arrays.fill(key, (byte) 0x0b);

            assertThat(Hashes.hex(Hashes.hmacSha256(key, utf8("Hi There"))))
                    .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        }

        @Test
        void matchesRfc4231TestCase2() {
            assertThat(Hashes.hex(Hashes.hmacSha256(utf8("Jefe"), utf8("what do ya want for nothing?"))))
                    .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        }

        @Test
        void refusesAnEmptyKey() {
            assertThatThrownBy(() -> Hashes.hmacSha256(new byte[0], utf8("data")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("key is empty")
                    .extracting("code").isEqualTo("INVALID_KEY");
        }
    }

    @Nested
    class Hex {

        @Test
        void encodesLowercaseTwoDigitsPerByte() {
            assertThat(Hashes.hex(new byte[] {0x00, 0x0f, (byte) 0xab, (byte) 0xff, 0x10})).isEqualTo("000fabff10");
            assertThat(Hashes.hex(new byte[0])).isEmpty();
        }

        @Test
        void decodesEitherCase() {
            assertThat(Hashes.fromHex("000FabFF10")).containsExactly(0x00, 0x0f, 0xab, 0xff, 0x10);
            assertThat(Hashes.fromHex("")).isEmpty();
        }

        @Test
        void roundTripsEveryByteValue() {
            byte[] all = new byte[256];
            for (int i = 0; i < all.length; i++) {
                all[i] = (byte) i;
            }
            assertThat(Hashes.fromHex(Hashes.hex(all))).isEqualTo(all);
        }

        @Test
        void rejectsAnOddLength() {
            assertThatThrownBy(() -> Hashes.fromHex("abc"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("length 3 is odd")
                    .extracting("code").isEqualTo("INVALID_HEX");
        }

        @Test
        void rejectsANonHexCharacterNamingItsPosition() {
            assertThatThrownBy(() -> Hashes.fromHex("00g1"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("'g' at position 3");
        }

        @Test
        void rejectsNonAsciiDigitsThatJavaWouldOtherwiseAccept() {
            // U+FF10 FULLWIDTH DIGIT ZERO: Character.digit accepts it.
            assertThatThrownBy(() -> Hashes.fromHex("\uFF100"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("position 1");
        }

        @Test
        void rejectsNull() {
            assertThatThrownBy(() -> Hashes.fromHex(null))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("missing");
        }
    }
}
