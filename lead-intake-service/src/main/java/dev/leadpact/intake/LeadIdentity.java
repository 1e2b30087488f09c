package dev.leadpact.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;

/**
 * Deterministic ids: the same normalised email is the same lead on every instance, with no lookup;
 * the same client idempotency key is the same event, so consumers drop a retried post.
 */
public final class LeadIdentity {

    /** Name-based (version 5) UUIDs live in this namespace, so they never collide with others'. */
    static final UUID NAMESPACE = UUID.fromString("6f0c7f36-5a4e-4d3b-9a55-3c1e2f4b8d10");

    private LeadIdentity() {}

    /** Trimmed, Unicode NFKC, lower case. Plus-addressing is kept: it may be a different inbox. */
    public static String normaliseEmail(String email) {
        return Normalizer.normalize(email.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** The CRM's lead id when the source carries one; otherwise derived from the normalised email. */
    public static String leadId(String email, String crmLeadId) {
        if (crmLeadId != null && !crmLeadId.isBlank()) {
            return crmLeadId.strip();
        }
        return nameBased("lead:" + normaliseEmail(email)).toString();
    }

    /** An event id derived from parts (e.g. lead and idempotency key): equal parts, equal id. */
    public static String eventId(String... parts) {
        return nameBased(String.join("\u001f", parts)).toString();
    }

    /** RFC 4122 version 5 (SHA-1, name-based) UUID. */
    static UUID nameBased(String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(toBytes(NAMESPACE));
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
                msb = (msb << 8) | (hash[i] & 0xff);
                lsb = (lsb << 8) | (hash[i + 8] & 0xff);
            }
            return new UUID(msb, lsb);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-1", e);
        }
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] bytes = new byte[16];
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (msb >>> (56 - 8 * i));
            bytes[i + 8] = (byte) (lsb >>> (56 - 8 * i));
        }
        return bytes;
    }
}
