package cn.cdcq.registry.client.certificate;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** When the service may answer a public verification from memory, and when it must ask the ledger again. */
class VerificationCacheTest {

    private static final String A = "S000250123456264000001";
    private static final String B = "S000250123456264000002";

    private final VerificationCache cache = new VerificationCache();
    private final AtomicInteger asked = new AtomicInteger();

    private String verify(String number, String verdict) {
        return cache.report(number, () -> {
            asked.incrementAndGet();
            return "{\"certificateNumber\":\"" + number + "\",\"verdict\":\"" + verdict + "\"}";
        });
    }

    private static byte[] payload(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Nested
    class AValidAnswer {

        @Test
        void isReusedWhileNothingItDependsOnChanged() {
            String first = verify(A, "VALID");
            assertThat(verify(A, "VALID")).isEqualTo(first);
            cache.onEvent("CertificateBatchIssued", "tx", 1L, payload("{\"batchId\":\"ab\"}"));
            cache.onEvent("ViolationRecorded", "tx", 1L, payload("{}"));
            verify(A, "VALID");
            assertThat(asked).hasValue(1);
        }

        @Test
        void isForgottenWhenThatCertificatesStatusChangesAndOnlyThatOne() {
            verify(A, "VALID");
            verify(B, "VALID");
            cache.onEvent("CertificateStatusChanged", "tx", 1L, payload("{\"number\":\"" + A + "\",\"status\":\"REVOKED\"}"));
            assertThat(verify(A, "INVALID")).contains("INVALID");
            verify(B, "VALID");
            assertThat(asked).hasValue(3);
        }

        @Test
        void isForgottenWhenAnAccreditationARecognitionOrARegionChanges() {
            for (String event : new String[]{"AccreditationStatusChanged", "AccreditationAmended", "CenterAccredited",
                    "RecognitionRuleWithdrawn", "RecognitionDecisionMade", "RegionChangeApproved"}) {
                verify(A, "VALID");
                int before = asked.get();
                cache.onEvent(event, "tx", 1L, payload("{}"));
                verify(A, "VALID");
                assertThat(asked.get()).as(event).isEqualTo(before + 1);
            }
        }

        @Test
        void computedWhileAnInvalidatingEventArrivedIsNotKept() {
            cache.report(A, () -> {
                asked.incrementAndGet();
                cache.onEvent("CertificateStatusChanged", "tx", 1L, payload("{\"number\":\"" + A + "\"}"));
                return "{\"verdict\":\"VALID\"}";
            });
            verify(A, "VALID");
            assertThat(asked).hasValue(2);
        }
    }

    @Test
    void anAnswerThatIsNotValidIsNeverKept() {
        verify(A, "INVALID");
        verify(A, "INVALID");
        assertThat(asked).hasValue(2);
    }
}
