package dev.leadpact.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden sample reads into its record and writes back to the same JSON, field for field: the
 * samples are the contract other teams code against.
 */
class GoldenSampleTest {

    /** Configured like a consumer outside LeadPact would: ISO-8601 instants, nothing else special. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("conversion.json", ConversionEvent.class),
                Arguments.of("contact-attempt.json", SalesActivity.class),
                Arguments.of("lead-status-changed.json", SalesActivity.class),
                Arguments.of("owner-assigned.json", SalesActivity.class),
                Arguments.of("deal-closed.json", DealClosed.class),
                Arguments.of("sla-warning.json", SlaEvent.class),
                Arguments.of("sla-breach.json", SlaEvent.class),
                Arguments.of("sla-escalation.json", SlaEvent.class),
                Arguments.of("sla-retraction.json", SlaEvent.class),
                Arguments.of("sla-resolution.json", SlaEvent.class),
                Arguments.of("sla-lead-volume-shortfall.json", SlaEvent.class),
                Arguments.of("sla-lead-volume-shortfall-before-scope.json", SlaEvent.class),
                Arguments.of("commitment-checkpoint.json", CommitmentCheckpoint.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void roundTripsFieldForField(String sample, Class<?> type) throws IOException {
        JsonNode golden = read(sample);

        Object event = JSON.treeToValue(golden, type);
        JsonNode written = JSON.readTree(JSON.writeValueAsString(event));

        assertThat(written).isEqualTo(golden);
        assertThat(JSON.treeToValue(written, type)).isEqualTo(event);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void ignoresFieldsItDoesNotKnow(String sample, Class<?> type) throws IOException {
        ObjectNode withExtra = (ObjectNode) read(sample);
        Object expected = JSON.treeToValue(withExtra, type);
        withExtra.put("addedInALaterVersion", "some value");
        withExtra.putObject("nestedNewThing").put("x", 1);

        assertThat(JSON.treeToValue(withExtra, type)).isEqualTo(expected);
    }

    @Test
    void conversionCarriesTimesAndEnumsAsText() throws IOException {
        ConversionEvent conversion = JSON.treeToValue(read("conversion.json"), ConversionEvent.class);

        assertThat(conversion.occurredAt()).isEqualTo(Instant.parse("2026-11-20T16:30:00Z"));
        assertThat(conversion.stage()).isEqualTo(Stage.SQL);
        assertThat(conversion.segment()).isEqualTo(Segment.MID);
        assertThat(conversion.utm().campaign()).isEqualTo("q4-demo");
    }

    @Test
    void salesActivitiesResolveToTheirTypeFromTheTypeProperty() throws IOException {
        assertThat(JSON.treeToValue(read("contact-attempt.json"), SalesActivity.class))
                .isInstanceOfSatisfying(ContactAttempt.class, a -> {
                    assertThat(a.outcome()).isEqualTo(AttemptOutcome.VOICEMAIL);
                    assertThat(CloudEventTypes.of(a)).isEqualTo(CloudEventTypes.CONTACT_ATTEMPT);
                });
        assertThat(JSON.treeToValue(read("lead-status-changed.json"), SalesActivity.class))
                .isInstanceOfSatisfying(
                        LeadStatusChanged.class, s -> assertThat(s.status()).isEqualTo(LeadStatus.MEETING_BOOKED));
        assertThat(JSON.treeToValue(read("owner-assigned.json"), SalesActivity.class))
                .isInstanceOfSatisfying(
                        OwnerAssigned.class, o -> assertThat(o.managerId()).isEqualTo("mgr-omar"));
    }

    @Test
    void dealKeepsItsExactAmountAndUsesCloseTimeAsEventTime() throws IOException {
        DealClosed deal = JSON.treeToValue(read("deal-closed.json"), DealClosed.class);

        assertThat(deal.amount()).isEqualByComparingTo(new BigDecimal("24000.00"));
        assertThat(deal.occurredAt()).isEqualTo(deal.closedAt());
        assertThat(JSON.valueToTree(deal).has("occurredAt")).isFalse();
    }

    @Test
    void slaEventTypesNameTheirKind() {
        assertThat(CloudEventTypes.of(SlaEventKind.BREACH)).isEqualTo("dev.leadpact.sla.breach.v1");
        assertThat(CloudEventTypes.of(SlaEventKind.RETRACTION)).isEqualTo("dev.leadpact.sla.retraction.v1");
    }

    @Test
    void eachKindOfSlaEventIsBuiltByItsFactoryToTheGoldenJson() throws IOException {
        SlaEvent.LeadBreach firstContact = new SlaEvent.LeadBreach(
                "5b3c2f1e-7a9d-3c4b-8e6f-1a2b3c4d5e6f",
                SlaRule.FIRST_CONTACT_OVERDUE,
                "lead-3f1d2a9c7b4e5f60",
                "rep-jane",
                null,
                Segment.MID,
                Stage.SQL,
                Instant.parse("2026-11-23T09:30:00Z"),
                0,
                6,
                "mid-sql",
                1);

        assertThat(tree(SlaEvent.warning(
                        "8a0f4a57-1c55-3b0e-a3f4-7d7d1c3f9b10", firstContact, Instant.parse("2026-11-23T09:18:00Z"))))
                .isEqualTo(read("sla-warning.json"));
        assertThat(tree(SlaEvent.breach(
                        "2c9e5d0b-6f3a-3e1d-9b8c-4f5e6a7b8c90",
                        firstContact,
                        Instant.parse("2026-11-23T09:30:00.120Z"))))
                .isEqualTo(read("sla-breach.json"));

        SlaEvent.LeadBreach escalated = new SlaEvent.LeadBreach(
                firstContact.breachId(),
                firstContact.rule(),
                firstContact.leadId(),
                "rep-jane",
                "mgr-omar",
                Segment.MID,
                Stage.SQL,
                firstContact.dueAt(),
                null,
                null,
                "mid-sql",
                1);
        assertThat(tree(SlaEvent.escalation(
                        "7e6d5c4b-3a29-3180-8f7e-6d5c4b3a2918", escalated, Instant.parse("2026-11-23T10:30:00Z"))))
                .isEqualTo(read("sla-escalation.json"));

        SlaEvent.LeadBreach contacted = new SlaEvent.LeadBreach(
                firstContact.breachId(),
                firstContact.rule(),
                firstContact.leadId(),
                "rep-jane",
                null,
                Segment.MID,
                Stage.SQL,
                firstContact.dueAt(),
                1,
                6,
                "mid-sql",
                1);
        Instant contactedAt = Instant.parse("2026-11-23T11:02:00Z");
        assertThat(tree(SlaEvent.resolution(
                        "3d2c1b0a-9f8e-37d6-8c5b-4a3928170615",
                        contacted,
                        contactedAt,
                        contactedAt.minusSeconds(239520),
                        contactedAt)))
                .isEqualTo(read("sla-resolution.json"));
        assertThat(tree(SlaEvent.breach("any", contacted, Instant.parse("2026-11-23T09:31:00Z"))
                        .retraction("9f8e7d6c-5b4a-3928-8716-05f4e3d2c1b0", Instant.parse("2026-11-23T09:41:07Z"))))
                .isEqualTo(read("sla-retraction.json"));
    }

    @Test
    void aShortfallIsBuiltFromTheCountThatFoundIt() throws IOException {
        CommitmentCheckpoint count = new CommitmentCheckpoint(
                "count-1",
                "team:emea-mid",
                "emea-mid",
                null,
                Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-08T00:00:00Z"),
                false,
                Instant.parse("2026-11-08T00:00:00.210Z"),
                2,
                1200,
                300,
                201,
                99,
                CheckpointVerdict.SHORT,
                "marketing-volume",
                1);

        SlaEvent shortfall = SlaEvent.shortfallBreach(
                "4e3d2c1b-0a9f-38e7-9d6c-5b4a39281706", "6c5b4a39-2817-3061-8f5e-4d3c2b1a0f9e", count);

        assertThat(tree(shortfall)).isEqualTo(read("sla-lead-volume-shortfall.json"));
        assertThat(shortfall.delivered()).isEqualTo(201);
        assertThat(shortfall.expected()).isEqualTo(300);
        assertThat(shortfall.key()).isEqualTo("team:emea-mid");
        SlaEvent retraction = SlaEvent.shortfallRetraction("r", shortfall.breachId(), count);
        assertThat(retraction.kind()).isEqualTo(SlaEventKind.RETRACTION);
        assertThat(retraction.lateBySeconds()).isNull();
        assertThat(retraction.scope()).isEqualTo("team:emea-mid");
    }

    @Test
    void aShortfallWrittenBeforeScopeExistedHasItsScopeInLeadId() throws IOException {
        SlaEvent before = JSON.treeToValue(read("sla-lead-volume-shortfall-before-scope.json"), SlaEvent.class);
        SlaEvent now = JSON.treeToValue(read("sla-lead-volume-shortfall.json"), SlaEvent.class);

        assertThat(before.scope()).isNull();
        assertThat(before.commitmentScope()).isEqualTo("team:emea-mid");
        assertThat(now.commitmentScope()).isEqualTo("team:emea-mid");
        assertThat(now.leadId())
                .as("old readers still find the scope where they did")
                .isEqualTo("team:emea-mid");
        assertThat(before.key()).isEqualTo(now.key()).isEqualTo("team:emea-mid");
        SlaEvent leadRule = JSON.treeToValue(read("sla-breach.json"), SlaEvent.class);
        assertThat(leadRule.commitmentScope()).isNull();
        assertThat(leadRule.key()).isEqualTo("lead-3f1d2a9c7b4e5f60");
    }

    @Test
    void anOutcomeStatusOrChannelAddedLaterReadsAsUnknownNotAsAnError() throws IOException {
        assertThat(JSON.treeToValue(read("unknown-values/contact-attempt.json"), SalesActivity.class))
                .isInstanceOfSatisfying(ContactAttempt.class, a -> {
                    assertThat(a.outcome()).isEqualTo(AttemptOutcome.UNKNOWN);
                    assertThat(a.outcome().isConnected()).isFalse();
                    assertThat(a.channel()).isEqualTo(ContactChannel.OTHER);
                });
        assertThat(JSON.treeToValue(read("unknown-values/lead-status-changed.json"), SalesActivity.class))
                .isInstanceOfSatisfying(LeadStatusChanged.class, s -> {
                    assertThat(s.status()).isEqualTo(LeadStatus.UNKNOWN);
                    assertThat(s.status().givesUp()).isFalse();
                });
    }

    @Test
    void anSlaRuleOrKindAddedLaterReadsAsUnknownAndAnOptionalEnumAsAbsent() throws IOException {
        SlaEvent event = JSON.treeToValue(read("unknown-values/sla-event.json"), SlaEvent.class);
        assertThat(event.kind()).isEqualTo(SlaEventKind.UNKNOWN);
        assertThat(event.rule()).isEqualTo(SlaRule.UNKNOWN);
        assertThat(event.segment()).isNull();
        assertThat(event.stage()).isNull();
        assertThat(event.breachId()).isEqualTo("5b3c2f1e-7a9d-3c4b-8e6f-1a2b3c4d5e70");

        ConversionEvent conversion = JSON.treeToValue(read("unknown-values/conversion.json"), ConversionEvent.class);
        assertThat(conversion.journeyPhase()).isNull();
        assertThat(conversion.stage()).isEqualTo(Stage.SQL);

        CommitmentCheckpoint count =
                JSON.treeToValue(read("unknown-values/commitment-checkpoint.json"), CommitmentCheckpoint.class);
        assertThat(count.segment()).isNull();
        assertThat(count.scope()).isEqualTo("segment:ENTERPRISE");
    }

    @Test
    void aStageSegmentOrDealOutcomeAddedLaterIsABreakingChange() throws IOException {
        ObjectNode conversion = (ObjectNode) read("conversion.json");
        conversion.put("stage", "PQL");
        assertThatThrownBy(() -> JSON.treeToValue(conversion, ConversionEvent.class))
                .as("stages are ranked and every rule is per stage: a new one is a new topic version")
                .isInstanceOf(JsonProcessingException.class);
        ObjectNode deal = (ObjectNode) read("deal-closed.json");
        deal.put("outcome", "NO_DECISION");
        assertThatThrownBy(() -> JSON.treeToValue(deal, DealClosed.class)).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void everyLeadEventKindHasItsVisit() throws IOException {
        LeadEvent.Visitor<String> names = new LeadEvent.Visitor<>() {
            @Override
            public String conversion(ConversionEvent conversion) {
                return "conversion";
            }

            @Override
            public String contactAttempt(ContactAttempt attempt) {
                return "attempt";
            }

            @Override
            public String statusChanged(LeadStatusChanged change) {
                return "status";
            }

            @Override
            public String ownerAssigned(OwnerAssigned assignment) {
                return "owner";
            }

            @Override
            public String dealClosed(DealClosed deal) {
                return "deal";
            }

            @Override
            public String slaEvent(SlaEvent event) {
                return "sla";
            }
        };
        assertThat(Stream.<LeadEvent>of(
                                JSON.treeToValue(read("conversion.json"), ConversionEvent.class),
                                JSON.treeToValue(read("contact-attempt.json"), SalesActivity.class),
                                JSON.treeToValue(read("lead-status-changed.json"), SalesActivity.class),
                                JSON.treeToValue(read("owner-assigned.json"), SalesActivity.class),
                                JSON.treeToValue(read("deal-closed.json"), DealClosed.class),
                                JSON.treeToValue(read("sla-breach.json"), SlaEvent.class))
                        .map(e -> e.accept(names)))
                .containsExactly("conversion", "attempt", "status", "owner", "deal", "sla");
    }

    /** As a consumer reads it: written, then parsed (so numbers compare as JSON numbers). */
    private static JsonNode tree(Object event) throws IOException {
        return JSON.readTree(JSON.writeValueAsString(event));
    }

    private static JsonNode read(String sample) throws IOException {
        try (InputStream in = GoldenSampleTest.class.getResourceAsStream("/golden/" + sample)) {
            assertThat(in).as("golden sample %s", sample).isNotNull();
            return JSON.readTree(in);
        }
    }
}
