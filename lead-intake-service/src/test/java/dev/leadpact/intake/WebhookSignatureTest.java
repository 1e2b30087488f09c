package dev.leadpact.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final WebhookSignature signature = new WebhookSignature("test-secret-0123456789", Duration.ofMinutes(5));
    private final byte[] body = "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signatureIsHmacSha256OfTimestampDotBody() {
        // Computed independently: printf '1795694400.{"id":"1"}' | openssl dgst -sha256 -hmac test-secret-0123456789
        assertThat(signature.sign("1795694400", body))
                .isEqualTo("v1=02c1c710c498962f39f2a5f9fa4180971a69cf55c4bd03ef383e2523436c2aed");
    }

    @Test
    void acceptsAFreshCorrectSignature() {
        String timestamp = String.valueOf(NOW.getEpochSecond());
        assertThat(signature.reject(timestamp, signature.sign(timestamp, body), body, NOW))
                .isEmpty();
    }

    @Test
    void rejectsMissingWrongAndStale() {
        String timestamp = String.valueOf(NOW.getEpochSecond());
        String good = signature.sign(timestamp, body);

        assertThat(signature.reject(null, good, body, NOW))
                .hasValueSatisfying(r -> assertThat(r).contains("missing"));
        assertThat(signature.reject(timestamp, null, body, NOW)).isPresent();
        assertThat(signature.reject("yesterday", good, body, NOW)).isPresent();
        assertThat(signature.reject(timestamp, good.replace('a', 'b'), body, NOW))
                .isPresent();
        assertThat(signature.reject(timestamp, good, "{\"id\":\"2\"}".getBytes(StandardCharsets.UTF_8), NOW))
                .isPresent();
        assertThat(signature.reject(timestamp, good, body, NOW.plus(Duration.ofMinutes(6))))
                .hasValueSatisfying(r -> assertThat(r).contains("window"));
        assertThat(signature.reject(timestamp, good, body, NOW.minus(Duration.ofMinutes(6))))
                .isPresent();
        assertThat(signature.reject(timestamp, good, body, NOW.plus(Duration.ofMinutes(4))))
                .isEmpty();
    }

    @Test
    void refusesShortSecrets() {
        assertThatThrownBy(() -> new WebhookSignature("short", Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
