package dev.leadpact.events;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static JsonNode read(String sample) throws IOException {
        try (InputStream in = GoldenSampleTest.class.getResourceAsStream("/golden/" + sample)) {
            assertThat(in).as("golden sample %s", sample).isNotNull();
            return JSON.readTree(in);
        }
    }
}
