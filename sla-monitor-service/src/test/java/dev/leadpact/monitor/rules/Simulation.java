package dev.leadpact.monitor.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.leadpact.events.LeadEvent;
import dev.leadpact.events.SlaEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Drives the engine the way the service does, in simulated time: one stored state (JSON, as in the
 * database) and one timer per lead; before each arrival every timer due by then fires at its due
 * time.
 */
final class Simulation {
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    final SlaEngine engine;
    final Map<String, String> stored = new HashMap<>();
    final Map<String, Instant> timers = new HashMap<>();
    final List<SlaEvent> emitted = new ArrayList<>();
    Instant now = Instant.EPOCH;

    Simulation(SlaEngine engine) {
        this.engine = engine;
    }

    /**
     * The same stored states and timers under another engine, as a restart with other policies:
     * the timers stay as stored until something re-plans them ({@link #replan}).
     */
    Simulation restartWith(SlaEngine next) {
        Simulation restarted = new Simulation(next);
        restarted.stored.putAll(stored);
        restarted.timers.putAll(timers);
        restarted.now = now;
        return restarted;
    }

    /** Re-plans every stored lead for {@code policy}, as the monitor does at start-up; returns the moves. */
    int replan(dev.leadpact.policy.SlaPolicy policy) {
        int moved = 0;
        for (String leadId : List.copyOf(stored.keySet())) {
            LeadSlaState state = load(leadId);
            int n = engine.replan(state, policy);
            if (n > 0) {
                moved += n;
                store(state, now);
            }
        }
        return moved;
    }

    /** Fires every timer due up to and including {@code until}, in due order. */
    List<SlaEvent> advanceTo(Instant until) {
        List<SlaEvent> fired = new ArrayList<>();
        while (true) {
            Optional<Map.Entry<String, Instant>> next = timers.entrySet().stream()
                    .filter(e -> !e.getValue().isAfter(until))
                    .min(Map.Entry.comparingByValue());
            if (next.isEmpty()) {
                break;
            }
            String leadId = next.get().getKey();
            Instant due = next.get().getValue();
            now = due;
            LeadSlaState state = load(leadId);
            fired.addAll(engine.evaluate(state, due));
            store(state, due);
        }
        if (until.isAfter(now)) {
            now = until;
        }
        emitted.addAll(fired);
        return fired;
    }

    /** The event arrives at {@code arrival}. */
    List<SlaEvent> deliver(Instant arrival, LeadEvent event) {
        List<SlaEvent> out = new ArrayList<>(advanceTo(arrival));
        LeadSlaState state = load(event.leadId());
        List<SlaEvent> applied = engine.apply(state, event, arrival);
        store(state, arrival);
        emitted.addAll(applied);
        out.addAll(applied);
        return out;
    }

    LeadSlaState load(String leadId) {
        String json = stored.get(leadId);
        if (json == null) {
            return new LeadSlaState(leadId);
        }
        try {
            return JSON.readValue(json, LeadSlaState.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void store(LeadSlaState state, Instant at) {
        try {
            stored.put(state.leadId, JSON.writeValueAsString(state));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<SlaEngine.Timer> next = engine.nextTimer(state, at);
        if (next.isPresent()) {
            timers.put(state.leadId, next.get().dueAt());
        } else {
            timers.remove(state.leadId);
        }
    }
}
