package dev.leadpact.intake;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 webhook signatures. The CRM sends {@code X-LeadPact-Timestamp: <unix seconds>} and
 * {@code X-LeadPact-Signature: v1=<hex of HMAC-SHA256(secret, timestamp + "." + raw body)>}.
 */
public final class WebhookSignature {
    public static final String TIMESTAMP_HEADER = "X-LeadPact-Timestamp";
    public static final String SIGNATURE_HEADER = "X-LeadPact-Signature";
    static final String VERSION = "v1=";

    private final byte[] secret;
    private final Duration window;

    public WebhookSignature(String secret, Duration window) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("The webhook secret must have at least 16 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.window = window;
    }

    /** The header value a sender computes; public so that tests and tools sign exactly like a CRM. */
    public String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return VERSION + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }

    /** Why the signature is not acceptable, or empty when it is. */
    public Optional<String> reject(String timestamp, String signature, byte[] body, Instant now) {
        if (timestamp == null || signature == null) {
            return Optional.of("missing " + TIMESTAMP_HEADER + " or " + SIGNATURE_HEADER + " header");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Optional.of(TIMESTAMP_HEADER + " is not a unix time in seconds");
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(seconds), now).abs();
        if (skew.compareTo(window) > 0) {
            return Optional.of("timestamp outside the accepted window of " + window);
        }
        byte[] expected = sign(timestamp.strip(), body).getBytes(StandardCharsets.UTF_8);
        if (!sameBytes(expected, signature.strip().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("signature does not match");
        }
        return Optional.empty();
    }

    /**
     * Compares in time that depends on the length of {@code expected} only, never on where the
     * first difference is: a sender cannot find the signature byte by byte from how fast it is
     * refused. {@link MessageDigest#isEqual} is documented to be so.
     */
    static boolean sameBytes(byte[] expected, byte[] given) {
        return MessageDigest.isEqual(expected, given);
    }
}
