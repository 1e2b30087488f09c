package dev.leadpact.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Enumeration;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leadpact.sla.policy-file}: the settings of a YAML file, between a service's
 * application.properties (250) and its environment (300), as Quarkus orders its sources.
 */
class PolicyFileTest {

    private static final String FULL = """
            # policies as they live in git next to the deployment
            leadpact:
              sla:
                calendars:
                  office:
                    zone: Europe/Berlin
                    working-days: [MONDAY, TUESDAY, WEDNESDAY, THURSDAY]
                    opens: 08:00
                    closes: 17:00
                    holidays:
                      - 2026-12-24
                      - 2026-12-31
                policies:
                  default:
                    version: 2
                    calendar: office
                    first-contact: PT30M
                    attempts-required: 4
                  large-sql:
                    version: 3
                    first-contact: PT15M
                    applies-to: OPEN_EPISODES
                sources:
                  partner:
                    channels: [referral]
                    policies:
                      default:
                        first-contact: PT4H
                        calendar: 24x7
                managers:
                  rep-jane: mgr-ann
            """;

    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("sla-policies.yaml"), yaml);
    }

    /** The shipped defaults (100), a service's application.properties (250) and the file. */
    private static SmallRyeConfigBuilder service(Map<String, String> applicationProperties, ConfigSource... more)
            throws IOException {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder();
        Enumeration<URL> defaults =
                PolicyFileTest.class.getClassLoader().getResources("META-INF/microprofile-config.properties");
        while (defaults.hasMoreElements()) {
            builder.withSources(new PropertiesConfigSource(defaults.nextElement(), 100));
        }
        return builder.withSources(new PropertiesConfigSource(applicationProperties, "application.properties", 250))
                .withSources(more)
                .withSources(new PolicyFileConfigSourceFactory())
                .withMapping(SlaSettings.class);
    }

    private static PolicyBook book(SmallRyeConfigBuilder builder) {
        return PolicyBook.from(builder.build().getConfigMapping(SlaSettings.class));
    }

    private static EnvConfigSource env(Map<String, String> variables) {
        return new EnvConfigSource(variables, 300);
    }

    @Test
    void theFileNamedByTheEnvironmentMakesThePolicies() throws IOException {
        Path file = file(FULL);
        PolicyBook book = book(service(Map.of(), env(Map.of("LEADPACT_SLA_POLICY_FILE", file.toString()))));

        SlaPolicy midSql = book.of(Segment.MID, Stage.SQL);
        assertThat(midSql.version()).isEqualTo(2);
        assertThat(midSql.firstContact()).isEqualTo(Duration.ofMinutes(30));
        assertThat(midSql.attemptsRequired()).isEqualTo(4);
        assertThat(midSql.appliesTo()).isEqualTo(PolicyReach.NEW_EPISODES);
        // what the file leaves out comes from the shipped defaults
        assertThat(midSql.warningAt()).isEqualTo(0.8);
        assertThat(midSql.attemptWindow()).isEqualTo(Duration.ofDays(10));

        SlaPolicy largeSql = book.of(Segment.LARGE, Stage.SQL);
        assertThat(largeSql.version()).isEqualTo(3);
        assertThat(largeSql.firstContact()).isEqualTo(Duration.ofMinutes(15));
        assertThat(largeSql.appliesTo()).isEqualTo(PolicyReach.OPEN_EPISODES);

        BusinessCalendar office = midSql.calendar();
        assertThat(office.name()).isEqualTo("office");
        assertThat(office.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(office.workingDays()).doesNotContain(DayOfWeek.FRIDAY).contains(DayOfWeek.THURSDAY);
        assertThat(office.opens()).isEqualTo(LocalTime.of(8, 0));
        assertThat(office.closes()).isEqualTo(LocalTime.of(17, 0));
        assertThat(office.holidays())
                .containsExactlyInAnyOrder(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-31"));

        assertThat(book.sourceOf("referral", null)).isEqualTo("partner");
        SlaPolicy partner = book.of("partner", Segment.SMALL, Stage.SQL);
        assertThat(partner.id()).isEqualTo("partner/small-sql");
        assertThat(partner.firstContact()).isEqualTo(Duration.ofHours(4));
        assertThat(partner.calendar().isAlwaysOpen()).isTrue();
        assertThat(partner.attemptsRequired()).isEqualTo(4);

        assertThat(book.managerOf("rep-jane")).contains("mgr-ann");
    }

    @Test
    void aFileOfPoliciesAloneMayLeaveOutTheTwoWrappingLevels() throws IOException {
        Path file = file("""
                policies:
                  default:
                    first-contact: PT2H
                  small:
                    handoff-stage: MQL
                default-source: website
                """);
        PolicyBook book = book(service(Map.of("leadpact.sla.policy-file", file.toString())));

        assertThat(book.defaultSource()).isEqualTo("website");
        assertThat(book.of(Segment.MID, Stage.SQL).firstContact()).isEqualTo(Duration.ofHours(2));
        assertThat(book.of(Segment.SMALL, Stage.MQL).handoffStage()).isEqualTo(Stage.MQL);
        assertThat(book.of(Segment.MID, Stage.SQL).calendar().name()).isEqualTo("business");
    }

    @Test
    void theFileOverridesApplicationPropertiesAndTheEnvironmentOverridesTheFile() throws IOException {
        Path file = file(FULL);
        PolicyBook book = book(service(
                Map.of(
                        "leadpact.sla.policy-file", file.toString(),
                        "leadpact.sla.policies.default.first-contact", "PT5M",
                        "leadpact.sla.policies.default.escalation-delay", "PT2H"),
                env(Map.of("LEADPACT_SLA_POLICIES_LARGE_SQL_FIRST_CONTACT", "PT1M"))));

        assertThat(book.of(Segment.MID, Stage.SQL).firstContact()).isEqualTo(Duration.ofMinutes(30));
        // a setting the file leaves out still comes from application.properties
        assertThat(book.of(Segment.MID, Stage.SQL).escalationDelay()).isEqualTo(Duration.ofHours(2));
        assertThat(book.of(Segment.LARGE, Stage.SQL).firstContact()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void theFileIsOneOfTheConfigsSourcesWhichTheWhatIfProposalCopies() throws IOException {
        Path file = file(FULL);
        SmallRyeConfig config =
                service(Map.of("leadpact.sla.policy-file", file.toString())).build();

        assertThat(config.getConfigSources())
                .filteredOn(s -> s.getName().equals("leadpact.sla.policy-file " + file))
                .singleElement()
                .satisfies(s -> assertThat(s.getOrdinal()).isEqualTo(275))
                .satisfies(s -> assertThat(s.getValue("leadpact.sla.policies.large-sql.first-contact"))
                        .isEqualTo("PT15M"));
    }

    @Test
    void theExampleFileIsTheShippedDefaults() throws IOException {
        Path example = Path.of("../deploy/sla-policies.example.yaml");
        PolicyBook fromFile = book(new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(
                        Map.of("leadpact.sla.policy-file", example.toString()), "application.properties", 250))
                .withSources(new PolicyFileConfigSourceFactory())
                .withMapping(SlaSettings.class));

        assertThat(fromFile.all())
                .usingRecursiveFieldByFieldElementComparator()
                .containsExactlyInAnyOrderElementsOf(book(service(Map.of())).all());
    }

    @Test
    void withoutTheSettingNoFileIsRead() throws IOException {
        SmallRyeConfig config = service(Map.of()).build();

        assertThat(config.getConfigSources()).noneMatch(s -> s.getName().startsWith("leadpact.sla.policy-file"));
        assertThat(PolicyBook.from(config.getConfigMapping(SlaSettings.class))
                        .of(Segment.MID, Stage.SQL)
                        .firstContact())
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theFactoryIsRegisteredForServiceLoading() {
        assertThat(ServiceLoader.load(ConfigSourceFactory.class).stream()
                        .map(p -> p.type().getName()))
                .contains(PolicyFileConfigSourceFactory.class.getName());
    }

    @Test
    void aMissingFileStopsStartUp() {
        Path missing = dir.resolve("nowhere.yaml");

        assertThatThrownBy(() -> service(Map.of("leadpact.sla.policy-file", missing.toString()))
                        .build())
                .hasMessage("leadpact.sla.policy-file " + missing + ": no such file");
    }

    @Test
    void aDirectoryIsNoPolicyFile() {
        assertThatThrownBy(() -> service(Map.of("leadpact.sla.policy-file", dir.toString()))
                        .build())
                .hasMessageStartingWith("leadpact.sla.policy-file " + dir + ": cannot be read");
    }

    @Test
    void invalidYamlIsReportedWithItsLine() throws IOException {
        Path file = file("""
                policies:
                  default:
                    first-contact: PT1H
                   attempts-required: 3
                """);

        assertThatThrownBy(() -> service(Map.of("leadpact.sla.policy-file", file.toString()))
                        .build())
                .hasMessageStartingWith("leadpact.sla.policy-file " + file + ": invalid YAML at line 4, column 4: ");
    }

    @Test
    void aKeyOutsideThePolicySettingsIsRefusedByName() throws IOException {
        Path file = file(FULL + """
                quarkus:
                  datasource:
                    jdbc:
                      url: jdbc:postgresql://elsewhere/db
                """);

        assertThatThrownBy(() -> service(Map.of("leadpact.sla.policy-file", file.toString()))
                        .build())
                .hasMessageStartingWith("leadpact.sla.policy-file " + file
                        + ": quarkus.datasource.jdbc.url is not a policy setting; the file sets only");
    }

    @Test
    void otherLeadpactSettingsAreRefusedToo() throws IOException {
        Path file = file("""
                leadpact:
                  sla:
                    policies:
                      default:
                        first-contact: PT1H
                    commitment:
                      checkpoints: weekly
                  monitor:
                    source: /elsewhere
                """);

        assertThatThrownBy(() -> service(Map.of("leadpact.sla.policy-file", file.toString()))
                        .build())
                .hasMessageStartingWith("leadpact.sla.policy-file " + file
                        + ": leadpact.monitor.source, leadpact.sla.commitment.checkpoints are not policy settings");
    }

    @Test
    void inAFileWithoutTheWrappingLevelsTheKeyIsNamedAsWritten() throws IOException {
        Path file = file("""
                policies:
                  default:
                    first-contact: PT1H
                polices:
                  small:
                    attempts-required: 3
                """);

        assertThatThrownBy(() -> service(Map.of("leadpact.sla.policy-file", file.toString()))
                        .build())
                .hasMessageStartingWith("leadpact.sla.policy-file " + file
                        + ": polices.small.attempts-required is not a policy setting");
    }

    @Test
    void aFileThatSetsNothingIsAMistake() throws IOException {
        for (String yaml : Set.of("", "# nothing yet\n", "just text\n")) {
            Path file = file(yaml);

            assertThatThrownBy(() -> service(Map.of("leadpact.sla.policy-file", file.toString()))
                            .build())
                    .as("%s", yaml)
                    .hasMessageStartingWith("leadpact.sla.policy-file " + file + ": sets nothing");
        }
    }
}
