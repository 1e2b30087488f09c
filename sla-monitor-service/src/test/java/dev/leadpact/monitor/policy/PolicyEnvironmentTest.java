package dev.leadpact.monitor.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import dev.leadpact.monitor.commitment.CommitmentSettings;
import dev.leadpact.monitor.commitment.MarketingCommitment;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The shipped application.properties with environment variables on top, as a deployment (or the
 * system test's launcher) sets them: they must reach the policies.
 */
class PolicyEnvironmentTest {

    @Test
    void environmentVariablesOverrideTheShippedDefaults() throws IOException {
        Properties shipped = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            shipped.load(in);
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(shipped, "application.properties", 250))
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
        Properties shipped = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            shipped.load(in);
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(shipped, "application.properties", 250))
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
