package dev.leadpact.intake;

import dev.leadpact.events.Stage;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Business settings of the intake, under {@code leadpact.*}. */
@ConfigMapping(prefix = "leadpact")
public interface IntakeConfig {

    /** Offer name (as posted, e.g. {@code demo-request}) to the stage a conversion on it reaches. */
    Map<String, Stage> offers();

    Segments segments();

    /** HTML forms by id: the offer each one converts on, and where the browser goes afterwards. */
    Map<String, Form> forms();

    Webhooks webhooks();

    Publish publish();

    Http http();

    Benchmark benchmark();

    /** Settings for benchmarks only; never set them in production. */
    interface Benchmark {
        /**
         * Benchmark only (the B_http baseline of docs/BENCHMARKS.md): validate and build every event,
         * then answer 202 without sending anything to Kafka. An accepted event is then lost: the
         * service logs a warning at start-up while this is on.
         */
        @WithDefault("false")
        boolean skipPublish();
    }

    interface Segments {
        /** Companies with at least this many employees are MID; below are SMALL. */
        @WithDefault("50")
        int midFrom();

        /** Companies with at least this many employees are LARGE. */
        @WithDefault("1000")
        int largeFrom();
    }

    interface Form {
        String offer();

        @WithName("thank-you-url")
        String thankYouUrl();

        /** Where to send the browser when the input is invalid; without it the answer is problem+json. */
        @WithName("error-url")
        Optional<String> errorUrl();
    }

    interface Webhooks {
        /** Shared secret for the HMAC-SHA256 signature of CRM webhooks. */
        String secret();

        /** How far a webhook's timestamp may be from now, either way. */
        @WithDefault("PT5M")
        Duration window();
    }

    interface Publish {
        /** How long a request waits for Kafka's acknowledgement before it answers 503. */
        @WithDefault("PT2S")
        Duration timeout();
    }

    interface Http {
        /**
         * The longest path and query a request may have; a longer one gets 414. The HTTP layer's own
         * limit ({@code quarkus.http.limits.max-initial-line-length}) is set far above it, so that it
         * is this service that answers, in problem+json.
         */
        @WithDefault("8192")
        int maxUriLength();

        RateLimit rateLimit();
    }

    /** Posts to {@code /conversions} and {@code /forms/*} per client; webhooks are signed and exempt. */
    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Posts one client (one remote address) may make per window; the next get 429. */
        @WithDefault("60")
        int requests();

        @WithDefault("PT1M")
        Duration window();

        /** Clients counted per window at most; past that a new client is refused until it turns. */
        @WithDefault("100000")
        int maxClients();
    }
}
