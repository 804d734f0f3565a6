package cn.cdcq.registry.common.privacy;

import cn.cdcq.registry.common.InvalidInputException;
import cn.cdcq.registry.common.json.Json;
import cn.cdcq.registry.common.privacy.Holder.HolderDetails;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HolderTest {

    /** Bytes 0x00..0x1f: a fixed pepper so the expected values below can be recomputed anywhere. */
    private static final byte[] PEPPER = new byte[32];
    private static final byte[] SALT = new byte[32];

    static {
        for (int i = 0; i < PEPPER.length; i++) {
            PEPPER[i] = (byte) i;
        }
        Arrays.fill(SALT, (byte) 0xA5);
    }

    @Nested
    class Pseudonyms {

        @Test
        void areTheHmacOfTheNormalizedIdNumber() {
            // python3: hmac.new(bytes(range(32)), b"11010519491231002X", hashlib.sha256).hexdigest()
            assertThat(Holder.pseudonym(PEPPER, "11010519491231002X"))
                    .isEqualTo("a66755453b106dcea0cfa264214ae59ff1e8b067f3e5f3aa8085e1d8757880eb");
        }

        @Test
        void areTheSameHoweverTheNumberWasTyped() {
            assertThat(Holder.pseudonym(PEPPER, " 11010519491231002x "))
                    .isEqualTo(Holder.pseudonym(PEPPER, "11010519491231002X"));
        }

        @Test
        void differUnderAnotherPepper() {
            byte[] otherPepper = PEPPER.clone();
            otherPepper[0] = 1;

            assertThat(Holder.pseudonym(otherPepper, "11010519491231002X"))
                    .isNotEqualTo(Holder.pseudonym(PEPPER, "11010519491231002X"));
        }

        @Test
        void refuseAnInvalidIdNumber() {
            assertThatThrownBy(() -> Holder.pseudonym(PEPPER, "110105194912310021"))
                    .isInstanceOf(InvalidInputException.class)
                    .extracting("code").isEqualTo("INVALID_ID_NUMBER");
        }

        @Test
        void refuseAMissingOrShortPepper() {
            assertThatThrownBy(() -> Holder.pseudonym(null, "11010519491231002X"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("pepper is missing")
                    .extracting("code").isEqualTo("INVALID_KEY");
            assertThatThrownBy(() -> Holder.pseudonym(new byte[8], "11010519491231002X"))
                    .hasMessageContaining("pepper is 8 bytes")
                    .hasMessageContaining("at least 16");
        }
    }

    @Nested
    class Commitments {

        private final HolderDetails zhangSan = new HolderDetails("张三", "11010519491231002X");

        @Test
        void areTheSha256OfSaltAndCanonicalDetails() {
            // python3: sha256(b"\xa5" * 32 + '{"name":"张三","residentIdNumber":"11010519491231002X"}'.encode())
            assertThat(Json.write(zhangSan)).isEqualTo("{\"name\":\"张三\",\"residentIdNumber\":\"11010519491231002X\"}");
            assertThat(Holder.commitment(SALT, zhangSan))
                    .isEqualTo("8f1b088ae3bd6d5e5f54a345c9cdc6101f1fbea7d197b9eab0c3705296f9cf6f");
        }

        @Test
        void areTheSameHoweverTheDetailsWereTyped() {
            HolderDetails typed = new HolderDetails(" 张三 ", "11010519491231002x");

            assertThat(typed).isEqualTo(zhangSan);
            assertThat(Holder.commitment(SALT, typed)).isEqualTo(Holder.commitment(SALT, zhangSan));
        }

        @Test
        void normalizeNamesToUnicodeNfc() {
            HolderDetails decomposed = new HolderDetails("Zoe\u0301", "11010519491231002X");

            assertThat(decomposed.name()).isEqualTo("Zo\u00e9");
        }

        @Test
        void changeWithTheSaltAndWithTheDetails() {
            byte[] otherSalt = SALT.clone();
            otherSalt[31] = 0;

            assertThat(Holder.commitment(otherSalt, zhangSan)).isNotEqualTo(Holder.commitment(SALT, zhangSan));
            assertThat(Holder.commitment(SALT, new HolderDetails("李四", "11010519491231002X")))
                    .isNotEqualTo(Holder.commitment(SALT, zhangSan));
        }

        @Test
        void refuseAMissingOrShortSalt() {
            assertThatThrownBy(() -> Holder.commitment(new byte[4], zhangSan))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("salt is 4 bytes");
            assertThatThrownBy(() -> Holder.commitment(null, zhangSan))
                    .isInstanceOf(InvalidInputException.class);
        }

        @Test
        void refuseMissingDetails() {
            assertThatThrownBy(() -> Holder.commitment(SALT, null))
                    .isInstanceOf(InvalidInputException.class)
                    .extracting("code").isEqualTo("INVALID_HOLDER");
        }
    }

    @Nested
    class HolderDetailsValidation {

        @Test
        void refusesABlankName() {
            assertThatThrownBy(() -> new HolderDetails("  ", "11010519491231002X"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("name is missing")
                    .extracting("code").isEqualTo("INVALID_HOLDER");
        }

        @Test
        void refusesAnInvalidIdNumber() {
            assertThatThrownBy(() -> new HolderDetails("张三", "123"))
                    .isInstanceOf(InvalidInputException.class)
                    .extracting("code").isEqualTo("INVALID_ID_NUMBER");
        }

        @Test
        void roundTripsThroughJson() {
            HolderDetails details = new HolderDetails("张三", "11010519491231002X");

            assertThat(Json.read(Json.write(details), HolderDetails.class)).isEqualTo(details);
        }

        @Test
        void keepsTheIdNumberErrorWhenReadFromJson() {
            assertThatThrownBy(() -> Json.read("{\"name\":\"张三\",\"residentIdNumber\":\"1\"}", HolderDetails.class))
                    .isInstanceOf(InvalidInputException.class)
                    .extracting("code").isEqualTo("INVALID_ID_NUMBER");
        }
    }

    @Nested
    class Salts {

        @Test
        void areThirtyTwoFreshRandomBytes() {
            byte[] one = Holder.newSalt();
            byte[] two = Holder.newSalt();

            assertThat(one).hasSize(32);
            assertThat(two).hasSize(32).isNotEqualTo(one);
        }
    }
}
