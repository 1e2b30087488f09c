package dev.leadpact.systemtest;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The intake benchmark's HTTP load generator, a process of its own on loopback (so that it shares
 * neither heap nor threads with the broker, which runs in the test JVM). It reads one command a
 * line from stdin, runs it, writes the outcome to files and prints {@code done}. Vert.x's HTTP
 * client (HTTP/1.1, keep-alive, up to {@value #POOL} pooled connections; java.net.http.HttpClient
 * could not keep up: it spent milliseconds of CPU per request on a server that answers in tens of
 * milliseconds):
 *
 * <ul>
 *   <li>{@code open <kind> <url> <rate/s> <seconds> <track> <out>}: request i due at t0 + i/rate,
 *       its latency counted from that due time (no coordinated omission);
 *   <li>{@code closed <kind> <url> <in flight> <seconds> <track> <out>}: a fixed number of requests
 *       in flight, each sent when one is answered (as {@code wrk -c}).
 * </ul>
 *
 * <p>{@code kind}: {@code conversion} (POST a website's JSON conversion, a new lead each, 202 is
 * success) or {@code get} (GET, 200 is success). With {@code track} the event ids of the 202s go to
 * {@code <out>.accepted}.
 */
final class LoadGenerator {
    private static final String[][] OFFERS = {{"ebook"}, {"webinar"}, {"demo-request"}};

    /** Connections per target at most; a request past them waits in the pool's queue (and its latency counts). */
    private static final int POOL = 256;

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    private HttpClient http = client();
    private final AtomicLong sequence = new AtomicLong();
    private final String run;

    private HttpClient client() {
        return vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setPipelining(false).setConnectTimeout(5000),
                new PoolOptions().setHttp1MaxSize(POOL).setMaxWaitQueueSize(-1));
    }

    /**
     * Ends a phase: requests still queued or in flight (an overloaded server) are dropped with the
     * client's connections, so that they cannot load the next phase.
     */
    private void reset() throws Exception {
        http.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        http = client();
    }

    private LoadGenerator(String run) {
        this.run = run;
    }

    public static void main(String[] args) throws Exception {
        LoadGenerator generator = new LoadGenerator(args[0]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
            String[] c = line.split(" ");
            Request request = generator.requests(c[1], URI.create(c[2]));
            boolean track = Boolean.parseBoolean(c[5]);
            Result result = c[0].equals("open")
                    ? generator.open(request, Double.parseDouble(c[3]), Integer.parseInt(c[4]), track)
                    : generator.closed(request, (int) Double.parseDouble(c[3]), Integer.parseInt(c[4]), track);
            generator.reset();
            result.write(Path.of(c[6]));
            System.out.println("done");
            System.out.flush();
        }
        System.exit(0);
    }

    /** A request and the answer to it: status and body, or the failure. */
    private interface Request {
        void send(long i, Handler<AsyncResult<Answer>> done);
    }

    private record Answer(int status, String body) {}

    private Request requests(String kind, URI uri) {
        RequestOptions options = new RequestOptions()
                .setHost(uri.getHost())
                .setPort(uri.getPort())
                .setURI(uri.getRawPath())
                .setIdleTimeout(10_000);
        if (kind.equals("get")) {
            RequestOptions get = new RequestOptions(options).setMethod(HttpMethod.GET);
            return (i, done) -> http.request(get)
                    .compose(request -> request.send().compose(this::answer))
                    .onComplete(done);
        }
        RequestOptions post =
                new RequestOptions(options).setMethod(HttpMethod.POST).putHeader("Content-Type", "application/json");
        return (i, done) -> http.request(post)
                .compose(request ->
                        request.send(Buffer.buffer(conversion(run, i))).compose(this::answer))
                .onComplete(done);
    }

    private Future<Answer> answer(HttpClientResponse response) {
        return response.body().map(body -> new Answer(response.statusCode(), body.toString()));
    }

    /** A website's JSON conversion (fields as in the intake's README), a new lead each, across the stages. */
    static String conversion(String run, long i) {
        String offer = OFFERS[(int) (i % OFFERS.length)][0];
        return "{\"email\": \"visitor-" + run + "-" + i + "@example.com\", \"offer\": \"" + offer + "\","
                + " \"firstName\": \"Ada\", \"lastName\": \"Lovelace\", \"phone\": \"+44 20 7946 0958\","
                + " \"jobTitle\": \"Head of Sales Operations\", \"company\": \"Analytical Engines Ltd\","
                + " \"employees\": " + (10 + (i % 3) * 400) + ", \"country\": \"gb\","
                + " \"pageUrl\": \"https://www.example.com/resources/" + offer + "\","
                + " \"landingPage\": \"https://www.example.com/lp/sla-guide?utm_source=google\","
                + " \"referrer\": \"https://www.google.com/\","
                + " \"utm\": {\"source\": \"google\", \"medium\": \"cpc\", \"campaign\": \"q4-sla-guide\","
                + " \"term\": \"sales sla software\", \"content\": \"ad-variant-b\"}}";
    }

    private Result open(Request request, double rate, int seconds, boolean track) throws InterruptedException {
        Result result = new Result();
        long n = Math.round(rate * seconds);
        AtomicLong outstanding = new AtomicLong();
        AtomicLong lastDone = new AtomicLong();
        long t0 = System.nanoTime() + 20_000_000L;
        Thread scheduler = new Thread(
                () -> paced(n, rate, t0, result, (i, due) -> {
                    outstanding.incrementAndGet();
                    request.send(sequence.incrementAndGet(), answer -> {
                        long now = System.nanoTime();
                        if (result.answered(now - due, answer, track)) {
                            lastDone.accumulateAndGet(now, Math::max);
                        }
                        outstanding.decrementAndGet();
                    });
                }),
                "loadgen-open");
        scheduler.start();
        scheduler.join();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        result.end(outstanding.get(), "no answer 15 s after the last send");
        result.seconds = (Math.max(lastDone.get(), t0 + seconds * 1_000_000_000L) - t0) / 1e9;
        return result;
    }

    /** What an open model does with request {@code i}, due at {@code due} ({@link System#nanoTime}). */
    interface Paced {
        void send(long i, long due);
    }

    /**
     * The open model's schedule: request i is sent at t0 + i/rate, whatever happened to the others;
     * one that is sent late (the sender fell behind) keeps its due time, and the worst lag goes to
     * {@code result}.
     */
    static void paced(long n, double rate, long t0, Result result, Paced send) {
        for (long i = 0; i < n; i++) {
            long due = t0 + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                result.maxLagNanos = Math.max(result.maxLagNanos, -wait);
            }
            send.send(i, due);
        }
    }

    private Result closed(Request request, int concurrency, int seconds, boolean track) throws InterruptedException {
        Result result = new Result();
        long t0 = System.nanoTime();
        long end = t0 + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(concurrency);
        AtomicLong lastDone = new AtomicLong(t0);
        for (int c = 0; c < concurrency; c++) {
            loop(result, request, end, done, lastDone, track);
        }
        boolean finished = done.await(seconds + 60L, TimeUnit.SECONDS);
        result.end(finished ? 0 : done.getCount(), "closed loop did not finish");
        result.seconds = (lastDone.get() - t0) / 1e9;
        return result;
    }

    private void loop(
            Result result, Request request, long end, CountDownLatch done, AtomicLong lastDone, boolean track) {
        long sent = System.nanoTime();
        request.send(sequence.incrementAndGet(), answer -> {
            long now = System.nanoTime();
            result.answered(now - sent, answer, track);
            lastDone.accumulateAndGet(now, Math::max);
            if (now < end) {
                loop(result, request, end, done, lastDone, track);
            } else {
                done.countDown();
            }
        });
    }

    /** One phase's outcome: successes, errors by kind, latencies, accepted event ids. */
    static final class Result {
        final LongAdder ok = new LongAdder();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        final Set<String> accepted = ConcurrentHashMap.newKeySet();
        private long[] latencies = new long[1 << 16];
        private int count;
        /** Set when the phase is over: answers that come later are not counted. */
        private volatile boolean over;

        double seconds;
        volatile long maxLagNanos;
        Map<String, Double> cpu = Map.of();
        String name = "";
        double offered;
        /** What the phase adds (the intake's own publish → ack wait, a cross-check). */
        String note = "";

        synchronized void latency(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }

        void error(String kind) {
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        }

        /** Counts an answer; false if it came after the phase was over. */
        boolean answered(long nanos, AsyncResult<Answer> answer, boolean track) {
            if (over) {
                return false;
            }
            latency(nanos);
            if (answer.failed()) {
                error(answer.cause().getClass().getSimpleName());
            } else if (answer.result().status() == 202 || (answer.result().status() == 200 && !track)) {
                ok.increment();
                if (track) {
                    accepted.add(eventId(answer.result().body()));
                }
            } else {
                error("HTTP " + answer.result().status());
            }
            return true;
        }

        void end(long unanswered, String kind) {
            over = true;
            if (unanswered > 0) {
                errors.computeIfAbsent(kind, k -> new LongAdder()).add(unanswered);
            }
        }

        long errorCount() {
            return errors.values().stream().mapToLong(LongAdder::sum).sum();
        }

        double rate() {
            return ok.sum() / seconds;
        }

        synchronized double millis(double percentile) {
            if (count == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(latencies, count);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(percentile / 100 * count);
            return sorted[Math.max(1, rank) - 1] / 1e6;
        }

        private static String eventId(String body) {
            int at = body.indexOf("\"eventId\":\"");
            if (at < 0) {
                throw new IllegalStateException("a 202 without an eventId: " + body);
            }
            int from = at + "\"eventId\":\"".length();
            return body.substring(from, body.indexOf('"', from));
        }

        synchronized void write(Path out) throws IOException {
            Properties p = new Properties();
            p.setProperty("ok", Long.toString(ok.sum()));
            p.setProperty("seconds", Double.toString(seconds));
            p.setProperty("maxLagNanos", Long.toString(maxLagNanos));
            errors.forEach((k, v) -> p.setProperty("error." + k, Long.toString(v.sum())));
            try (var w = Files.newBufferedWriter(Path.of(out + ".properties"))) {
                p.store(w, null);
            }
            try (DataOutputStream d = new DataOutputStream(
                    new java.io.BufferedOutputStream(Files.newOutputStream(Path.of(out + ".latencies"))))) {
                d.writeInt(count);
                for (int i = 0; i < count; i++) {
                    d.writeLong(latencies[i]);
                }
            }
            Files.write(Path.of(out + ".accepted"), new ArrayList<>(accepted));
        }

        static Result read(Path out) {
            try {
                Result r = new Result();
                Properties p = new Properties();
                try (var in = Files.newBufferedReader(Path.of(out + ".properties"))) {
                    p.load(in);
                }
                r.ok.add(Long.parseLong(p.getProperty("ok")));
                r.seconds = Double.parseDouble(p.getProperty("seconds"));
                r.maxLagNanos = Long.parseLong(p.getProperty("maxLagNanos"));
                for (String key : p.stringPropertyNames()) {
                    if (key.startsWith("error.")) {
                        r.errors
                                .computeIfAbsent(key.substring(6), k -> new LongAdder())
                                .add(Long.parseLong(p.getProperty(key)));
                    }
                }
                try (DataInputStream d = new DataInputStream(
                        new java.io.BufferedInputStream(Files.newInputStream(Path.of(out + ".latencies"))))) {
                    int n = d.readInt();
                    for (int i = 0; i < n; i++) {
                        r.latency(d.readLong());
                    }
                }
                List<String> ids = Files.readAllLines(Path.of(out + ".accepted"));
                r.accepted.addAll(ids);
                r.over = true;
                return r;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
