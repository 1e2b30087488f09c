package dev.leadpact.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.function.BiPredicate;
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

    /**
     * Constant time, measured: comparing 1 MiB that differs in its first byte takes as long as
     * comparing 1 MiB that differs in its last (the two interleaved, the median of 21 rounds, so
     * that a busy machine slows both alike). The same measurement of {@link Arrays#equals}, which
     * stops at the first difference, shows the gap it is looking for: a hundredfold.
     */
    @Test
    void theComparisonTakesAsLongWhereverTheFirstDifferenceIs() {
        byte[] expected = new byte[1 << 20];
        new Random(7).nextBytes(expected);
        byte[] firstDiffers = expected.clone();
        firstDiffers[0] ^= 1;
        byte[] lastDiffers = expected.clone();
        lastDiffers[lastDiffers.length - 1] ^= 1;

        double ours = ratio(WebhookSignature::sameBytes, expected, firstDiffers, lastDiffers);
        double early = ratio(Arrays::equals, expected, firstDiffers, lastDiffers);
        System.out.printf("[constant time] first/last difference: sameBytes %.3f, Arrays.equals %.5f%n", ours, early);
        assertThat(ours)
                .as("time to refuse a first-byte difference / a last-byte difference")
                .isBetween(0.5, 2.0);
        assertThat(early).as("the same for a comparison that stops early").isLessThan(0.01);
    }

    /** Median over rounds of (time comparing with {@code early}) / (time comparing with {@code late}). */
    private static double ratio(BiPredicate<byte[], byte[]> equal, byte[] expected, byte[] early, byte[] late) {
        int calls = 20;
        for (int i = 0; i < 10 * calls; i++) {
            assertThat(equal.test(expected, early) || equal.test(expected, late))
                    .isFalse();
        }
        double[] ratios = new double[21];
        for (int round = 0; round < ratios.length; round++) {
            ratios[round] = (double) time(equal, expected, early, calls) / time(equal, expected, late, calls);
        }
        Arrays.sort(ratios);
        return ratios[ratios.length / 2];
    }

    private static long time(BiPredicate<byte[], byte[]> equal, byte[] expected, byte[] given, int calls) {
        long start = System.nanoTime();
        boolean any = false;
        for (int i = 0; i < calls; i++) {
            any |= equal.test(expected, given);
        }
        long elapsed = System.nanoTime() - start;
        assertThat(any).isFalse();
        return Math.max(1, elapsed);
    }
}
