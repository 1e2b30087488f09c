package dev.leadpact.systemtest;

import static dev.leadpact.systemtest.SuiteClient.JSON;
import static dev.leadpact.systemtest.SuiteClient.freePort;
import static dev.leadpact.systemtest.SuiteClient.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadpact.devstack.Chromium;
import dev.leadpact.devstack.DevStack;
import dev.leadpact.events.Topics;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The dashboard's what-if panel in a real headless Chromium, against the packaged reporting service
 * and a real monitor (their own suite, with the monitor's URL passed on by DevStack as to {@code
 * ./run.sh}'s). Policy: 24/7, first contact within 10 s, 6 attempts within 20 s. Three demo SQLs:
 * mid A, called (no answer) 15 s after converting, mid B and small C never called. In force, all six
 * first-contact and attempt commitments are breaches. The panel proposes for mid a first contact
 * within 1 hour and a minimum of 1 attempt: A's call is then in time and enough, B's first contact
 * not yet due, B's attempts still missed; small stays as it is. The page's table must be the
 * monitor's own answer for the simulation it started, and those hand-computed numbers; a bad attempt
 * minimum and a stopped monitor must show their errors. Screenshot: {@code
 * target/dashboard-what-if.png}.
 */
class DashboardWhatIfTest {
    private static final String SECRET = "dashboard-what-if-secret";
    private static final String READER_KEY = "dashboard-what-if-reader-key";
    private static final String MONITOR = "sla-monitor-service";
    private static final Duration FIRST_CONTACT = Duration.ofSeconds(10);
    private static final Duration ATTEMPT_WINDOW = Duration.ofSeconds(20);
    private static final Duration CALLED_AFTER = Duration.ofSeconds(15);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SCREENSHOT = Path.of("target", "dashboard-what-if.png");

    private static DevStack suite;
    private static int intake;
    private static int monitor;
    private static int reporting;

    @BeforeAll
    static void startSuite() {
        intake = freePort();
        monitor = freePort();
        reporting = freePort();
        suite = DevStack.start(
                Path.of("../..").toAbsolutePath().normalize(),
                Path.of("target/dashboard-what-if"),
                List.of(
                        new DevStack.Service("lead-intake-service", intake, null),
                        new DevStack.Service(MONITOR, monitor, "sla_monitor"),
                        new DevStack.Service("closed-loop-reporting-service", reporting, "reporting")),
                SuiteClient.suiteSettings(
                        SECRET,
                        READER_KEY,
                        FIRST_CONTACT,
                        "LEADPACT_SLA_POLICIES_DEFAULT_ATTEMPT_WINDOW",
                        ATTEMPT_WINDOW.toString()));
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void aLongerMidDeadlineAndFewerAttemptsShowTheMonitorsNumbersThenTheErrors() throws Exception {
        Map<String, Instant> leads = new LinkedHashMap<>();
        String run = UUID.randomUUID().toString();
        try (KafkaConsumer<String, String> conversions =
                SuiteClient.consumerAtEnd(suite.bootstrapServers(), Topics.CONVERSIONS)) {
            leads.put(post("mid-a-" + run + "@example.com", 240), null);
            leads.put(post("mid-b-" + run + "@example.com", 240), null);
            leads.put(post("small-c-" + run + "@example.com", 12), null);
            Instant deadline = Instant.now().plus(WAIT);
            while (leads.containsValue(null) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : conversions.poll(Duration.ofMillis(250))) {
                    if (leads.containsKey(r.key())) {
                        leads.put(
                                r.key(),
                                Instant.parse(read(r.value()).get("occurredAt").asText()));
                    }
                }
            }
        }
        assertThat(leads).doesNotContainValue(null);
        String a = leads.keySet().iterator().next();
        Instant called = leads.get(a).plus(CALLED_AFTER);
        sleepUntil(called);
        HttpResponse<String> attempt = SuiteClient.postSigned(
                intake,
                SECRET,
                "/webhooks/crm/contact-attempts",
                JSON.createObjectNode()
                        .put("id", "attempt-" + run)
                        .put("email", "mid-a-" + run + "@example.com")
                        .put("occurredAt", called.toString())
                        .put("repId", "rep-what-if")
                        .put("channel", "PHONE")
                        .put("outcome", "NO_ANSWER")
                        .toString());
        assertThat(attempt.statusCode()).as(attempt.body()).isEqualTo(202);
        // every deadline has passed, and the monitor holds the call
        sleepUntil(leads.values().stream().max(Instant::compareTo).orElseThrow().plus(ATTEMPT_WINDOW));
        awaitTrue(
                "the monitor has A's call",
                () -> leadView(a).path("contactAttempts").asInt() == 1);

        WebDriver driver = Chromium.start();
        try {
            driver.get("http://localhost:" + reporting + "/dashboard?token=" + READER_KEY);
            // the policies in force as the defaults
            awaitTrue("the policies in force", () -> "10"
                    .equals(driver.findElement(By.id("what-if-mid-first-contact"))
                            .getDomProperty("value")));
            for (String segment : List.of("small", "mid", "large")) {
                assertThat(value(driver, "what-if-" + segment + "-first-contact"))
                        .isEqualTo("10");
                assertThat(value(driver, "what-if-" + segment + "-unit")).isEqualTo("1");
                assertThat(value(driver, "what-if-" + segment + "-attempts")).isEqualTo("6");
            }
            assertThat(text(driver, "#what-if-proposal tr[data-segment='MID'] td.in-force"))
                    .isEqualTo("10 s, 6 attempts");

            // mid: within 1 hour, 1 attempt
            type(driver, "what-if-mid-first-contact", "1");
            driver.findElement(By.cssSelector("#what-if-mid-unit option[value='3600']"))
                    .click();
            type(driver, "what-if-mid-attempts", "1");
            driver.findElement(By.id("what-if-run")).click();
            awaitState(driver, "done");
            String id = driver.findElement(By.id("what-if")).getDomAttribute("data-simulation");

            JsonNode job = SuiteClient.getJson(monitor, "/sla/simulations/" + id, READER_KEY);
            assertThat(job.get("status").asText()).isEqualTo("DONE");
            assertThat(job.get("settings"))
                    .as("only what was changed is proposed")
                    .isEqualTo(JSON.valueToTree(Map.of(
                            "leadpact.sla.policies.mid.first-contact", "PT1H",
                            "leadpact.sla.policies.mid.attempts-required", "1")));
            Map<String, String> shown = new LinkedHashMap<>();
            for (String segment : List.of("SMALL", "MID", "LARGE", "TOTAL")) {
                JsonNode group = group(job, segment);
                String expected = group == null
                        ? "–|–|0|0"
                        : percent(group.get("current").get("compliance"))
                                + "|" + percent(group.get("proposed").get("compliance"))
                                + "|" + group.get("current").get("breaches").asLong()
                                + "|" + group.get("proposed").get("breaches").asLong();
                String line = resultLine(driver, segment);
                assertThat(line).as(segment + ": the monitor's answer").isEqualTo(expected);
                shown.put(segment, line);
            }
            assertThat(text(driver, "#what-if-flips .count"))
                    .isEqualTo(job.get("result").get("flips").asText());

            // by hand: mid 4 breaches of 4 due, then A's two commitments met and B's attempts missed
            // (B's first contact is not due within the hour); small the same 2 of 2 under both; no large leads
            assertThat(shown)
                    .containsExactly(
                            Map.entry("SMALL", "0.00 %|0.00 %|2|2"),
                            Map.entry("MID", "0.00 %|66.67 %|4|1"),
                            Map.entry("LARGE", "–|–|0|0"),
                            Map.entry("TOTAL", "0.00 %|40.00 %|6|3"));
            assertThat(text(driver, "#what-if-flips .count")).isEqualTo("3");
            assertThat(driver.findElement(By.cssSelector("#what-if-result tr[data-segment='MID']"))
                            .getDomAttribute("data-change"))
                    .isEqualTo("fewer");
            Files.write(SCREENSHOT, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            System.out.printf("[what-if] the page showed the monitor's simulation %s: %s%n", id, shown);

            // a bad attempt minimum: the reporting service says why, nothing reaches the monitor
            type(driver, "what-if-mid-attempts", "0");
            driver.findElement(By.id("what-if-run")).click();
            awaitState(driver, "failed");
            assertThat(text(driver, "#what-if-error"))
                    .isEqualTo("segments.mid.attemptsRequired must be a whole number from 1 to 100, not '0'");
            assertThat(driver.findElement(By.id("what-if-result")).isDisplayed())
                    .isFalse();

            // the monitor stopped: 503, and the page names it
            suite.stopService(MONITOR);
            type(driver, "what-if-mid-attempts", "2");
            driver.findElement(By.id("what-if-run")).click();
            awaitState(driver, "failed");
            assertThat(text(driver, "#what-if-error"))
                    .isEqualTo("the SLA monitor at http://localhost:" + monitor + " is not reachable");
        } finally {
            driver.quit();
        }
    }

    /** Posts the demo form for a company of {@code employees}; returns the lead id. */
    private static String post(String email, int employees) throws Exception {
        HttpResponse<String> accepted = SuiteClient.postDemoForm(intake, email, employees);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return JSON.readTree(accepted.body()).get("leadId").asText();
    }

    private static JsonNode leadView(String lead) throws Exception {
        HttpResponse<String> response = SuiteClient.HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + monitor + "/sla/leads/" + lead))
                        .header("Authorization", "Bearer " + READER_KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
    }

    /** The group of a segment in the monitor's result, or of the total; null when it has none. */
    private static JsonNode group(JsonNode job, String segment) {
        for (JsonNode g : job.get("result").get("groups")) {
            if (segment.equals("TOTAL")
                    ? g.get("dimension").asText().equals("total")
                    : g.get("dimension").asText().equals("segment")
                            && g.get("value").asText().equals(segment)) {
                return g;
            }
        }
        return null;
    }

    /** A share as the page writes it: percent with two decimals, none as a dash. */
    private static String percent(JsonNode share) {
        if (share == null || share.isNull()) {
            return "–";
        }
        return share.decimalValue().movePointRight(2).setScale(2, RoundingMode.UNNECESSARY) + " %";
    }

    /** now|proposed compliance|now|proposed breaches of one row of the result. */
    private static String resultLine(WebDriver driver, String segment) {
        WebElement tr = driver.findElement(By.cssSelector("#what-if-result tr[data-segment='" + segment + "']"));
        List<String> cells = new ArrayList<>();
        for (String cell : List.of("compliance-now", "compliance-proposed", "breaches-now", "breaches-proposed")) {
            cells.add(tr.findElement(By.cssSelector("td." + cell)).getText().strip());
        }
        return String.join("|", cells);
    }

    private static void type(WebDriver driver, String id, String text) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private static String value(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getDomProperty("value");
    }

    private static String text(WebDriver driver, String css) {
        return driver.findElement(By.cssSelector(css)).getText().strip();
    }

    private static void awaitState(WebDriver driver, String state) throws Exception {
        awaitTrue(
                "the panel " + state,
                () -> state.equals(driver.findElement(By.id("what-if")).getDomAttribute("data-state")));
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(String what, Check check) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (!check.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + ": not within " + WAIT);
            }
            Thread.sleep(250);
        }
    }

    private static void sleepUntil(Instant when) throws InterruptedException {
        long millis = Duration.between(Instant.now(), when).toMillis();
        if (millis > 0) {
            Thread.sleep(millis + 500);
        }
    }
}
