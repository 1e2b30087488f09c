package dev.leadpact.intake;

import dev.leadpact.events.Utm;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/** The marketing channel of a conversion when the client did not name one: from UTM, then referrer. */
final class Channels {
    private static final Set<String> PAID = Set.of("cpc", "ppc", "paid", "paidsearch", "paid-search", "sem");
    private static final Set<String> SEARCH_ENGINES = Set.of("google.", "bing.", "duckduckgo.", "yahoo.", "ecosia.");
    private static final Set<String> SOCIAL_SITES =
            Set.of("linkedin.", "facebook.", "twitter.", "x.com", "instagram.", "youtube.", "t.co", "reddit.");

    private Channels() {}

    static String of(String channel, Utm utm, String referrer) {
        if (channel != null && !channel.isBlank()) {
            return channel.strip().toLowerCase(Locale.ROOT);
        }
        String medium = utm == null || utm.medium() == null ? "" : utm.medium().toLowerCase(Locale.ROOT);
        if (PAID.contains(medium)) {
            return "paid-search";
        }
        if (medium.equals("email") || medium.equals("newsletter")) {
            return "email";
        }
        if (medium.contains("social")) {
            return medium.contains("paid") ? "paid-social" : "social";
        }
        if (medium.equals("display") || medium.equals("banner")) {
            return "display";
        }
        if (medium.equals("affiliate") || medium.equals("referral")) {
            return "referral";
        }
        String host = hostOf(referrer);
        if (host.isEmpty()) {
            return "direct";
        }
        if (SEARCH_ENGINES.stream().anyMatch(host::contains)) {
            return "organic-search";
        }
        if (SOCIAL_SITES.stream().anyMatch(host::contains)) {
            return "social";
        }
        return "referral";
    }

    private static String hostOf(String url) {
        if (url == null) {
            return "";
        }
        try {
            String host = URI.create(url).getHost();
            return host == null ? "" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
