package dev.leadpact.devstack;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Realistic demo traffic through the intake's REST API: conversions from several channels and
 * offers (HTML form posts and JSON), stage rises, owner assignments, sales attempts with realistic
 * delays (most in time, some late, some never), status changes and closed deals. Delays scale with
 * {@code --deadline}, the first-contact deadline the monitor runs with, so that breaches happen
 * during a demo. Prints progress every five seconds.
 *
 * <p>Arguments: {@code --intake URL} (http://localhost:8081), {@code --rate} new leads per second
 * (2), {@code --duration} ISO-8601 (PT10M), {@code --deadline} (PT2M), {@code --secret} (the local
 * suite's webhook secret), {@code --seed} (random).
 */
public final class DemoTraffic {
    private static final String[] IQL_OFFERS = {"ebook", "checklist", "blog-subscription"};
    private static final String[] MQL_OFFERS = {"webinar", "case-study", "product-comparison"};
    private static final String[] SQL_OFFERS = {"demo-request", "contact-sales", "pricing-request"};
    private static final String[][] SOURCES = {
        {"google", "cpc", "q4-demand"},
        {"linkedin", "paid-social", "abm-enterprise"},
        {"newsletter", "email", "nurture-nov"},
        {null, null, null},
        {"partner", "referral", "partner-co"}
    };
    private static final String[][] REPS = {
        {"rep-jane", "mgr-omar", "emea-mid"}, {"rep-lee", "mgr-omar", "emea-mid"},
        {"rep-ana", "mgr-kim", "na-small"}, {"rep-raj", "mgr-kim", "na-small"},
        {"rep-eva", "mgr-sam", "enterprise"}, {"rep-tom", "mgr-sam", "enterprise"}
    };

    private final URI intake;
    private final String secret;
    private final Duration deadline;
    private final Random random;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final Map<String, AtomicLong> sent = new LinkedHashMap<>();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    DemoTraffic(URI intake, String secret, Duration deadline, long seed) {
        this.intake = intake;
        this.secret = secret;
        this.deadline = deadline;
        this.random = new Random(seed);
        for (String kind : List.of("conversions", "attempts", "owners", "statuses", "deals")) {
            sent.put(kind, new AtomicLong());
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        double rate = Double.parseDouble(options.getOrDefault("rate", "2"));
        Duration duration = Duration.parse(options.getOrDefault("duration", "PT10M"));
        DemoTraffic traffic = new DemoTraffic(
                URI.create(options.getOrDefault("intake", "http://localhost:8081")),
                options.getOrDefault(
                        "secret", System.getenv().getOrDefault("LEADPACT_WEBHOOKS_SECRET", DevStack.WEBHOOK_SECRET)),
                Duration.parse(options.getOrDefault("deadline", "PT2M")),
                Long.parseLong(options.getOrDefault("seed", String.valueOf(System.nanoTime()))));
        System.out.printf(
                "[demo] %.1f new leads/s for %s against %s (first-contact deadline %s)%n",
                rate, duration, traffic.intake, traffic.deadline);
        traffic.run(rate, duration);
    }

    void run(double rate, Duration duration) throws InterruptedException {
        long periodMicros = Math.max(1, Math.round(1_000_000 / rate));
        scheduler.scheduleAtFixedRate(this::newLead, 0, periodMicros, TimeUnit.MICROSECONDS);
        Instant end = Instant.now().plus(duration);
        while (Instant.now().isBefore(end)) {
            Thread.sleep(Math.min(
                    5000, Math.max(1, Duration.between(Instant.now(), end).toMillis())));
            System.out.println("[demo] " + progress());
        }
        scheduler.shutdownNow();
        System.out.println("[demo] done: " + progress());
    }

    private String progress() {
        StringBuilder line = new StringBuilder();
        sent.forEach((kind, count) ->
                line.append(kind).append(' ').append(count.get()).append(", "));
        return line.append("rejected ")
                .append(rejected.get())
                .append(", failed ")
                .append(failed.get())
                .toString();
    }

    /** One lead's story, scheduled from now on. */
    private void newLead() {
        String email = "demo-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        int employees = new int[] {8, 25, 120, 400, 2500}[random.nextInt(5)];
        double roll = random.nextDouble();
        String[] offers = roll < 0.45 ? IQL_OFFERS : roll < 0.75 ? MQL_OFFERS : SQL_OFFERS;
        String[] source = SOURCES[random.nextInt(SOURCES.length)];
        convert(email, offers[random.nextInt(offers.length)], employees, source);

        boolean sql = offers == SQL_OFFERS;
        if (!sql && random.nextDouble() < 0.25) {
            // A stage rise: the lead comes back for a demo.
            later(fraction(0.1, 0.6), () -> convert(email, "demo-request", employees, source));
            sql = true;
        }
        if (offers == IQL_OFFERS && random.nextDouble() < 0.05) {
            // Premature contact: a rep calls an IQL.
            later(fraction(0.05, 0.2), () -> attempt(email, REPS[random.nextInt(REPS.length)][0], "NO_ANSWER"));
        }
        if (sql) {
            workSqlLead(email);
        }
    }

    private void workSqlLead(String email) {
        String[] rep = REPS[random.nextInt(REPS.length)];
        later(fraction(0.02, 0.1), () -> owner(email, rep));
        double behaviour = random.nextDouble();
        if (behaviour < 0.15) {
            return; // never called: first-contact breach, then escalation
        }
        // 70 % call before the deadline, the rest late.
        double first = behaviour < 0.85 ? 0.2 + random.nextDouble() * 0.6 : 1.1 + random.nextDouble();
        boolean reached = random.nextDouble() < 0.55;
        int attempts = reached ? 1 + random.nextInt(3) : 2 + random.nextInt(6);
        for (int i = 0; i < attempts; i++) {
            boolean last = i == attempts - 1;
            String outcome = last && reached ? "CONNECTED" : random.nextBoolean() ? "NO_ANSWER" : "VOICEMAIL";
            later(scaled(first + i * 0.5), () -> attempt(email, rep[0], outcome));
        }
        double after = first + attempts * 0.5;
        if (reached) {
            later(scaled(after + 0.2), () -> status(email, rep[0], "MEETING_BOOKED"));
            if (random.nextDouble() < 0.7) {
                boolean won = random.nextDouble() < 0.35;
                later(scaled(after + 1 + random.nextDouble()), () -> deal(email, rep[0], won));
            }
        } else {
            later(scaled(after + 0.2), () -> status(email, rep[0], "UNREACHABLE"));
        }
    }

    private void convert(String email, String offer, int employees, String[] source) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("email", email);
        form.put("employees", String.valueOf(employees));
        form.put("company", "Demo Co " + email.substring(5, 9));
        if (source[0] != null) {
            form.put("utm_source", source[0]);
            form.put("utm_medium", source[1]);
            form.put("utm_campaign", source[2]);
        }
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .reduce((a, b) -> a + "&" + b)
                .orElseThrow();
        String json = "{\"email\":\"" + email + "\",\"offer\":\"" + offer + "\",\"employees\":" + employees
                + (source[0] == null
                        ? ""
                        : ",\"utm\":{\"source\":\"" + source[0] + "\",\"medium\":\"" + source[1] + "\",\"campaign\":\""
                                + source[2] + "\"}")
                + "}";
        // The configured HTML form where there is one, the JSON API otherwise.
        String formId = Map.of(
                        "demo-request",
                        "demo",
                        "ebook",
                        "ebook",
                        "webinar",
                        "webinar",
                        "contact-sales",
                        "contact-sales")
                .get(offer);
        HttpRequest request = formId != null
                ? HttpRequest.newBuilder(intake.resolve("/forms/" + formId))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build()
                : HttpRequest.newBuilder(intake.resolve("/conversions"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build();
        send("conversions", request);
    }

    private void attempt(String email, String rep, String outcome) {
        webhook(
                "attempts",
                "contact-attempts",
                "{\"id\":\"" + UUID.randomUUID() + "\",\"email\":\"" + email
                        + "\",\"occurredAt\":\"" + Instant.now() + "\",\"repId\":\"" + rep
                        + "\",\"channel\":\"PHONE\",\"outcome\":\"" + outcome + "\"}");
    }

    private void owner(String email, String[] rep) {
        webhook(
                "owners",
                "owner-assignments",
                "{\"id\":\"" + UUID.randomUUID() + "\",\"email\":\"" + email
                        + "\",\"occurredAt\":\"" + Instant.now() + "\",\"ownerId\":\"" + rep[0] + "\",\"managerId\":\""
                        + rep[1] + "\",\"team\":\"" + rep[2] + "\"}");
    }

    private void status(String email, String rep, String status) {
        webhook(
                "statuses",
                "status-changes",
                "{\"id\":\"" + UUID.randomUUID() + "\",\"email\":\"" + email
                        + "\",\"occurredAt\":\"" + Instant.now() + "\",\"status\":\"" + status + "\",\"changedBy\":\""
                        + rep + "\"}");
    }

    private void deal(String email, String rep, boolean won) {
        String amount = won ? ",\"amount\":" + (5000 + random.nextInt(60) * 500) + ",\"currency\":\"EUR\"" : "";
        webhook(
                "deals",
                "deals",
                "{\"dealId\":\"deal-" + UUID.randomUUID() + "\",\"email\":\"" + email
                        + "\",\"outcome\":\"" + (won ? "WON" : "LOST") + "\"" + amount + ",\"closedAt\":\""
                        + Instant.now()
                        + "\",\"ownerId\":\"" + rep + "\"}");
    }

    private void webhook(String kind, String path, String body) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        send(
                kind,
                HttpRequest.newBuilder(intake.resolve("/webhooks/crm/" + path))
                        .header("Content-Type", "application/json")
                        .header("X-LeadPact-Timestamp", timestamp)
                        .header("X-LeadPact-Signature", sign(timestamp, body))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }

    private String sign(String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v1="
                    + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(String kind, HttpRequest request) {
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            if (error != null) {
                failed.incrementAndGet();
            } else if (response.statusCode() / 100 == 2) {
                sent.get(kind).incrementAndGet();
            } else {
                rejected.incrementAndGet();
                if (rejected.get() <= 3) {
                    System.out.printf(
                            "[demo] %s answered %d: %s%n", request.uri(), response.statusCode(), response.body());
                }
            }
        });
    }

    private void later(Duration delay, Runnable action) {
        scheduler.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A delay of {@code factor} times the first-contact deadline. */
    private Duration scaled(double factor) {
        return Duration.ofMillis(Math.round(deadline.toMillis() * factor));
    }

    private Duration fraction(double min, double max) {
        return scaled(min + random.nextDouble() * (max - min));
    }
}
