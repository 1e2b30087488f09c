package dev.leadpact.reporting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.leadpact.events.AttemptOutcome;
import dev.leadpact.events.CheckpointVerdict;
import dev.leadpact.events.CloudEventTypes;
import dev.leadpact.events.CommitmentCheckpoint;
import dev.leadpact.events.ContactAttempt;
import dev.leadpact.events.ContactChannel;
import dev.leadpact.events.ConversionEvent;
import dev.leadpact.events.DealClosed;
import dev.leadpact.events.DealOutcome;
import dev.leadpact.events.JourneyPhase;
import dev.leadpact.events.LeadErased;
import dev.leadpact.events.LeadEvent;
import dev.leadpact.events.LeadStatus;
import dev.leadpact.events.LeadStatusChanged;
import dev.leadpact.events.OwnerAssigned;
import dev.leadpact.events.SalesActivity;
import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import dev.leadpact.events.Stage;
import dev.leadpact.events.Topics;
import dev.leadpact.events.Utm;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A small known November 2026 for the component tests, published the way the other services
 * publish: JSON value, key = lead id, CloudEvents binary headers. Its namespace: event ids {@code
 * scn-}, leads {@code lead-scn-}, deals {@code deal-scn-}, checkpoints {@code ckp-scn-}, team {@code
 * emea}, reps {@code rep-jane}, {@code rep-omar}, {@code rep-lee}; a test with data of its own uses
 * a namespace of its own ({@link #checkpoint} takes one).
 *
 * <ul>
 *   <li>L1: IQL (organic search) → MQL (paid social) → SQL (paid search), owner rep-jane, connected
 *       after 30 min, meeting booked, won 3000.00 EUR; a later touch after the close.
 *   <li>L2: SQL straight away, owner rep-omar, first attempt after 2 h: a standing, escalated
 *       first-contact breach; lost 5000.00.
 *   <li>L3: SQL, owner rep-jane, attempt after 40 min that arrived late: breach and retraction; given
 *       up as unreachable after 2 attempts: an attempt-minimum breach.
 *   <li>L4: IQL → MQL, never contacted.
 *   <li>L5: won 1000.00 with owner rep-lee; its conversion is published after the deal.
 * </ul>
 *
 * <p>And marketing's side as the monitor counts it ({@link #checkpoints}): team emea (2 reps, 300
 * leads a month) and segment MID (1 rep, 150) at the weekly checkpoints and the month's end.
 */
final class Scenario {
    static final String L1 = "lead-scn-1";
    static final String L2 = "lead-scn-2";
    static final String L3 = "lead-scn-3";
    static final String L4 = "lead-scn-4";
    static final String L5 = "lead-scn-5";
    /** The ids of the scenario's events and of its checkpoints, as SQL {@code LIKE} patterns. */
    static final String EVENTS = "scn-%";

    static final String CHECKPOINTS = "ckp-scn-%";

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Scenario() {}

    static Instant at(String iso) {
        return Instant.parse(iso);
    }

    static ConversionEvent conversion(
            String id,
            String lead,
            String at,
            Stage stage,
            Segment segment,
            String channel,
            String offer,
            Utm utm,
            String landingPage) {
        JourneyPhase phase =
                switch (stage) {
                    case IQL -> JourneyPhase.AWARENESS;
                    case MQL -> JourneyPhase.CONSIDERATION;
                    case SQL -> JourneyPhase.DECISION;
                };
        return new ConversionEvent(
                id,
                lead,
                at(at),
                null,
                offer,
                offer,
                stage,
                segment,
                phase,
                lead + "@example.com",
                "Test",
                "Lead",
                null,
                null,
                "Example " + lead,
                segment == Segment.SMALL ? 20 : segment == Segment.MID ? 240 : 2000,
                "DE",
                channel,
                landingPage,
                landingPage,
                null,
                utm,
                null);
    }

    static ContactAttempt attempt(String id, String lead, String at, String rep, AttemptOutcome outcome) {
        return new ContactAttempt(id, lead, at(at), rep, ContactChannel.PHONE, outcome, null);
    }

    static SlaEvent sla(
            String id,
            String breachId,
            SlaEventKind kind,
            SlaRule rule,
            String lead,
            String owner,
            Segment segment,
            String due,
            String detected) {
        SlaEvent.LeadBreach breach = new SlaEvent.LeadBreach(
                breachId,
                rule,
                lead,
                owner,
                null,
                segment,
                Stage.SQL,
                at(due),
                null,
                null,
                "policy-" + segment.name().toLowerCase(java.util.Locale.ROOT),
                1);
        return switch (kind) {
            case WARNING -> SlaEvent.warning(id, breach, at(detected));
            case BREACH -> SlaEvent.breach(id, breach, at(detected));
            case ESCALATION -> SlaEvent.escalation(id, breach, at(detected));
            case RETRACTION -> SlaEvent.breach(id, breach, at(due)).retraction(id, at(detected));
            default -> throw new IllegalArgumentException("the scenario has no " + kind);
        };
    }

    /** The whole November scenario, in the order a well-behaved pipeline would publish it. */
    static List<LeadEvent> november() {
        Utm googleOrganic = new Utm("google", "organic", null, null, null);
        Utm linkedinCpc = new Utm("linkedin", "cpc", "q4-webinar", null, "video-a");
        Utm googleCpc = new Utm("google", "cpc", "q4-demo", "sla software", "ad-a");
        Utm partner = new Utm("partner-x", "referral", "partner-q4", null, null);
        List<LeadEvent> events = new ArrayList<>();
        // L1
        events.add(conversion(
                "scn-c-1a",
                L1,
                "2026-11-02T09:00:00Z",
                Stage.IQL,
                Segment.MID,
                "organic-search",
                "ebook",
                googleOrganic,
                "https://www.example.com/ebook"));
        events.add(conversion(
                "scn-c-1b",
                L1,
                "2026-11-05T10:00:00Z",
                Stage.MQL,
                Segment.MID,
                "paid-social",
                "webinar",
                linkedinCpc,
                "https://www.example.com/webinar"));
        events.add(conversion(
                "scn-c-1c",
                L1,
                "2026-11-09T10:00:00Z",
                Stage.SQL,
                Segment.MID,
                "paid-search",
                "demo-request",
                googleCpc,
                "https://www.example.com/demo"));
        events.add(new OwnerAssigned("scn-a-1a", L1, at("2026-11-09T10:01:00Z"), "rep-jane", "mgr-omar", "emea"));
        events.add(attempt("scn-a-1b", L1, "2026-11-09T10:30:00Z", "rep-jane", AttemptOutcome.CONNECTED));
        events.add(new LeadStatusChanged(
                "scn-a-1c", L1, at("2026-11-10T09:00:00Z"), LeadStatus.MEETING_BOOKED, "demo", "rep-jane"));
        events.add(sla(
                "scn-s-1w",
                "brc-l1-fc",
                SlaEventKind.WARNING,
                SlaRule.FIRST_CONTACT_OVERDUE,
                L1,
                "rep-jane",
                Segment.MID,
                "2026-11-09T11:00:00Z",
                "2026-11-09T10:48:00Z"));
        events.add(new DealClosed(
                "scn-d-1",
                "deal-scn-1",
                L1,
                DealOutcome.WON,
                new BigDecimal("3000.00"),
                "EUR",
                at("2026-11-20T12:00:00Z"),
                "rep-jane"));
        events.add(conversion(
                "scn-c-1d",
                L1,
                "2026-11-25T08:00:00Z",
                Stage.SQL,
                Segment.MID,
                "email",
                "newsletter",
                null,
                "https://www.example.com/news"));
        // L2
        events.add(conversion(
                "scn-c-2",
                L2,
                "2026-11-03T08:00:00Z",
                Stage.SQL,
                Segment.SMALL,
                "paid-search",
                "contact-sales",
                googleCpc,
                "https://www.example.com/contact"));
        events.add(new OwnerAssigned("scn-a-2a", L2, at("2026-11-03T08:01:00Z"), "rep-omar", "mgr-omar", "emea"));
        events.add(sla(
                "scn-s-2b",
                "brc-l2-fc",
                SlaEventKind.BREACH,
                SlaRule.FIRST_CONTACT_OVERDUE,
                L2,
                "rep-omar",
                Segment.SMALL,
                "2026-11-03T09:00:00Z",
                "2026-11-03T09:00:01Z"));
        events.add(sla(
                "scn-s-2e",
                "brc-l2-fc",
                SlaEventKind.ESCALATION,
                SlaRule.FIRST_CONTACT_OVERDUE,
                L2,
                "rep-omar",
                Segment.SMALL,
                "2026-11-03T09:00:00Z",
                "2026-11-03T09:30:00Z"));
        events.add(attempt("scn-a-2b", L2, "2026-11-03T10:00:00Z", "rep-omar", AttemptOutcome.NO_ANSWER));
        events.add(attempt("scn-a-2c", L2, "2026-11-04T09:00:00Z", "rep-omar", AttemptOutcome.CONNECTED));
        events.add(new DealClosed(
                "scn-d-2",
                "deal-scn-2",
                L2,
                DealOutcome.LOST,
                new BigDecimal("5000.00"),
                "EUR",
                at("2026-11-18T16:00:00Z"),
                "rep-omar"));
        // L3
        events.add(conversion(
                "scn-c-3",
                L3,
                "2026-11-10T14:00:00Z",
                Stage.SQL,
                Segment.LARGE,
                "referral",
                "demo-request",
                null,
                "https://www.example.com/demo"));
        events.add(new OwnerAssigned("scn-a-3a", L3, at("2026-11-10T14:01:00Z"), "rep-jane", "mgr-omar", "emea"));
        events.add(sla(
                "scn-s-3b",
                "brc-l3-fc",
                SlaEventKind.BREACH,
                SlaRule.FIRST_CONTACT_OVERDUE,
                L3,
                "rep-jane",
                Segment.LARGE,
                "2026-11-10T15:00:00Z",
                "2026-11-10T15:00:05Z"));
        events.add(attempt("scn-a-3b", L3, "2026-11-10T14:40:00Z", "rep-jane", AttemptOutcome.NO_ANSWER));
        events.add(sla(
                "scn-s-3r",
                "brc-l3-fc",
                SlaEventKind.RETRACTION,
                SlaRule.FIRST_CONTACT_OVERDUE,
                L3,
                "rep-jane",
                Segment.LARGE,
                "2026-11-10T15:00:00Z",
                "2026-11-10T15:10:00Z"));
        events.add(attempt("scn-a-3c", L3, "2026-11-11T09:00:00Z", "rep-jane", AttemptOutcome.VOICEMAIL));
        events.add(new LeadStatusChanged(
                "scn-a-3d", L3, at("2026-11-12T09:00:00Z"), LeadStatus.UNREACHABLE, "no answer", "rep-jane"));
        events.add(sla(
                "scn-s-3m",
                "brc-l3-am",
                SlaEventKind.BREACH,
                SlaRule.ATTEMPT_MINIMUM_MISSED,
                L3,
                "rep-jane",
                Segment.LARGE,
                "2026-11-12T09:00:00Z",
                "2026-11-12T09:00:01Z"));
        // marketing's side: the team got too few qualified leads in the first week
        events.add(SlaEvent.shortfallBreach(
                "scn-s-vol",
                "brc-vol-w1",
                checkpoint("scn-vol", "team:emea", "emea", null, "2026-11-08", 2, 160, 38, 20)));
        // L4
        events.add(conversion(
                "scn-c-4a",
                L4,
                "2026-11-16T10:00:00Z",
                Stage.IQL,
                Segment.SMALL,
                "organic-search",
                "ebook",
                googleOrganic,
                "https://www.example.com/ebook"));
        events.add(conversion(
                "scn-c-4b",
                L4,
                "2026-11-17T10:00:00Z",
                Stage.MQL,
                Segment.SMALL,
                "organic-search",
                "checklist",
                googleOrganic,
                "https://www.example.com/checklist"));
        // L5: the deal comes first, the conversion later
        events.add(new DealClosed(
                "scn-d-5",
                "deal-scn-5",
                L5,
                DealOutcome.WON,
                new BigDecimal("1000.00"),
                "EUR",
                at("2026-11-25T10:00:00Z"),
                "rep-lee"));
        events.add(conversion(
                "scn-c-5",
                L5,
                "2026-11-24T10:00:00Z",
                Stage.SQL,
                Segment.MID,
                "partner",
                "demo-request",
                partner,
                "https://www.example.com/partner"));
        return events;
    }

    /**
     * The monitor's counts of November's checkpoints: emea delivers L2 (3 Nov), L1 (9 Nov) and L3 (10
     * Nov), MID L1 and L5 (24 Nov); due at each is ceil(target × days elapsed / 30).
     */
    static List<CommitmentCheckpoint> checkpoints() {
        List<CommitmentCheckpoint> counts = new ArrayList<>();
        String[] dues = {"2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30", "2026-12-01"};
        long[] emea = {0, 1, 3, 3, 3, 3};
        long[] mid = {0, 0, 1, 1, 2, 2};
        for (int i = 0; i < dues.length; i++) {
            long days = java.time.temporal.ChronoUnit.DAYS.between(
                    java.time.LocalDate.parse("2026-11-01"), java.time.LocalDate.parse(dues[i]));
            counts.add(checkpoint(
                    "scn", "team:emea", "emea", null, dues[i], 2, 300, -Math.floorDiv(-300 * days, 30), emea[i]));
            counts.add(checkpoint(
                    "scn", "segment:MID", null, Segment.MID, dues[i], 1, 150, -Math.floorDiv(-150 * days, 30), mid[i]));
        }
        return counts;
    }

    /** A count of a checkpoint as the monitor publishes it, with an event id in the namespace. */
    static CommitmentCheckpoint checkpoint(
            String namespace,
            String scope,
            String team,
            Segment segment,
            String due,
            int reps,
            long target,
            long expected,
            long delivered) {
        Instant dueAt = Instant.parse(due + "T00:00:00Z");
        Instant countedAt = dueAt.plusMillis(200);
        boolean monthEnd = dueAt.atZone(java.time.ZoneOffset.UTC).getDayOfMonth() == 1;
        Instant monthStart = dueAt.atZone(java.time.ZoneOffset.UTC)
                .minusNanos(1)
                .withDayOfMonth(1)
                .toLocalDate()
                .atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant();
        return new CommitmentCheckpoint(
                "ckp-" + namespace + "-" + scope + "-" + due + "-" + countedAt.toEpochMilli(),
                scope,
                team,
                segment,
                monthStart,
                dueAt,
                monthEnd,
                countedAt,
                reps,
                target,
                expected,
                delivered,
                Math.max(0, expected - delivered),
                delivered < expected ? CheckpointVerdict.SHORT : CheckpointVerdict.MET,
                "marketing-volume",
                1);
    }

    /**
     * Publishes the events (in the order given) and {@link #checkpoints}, and waits until the service
     * stored every one of them.
     */
    static void publishAndAwaitStored(List<LeadEvent> events, DataSource database) {
        publish(events);
        publishCheckpoints(checkpoints());
        long distinct = events.stream().map(LeadEvent::eventId).distinct().count();
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> ServiceDatabase.storedEvents(database, EVENTS) == distinct
                        && ServiceDatabase.storedEvents(database, CHECKPOINTS)
                                == checkpoints().size());
    }

    /** Publishes the counts as the monitor's relay does: keyed by scope, CloudEvents headers. */
    static void publishCheckpoints(List<CommitmentCheckpoint> counts) {
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        for (CommitmentCheckpoint c : counts) {
            String value;
            try {
                value = JSON.writeValueAsString(c);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            ProducerRecord<String, String> record =
                    new ProducerRecord<>(Topics.MARKETING_COMMITMENTS, c.scope(), value);
            header(record, "ce_id", c.eventId());
            header(record, "ce_type", CloudEventTypes.COMMITMENT_CHECKPOINT);
            header(record, "ce_source", "/leadpact/test");
            header(record, "ce_time", c.countedAt().toString());
            header(record, "ce_specversion", CloudEventTypes.SPEC_VERSION);
            acks.add(producer().send(record));
        }
        producer().flush();
        await(acks);
    }

    private static void await(List<java.util.concurrent.Future<?>> acks) {
        for (java.util.concurrent.Future<?> ack : acks) {
            try {
                ack.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The same events in a shuffled order (deterministic), every one of them twice. */
    static List<LeadEvent> duplicatedAndShuffled(List<LeadEvent> events, long seed) {
        List<LeadEvent> copy = new ArrayList<>(events);
        copy.addAll(events);
        Collections.shuffle(copy, new Random(seed));
        return copy;
    }

    static String topicOf(LeadEvent event) {
        if (event instanceof ConversionEvent) {
            return Topics.CONVERSIONS;
        }
        if (event instanceof SalesActivity) {
            return Topics.SALES_ACTIVITIES;
        }
        if (event instanceof DealClosed) {
            return Topics.DEALS_CLOSED;
        }
        return Topics.SLA_BREACHES;
    }

    static String typeOf(LeadEvent event) {
        if (event instanceof ConversionEvent) {
            return CloudEventTypes.CONVERSION;
        }
        if (event instanceof SalesActivity activity) {
            return CloudEventTypes.of(activity);
        }
        if (event instanceof DealClosed) {
            return CloudEventTypes.DEAL_CLOSED;
        }
        return CloudEventTypes.of(((SlaEvent) event).kind());
    }

    static String json(LeadEvent event) {
        try {
            // through the interface, so an activity carries its "type"
            return event instanceof SalesActivity
                    ? JSON.writerFor(SalesActivity.class).writeValueAsString(event)
                    : JSON.writeValueAsString(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KafkaProducer<String, String> producer;

    /**
     * The producer to the broker of the running test class (each class with a stack of its own has a
     * broker of its own): made on first use, closed by {@link #closeProducer} after the class.
     */
    static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = producer(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        }
        return producer;
    }

    static synchronized void closeProducer() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p);
    }

    /** Publishes with key = lead id and CloudEvents binary headers, and waits for the acks. */
    static void publish(List<LeadEvent> events) {
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        for (LeadEvent event : events) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topicOf(event), event.leadId(), json(event));
            header(record, "ce_id", event.eventId());
            header(record, "ce_type", typeOf(event));
            header(record, "ce_source", "/leadpact/test");
            header(record, "ce_time", event.occurredAt().toString());
            header(record, "ce_specversion", CloudEventTypes.SPEC_VERSION);
            header(record, "content-type", "application/json");
            acks.add(producer().send(record));
        }
        producer().flush();
        await(acks);
    }

    /** Publishes an erasure as the intake does: keyed by lead id, CloudEvents headers. */
    static void publishErasure(LeadErased erasure) {
        try {
            ProducerRecord<String, String> record =
                    new ProducerRecord<>(Topics.LEAD_ERASURES, erasure.leadId(), JSON.writeValueAsString(erasure));
            header(record, "ce_id", erasure.eventId());
            header(record, "ce_type", CloudEventTypes.LEAD_ERASED);
            header(record, "ce_source", "/leadpact/test");
            header(record, "ce_time", erasure.occurredAt().toString());
            header(record, "ce_specversion", CloudEventTypes.SPEC_VERSION);
            producer().send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void publishRaw(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
