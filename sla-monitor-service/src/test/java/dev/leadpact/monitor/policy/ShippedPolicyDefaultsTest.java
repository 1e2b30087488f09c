package dev.leadpact.monitor.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadpact.devstack.LeadPactTestResource;
import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import dev.leadpact.policy.PolicyBook;
import dev.leadpact.policy.SlaSettings;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Quarkus finds sla-policy's {@code @ConfigMapping} in its jar and reads the module's shipped
 * defaults (META-INF/microprofile-config.properties) under the monitor's own settings, here its
 * {@code %test.} overrides.
 */
@QuarkusTest
@WithTestResource(LeadPactTestResource.class)
class ShippedPolicyDefaultsTest {

    @Inject
    SlaSettings settings;

    @Inject
    PolicyBook book;

    @Test
    void theModulesDefaultsReachTheServiceUnderItsOwnOverrides() {
        // set only in the module's file
        assertThat(settings.calendars()).containsKey("business");
        SlaSettings.PolicySettings defaults = settings.policies().get("default");
        assertThat(defaults.warningAt()).hasValue(0.8);
        assertThat(defaults.handoffStage()).contains(Stage.SQL);
        // the monitor's %test. settings win
        assertThat(defaults.firstContact()).contains(Duration.ofMinutes(10));
        assertThat(book.of(Segment.MID, Stage.SQL).calendar().isAlwaysOpen()).isTrue();
        assertThat(book.of(Segment.MID, Stage.SQL).version()).isEqualTo(7);
    }
}
