package dev.leadpact.monitor.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Samples what PostgreSQL's other sessions are doing every {@code periodMillis} ({@code
 * pg_stat_activity}: active sessions, their wait event and the start of their query), so that a
 * stall of every instance at once can be told apart: a lock (and whose), I/O, the WAL, a client
 * that does not ask.
 */
final class WaitSampler implements AutoCloseable {
    /** One active session at one instant. */
    record Sample(Instant at, String waitEvent, String backend, String query) {}

    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    WaitSampler(String url, String user, String password, long periodMillis) {
        thread = new Thread(() -> sample(url, user, password, periodMillis), "bench-wait-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample(String url, String user, String password, long periodMillis) {
        try (Connection db = DriverManager.getConnection(url, user, password);
                Statement s = db.createStatement()) {
            while (running) {
                Instant at = Instant.now();
                try (ResultSet rs = s.executeQuery("SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU'),"
                        + " backend_type, left(regexp_replace(query, '\\s+', ' ', 'g'), 70) FROM pg_stat_activity"
                        + " WHERE state = 'active' AND pid <> pg_backend_pid()")) {
                    while (rs.next()) {
                        samples.add(new Sample(at, rs.getString(1), rs.getString(2), rs.getString(3)));
                    }
                }
                Thread.sleep(periodMillis);
            }
        } catch (SQLException | InterruptedException e) {
            if (running) {
                System.out.println("[bench] wait sampler stopped: " + e.getMessage());
            }
        }
    }

    /** The most frequent (wait, backend, query) of the samples taken in [from, to), with their counts. */
    String top(Instant from, Instant to, int limit) {
        Map<String, Long> counts = new TreeMap<>();
        for (Sample s : samples) {
            if (!s.at().isBefore(from) && s.at().isBefore(to)) {
                counts.merge(s.waitEvent() + " | " + s.backend() + " | `" + s.query() + "`", 1L, Long::sum);
            }
        }
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        return sorted.isEmpty()
                ? "none"
                : sorted.stream()
                        .limit(limit)
                        .map(e -> e.getValue() + "× " + e.getKey())
                        .collect(Collectors.joining("; "));
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
