package dev.leadpact.monitor.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import dev.leadpact.monitor.commitment.CommitmentSettings;
import dev.leadpact.monitor.commitment.MarketingCommitment;
import dev.leadpact.policy.PolicyBook;
import dev.leadpact.policy.SlaPolicy;
import dev.leadpact.policy.SlaSettings;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Enumeration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The shipped configuration (sla-policy's META-INF/microprofile-config.properties under the
 * monitor's application.properties, as Quarkus orders them) with environment variables on top, as
 * a deployment (or the system test's launcher) sets them: they must reach the policies.
 */
class PolicyEnvironmentTest {

    /** Every META-INF/microprofile-config.properties on the class path (ordinal 100), then application.properties. */
    private static SmallRyeConfigBuilder shipped() throws IOException {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder();
        Enumeration<URL> defaults =
                PolicyEnvironmentTest.class.getClassLoader().getResources("META-INF/microprofile-config.properties");
        while (defaults.hasMoreElements()) {
            builder.withSources(new PropertiesConfigSource(defaults.nextElement(), 100));
        }
        Properties application = new Properties();
        try (InputStream in = PolicyEnvironmentTest.class.getResourceAsStream("/application.properties")) {
            application.load(in);
        }
        return builder.withSources(new PropertiesConfigSource(application, "application.properties", 250));
    }

    @Test
    void environmentVariablesOverrideTheShippedDefaults() throws IOException {
        SmallRyeConfig config = shipped()
                .withSources(new EnvConfigSource(
                        Map.of(
                                "LEADPACT_SLA_POLICIES_DEFAULT_CALENDAR", "24x7",
                                "LEADPACT_SLA_POLICIES_DEFAULT_FIRST_CONTACT", "PT8S",
                                "LEADPACT_SLA_COMMITMENT_CHECKPOINTS", "PT1M",
                                "LEADPACT_SLA_COMMITMENT_QUALIFIED_LEADS_PER_REP_PER_MONTH", "40"),
                        300))
                .withMapping(SlaSettings.class)
                .withMapping(CommitmentSettings.class)
                .build();
        PolicyBook book = PolicyBook.from(config.getConfigMapping(SlaSettings.class));

        SlaPolicy policy = book.of(Segment.MID, Stage.SQL);
        assertThat(policy.firstContact()).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.calendar().isAlwaysOpen()).isTrue();
        assertThat(policy.attemptsRequired()).isEqualTo(6);
        assertThat(policy.attemptWindow()).isEqualTo(Duration.ofDays(10));

        MarketingCommitment commitment = new MarketingCommitment(
                config.getConfigMapping(CommitmentSettings.class), config.getConfigMapping(SlaSettings.class));
        assertThat(commitment.schedule().next(Instant.parse("2026-11-27T10:15:30Z")))
                .isEqualTo("2026-11-27T10:16:00Z");
        assertThat(commitment.scope("team:emea-mid").orElseThrow().perRep()).isEqualTo(40);
        assertThat(commitment.qualifyingStage()).isEqualTo(Stage.SQL);
    }

    @Test
    void withoutEnvironmentTheShippedPoliciesUseTheBusinessCalendar() throws IOException {
        SmallRyeConfig config = shipped()
                .withMapping(SlaSettings.class)
                .withMapping(CommitmentSettings.class)
                .build();
        SlaPolicy policy =
                PolicyBook.from(config.getConfigMapping(SlaSettings.class)).of(Segment.SMALL, Stage.SQL);
        assertThat(policy.calendar().name()).isEqualTo("business");
        assertThat(policy.firstContact()).isEqualTo(Duration.ofHours(1));
        assertThat(policy.handoffStage()).isEqualTo(Stage.SQL);

        MarketingCommitment commitment = new MarketingCommitment(
                config.getConfigMapping(CommitmentSettings.class), config.getConfigMapping(SlaSettings.class));
        // weekly, in the business calendar's zone
        assertThat(commitment.schedule().next(Instant.parse("2026-11-27T10:15:30Z")))
                .isEqualTo("2026-11-30T00:00:00Z");
        assertThat(commitment.scope("team:emea-mid").orElseThrow().perRep()).isEqualTo(150);
    }
}
