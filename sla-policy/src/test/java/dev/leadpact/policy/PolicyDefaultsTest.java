package dev.leadpact.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Enumeration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The module's META-INF/microprofile-config.properties, read as Quarkus reads it (ordinal 100), is
 * the same rule book for every service that depends on the module, and environment variables
 * override it.
 */
class PolicyDefaultsTest {

    private static SmallRyeConfigBuilder shipped() throws IOException {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder();
        Enumeration<URL> defaults =
                PolicyDefaultsTest.class.getClassLoader().getResources("META-INF/microprofile-config.properties");
        while (defaults.hasMoreElements()) {
            builder.withSources(new PropertiesConfigSource(defaults.nextElement(), 100));
        }
        return builder.withMapping(SlaSettings.class);
    }

    private static PolicyBook book(SmallRyeConfigBuilder builder) {
        return PolicyBook.from(builder.build().getConfigMapping(SlaSettings.class));
    }

    @Test
    void theShippedDefaultsAreTheDesignsInTheBusinessCalendar() throws IOException {
        PolicyBook book = book(shipped());

        for (SlaPolicy policy : book.all()) {
            assertThat(policy.version()).isEqualTo(1);
            assertThat(policy.handoffStage()).isEqualTo(Stage.SQL);
            assertThat(policy.firstContact()).isEqualTo(Duration.ofHours(1));
            assertThat(policy.attemptsRequired()).isEqualTo(6);
            assertThat(policy.attemptWindow()).isEqualTo(Duration.ofDays(10));
            assertThat(policy.warningAt()).isEqualTo(0.8);
            assertThat(policy.escalationDelay()).isEqualTo(Duration.ofHours(1));
            assertThat(policy.feedbackDeadline()).isEqualTo(Duration.ofDays(30));
            assertThat(policy.calendar().name()).isEqualTo("business");
        }
        BusinessCalendar business = book.of(Segment.MID, Stage.SQL).calendar();
        assertThat(business.zone()).isEqualTo(ZoneId.of("UTC"));
        // 2026-11-20 is a Friday: open 09:00-18:00 UTC, closed at the weekend
        assertThat(business.isOpen(Instant.parse("2026-11-20T08:59:59Z"))).isFalse();
        assertThat(business.isOpen(Instant.parse("2026-11-20T09:00:00Z"))).isTrue();
        assertThat(business.isOpen(Instant.parse("2026-11-20T18:00:00Z"))).isFalse();
        assertThat(business.isOpen(Instant.parse("2026-11-21T12:00:00Z"))).isFalse();
    }

    @Test
    void environmentVariablesOverrideTheShippedDefaults() throws IOException {
        PolicyBook book = book(shipped()
                .withSources(new EnvConfigSource(
                        Map.of(
                                "LEADPACT_SLA_POLICIES_DEFAULT_CALENDAR", "24x7",
                                "LEADPACT_SLA_POLICIES_DEFAULT_FIRST_CONTACT", "PT2M",
                                "LEADPACT_SLA_POLICIES_DEFAULT_VERSION", "3"),
                        300)));

        SlaPolicy policy = book.of(Segment.LARGE, Stage.SQL);
        assertThat(policy.calendar().isAlwaysOpen()).isTrue();
        assertThat(policy.firstContact()).isEqualTo(Duration.ofMinutes(2));
        assertThat(policy.version()).isEqualTo(3);
        assertThat(policy.attemptsRequired()).isEqualTo(6);
    }

    @Test
    void aCalendarsSettingCanComeFromTheEnvironmentToo() throws IOException {
        PolicyBook book = book(shipped()
                .withSources(new EnvConfigSource(
                        Map.of(
                                "LEADPACT_SLA_CALENDARS_BUSINESS_ZONE", "Europe/Berlin",
                                "LEADPACT_SLA_CALENDARS_BUSINESS_OPENS", "08:00"),
                        300)));

        BusinessCalendar business = book.of(Segment.SMALL, Stage.SQL).calendar();
        assertThat(business.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        // 08:00 in Berlin in November is 07:00 UTC
        assertThat(business.isOpen(Instant.parse("2026-11-20T06:59:59Z"))).isFalse();
        assertThat(business.isOpen(Instant.parse("2026-11-20T07:00:00Z"))).isTrue();
    }
}
