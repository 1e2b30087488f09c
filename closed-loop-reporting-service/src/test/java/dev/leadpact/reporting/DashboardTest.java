package dev.leadpact.reporting;

import static dev.leadpact.reporting.Reports.JSON;
import static dev.leadpact.reporting.Reports.getJson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadpact.devstack.Chromium;
import dev.leadpact.devstack.LeadPactTestResource;
import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.events.SlaRule;
import dev.leadpact.events.Stage;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real headless Chromium (Debian's, installed by the build's ensure-chromium.sh)
 * against the real service, Kafka and PostgreSQL: the {@link Scenario}'s November on the page, every
 * number shown compared with the API's answer, charts drawn, and breaches produced to {@code
 * sla.breaches.v1} arriving in the live feed. Leaves a screenshot in {@code target/dashboard.png}. A
 * stack of its own, so that the scenario is the only data its pages show and the live breaches
 * (namespace {@code dash-}, team {@code live-emea}) reach no other class's reports.
 */
@QuarkusTest
@WithTestResource(value = LeadPactTestResource.class, initArgs = @ResourceArg(name = "stack", value = "dashboard"))
class DashboardTest {

    private static final String KEY = "test-reader-key";
    private static final Path SCREENSHOT = Path.of("target", "dashboard.png");
    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);
    private static final List<String> CHARTS = List.of("funnel-chart", "speed-chart", "revenue-chart");
    /** The scenario's response times as the page must write them. */
    private static final Map<Long, String> DURATIONS = Map.of(2400L, "40 min", 3600L, "1 h", 7200L, "2 h");
    /** The commitments kept by staying at or below the target; the others are kept by reaching it. */
    private static final Set<String> AT_MOST =
            Set.of("median_response_seconds", "p90_response_seconds", "premature_contacts", "feedback_overdue");

    private static boolean scenarioPublished;

    @TestHTTPResource("/")
    URL base;

    @Inject
    AgroalDataSource database;

    @BeforeEach
    void scenarioStored() {
        synchronized (DashboardTest.class) {
            if (!scenarioPublished) {
                Scenario.publishAndAwaitStored(Scenario.november(), database);
                scenarioPublished = true;
            }
        }
    }

    @AfterAll
    static void closeProducer() {
        Scenario.closeProducer();
    }

    // ---- over HTTP ----

    @Test
    void thePageAndItsDataNeedAReaderKeyTheAssetsDoNot() {
        given().get("/dashboard").then().statusCode(401);
        given().get("/dashboard?token=wrong").then().statusCode(401);
        given().get("/dashboard?token=test-ops-key").then().statusCode(403);
        given().get("/dashboard/breaches").then().statusCode(401);
        given().get("/dashboard/breaches/stream").then().statusCode(401);
        given().get("/dashboard/breaches/stream?token=test-ops-key").then().statusCode(403);

        Response page = given().get("/dashboard?token=" + KEY);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.asString())
                .contains("/webjars/echarts/dist/echarts.min.js")
                .contains("/dashboard-assets/dashboard.js");

        // no data in these: the page's script and style and the chart library
        given().get("/dashboard-assets/dashboard.js").then().statusCode(200);
        given().get("/dashboard-assets/dashboard.css").then().statusCode(200);
        assertThat(given().get("/webjars/echarts/dist/echarts.min.js")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .contains("echarts");
        // the permission is for those paths only
        given().get("/reports/funnel?from=2026-11-01&to=2026-11-30").then().statusCode(401);
    }

    @Test
    void openApiDocumentsThePageTheListAndTheStream() throws IOException {
        JsonNode paths =
                JSON.readTree(given().get("/q/openapi?format=json").asString()).get("paths");
        assertThat(paths.at("/~1dashboard/get/responses/200/content").has("text/html"))
                .isTrue();
        assertThat(paths.at(
                                "/~1dashboard~1breaches/get/responses/200/content/application~1json/examples/json/value/1/gap")
                        .asInt())
                .isEqualTo(18);
        assertThat(paths.at("/~1dashboard~1breaches/get/responses/400").isMissingNode())
                .isFalse();
        assertThat(paths.at("/~1dashboard~1breaches~1stream/get/responses/200/content")
                        .has("text/event-stream"))
                .isTrue();
        // the what-if panel's proxy: its body, and what the monitor being away or failing answers
        assertThat(paths.at("/~1dashboard~1what-if/post/requestBody/content/application~1json/schema/$ref")
                        .asText())
                .endsWith("/WhatIfProposal");
        for (String operation : List.of("/~1dashboard~1what-if/post", "/~1dashboard~1what-if~1{id}/get")) {
            assertThat(paths.at(operation + "/responses").has("502"))
                    .as(operation)
                    .isTrue();
            assertThat(paths.at(operation + "/responses").has("503"))
                    .as(operation)
                    .isTrue();
        }
        assertThat(paths.at("/~1dashboard~1what-if~1policies/get/responses/200/content/application~1json/schema/type")
                        .asText())
                .isEqualTo("array");
    }

    @Test
    void recentBreachesNewestFirstWithTheShortfallsNumbers() throws IOException {
        JsonNode recent = getJson("/dashboard/breaches");
        List<String> scenario = new ArrayList<>();
        JsonNode shortfall = null;
        for (JsonNode item : recent) {
            String id = item.get("eventId").asText();
            if (id.startsWith("scn-")) {
                scenario.add(id + "|" + item.get("kind").asText() + "|"
                        + item.get("rule").asText());
            }
            if (id.equals("scn-s-vol")) {
                shortfall = item;
            }
        }
        // the warning of L1 is not a breach; the retraction is shown (the breach it withdraws too)
        assertThat(scenario)
                .containsExactly(
                        "scn-s-3m|BREACH|ATTEMPT_MINIMUM_MISSED",
                        "scn-s-3r|RETRACTION|FIRST_CONTACT_OVERDUE",
                        "scn-s-3b|BREACH|FIRST_CONTACT_OVERDUE",
                        "scn-s-vol|BREACH|LEAD_VOLUME_SHORTFALL",
                        "scn-s-2e|ESCALATION|FIRST_CONTACT_OVERDUE",
                        "scn-s-2b|BREACH|FIRST_CONTACT_OVERDUE");
        assertThat(shortfall).isNotNull();
        assertThat(shortfall.get("leadId").asText()).isEqualTo("team:emea");
        assertThat(shortfall.get("team").asText()).isEqualTo("emea");
        assertThat(shortfall.get("delivered").asInt()).isEqualTo(20);
        assertThat(shortfall.get("expected").asInt()).isEqualTo(38);
        assertThat(shortfall.get("gap").asInt()).isEqualTo(18);
        assertThat(shortfall.get("title").asText()).isEqualTo("Breach: Lead volume shortfall");
        // the OpenAPI example is two of these entries exactly as the list gives them
        JsonNode example = JSON.readTree(given().get("/q/openapi?format=json").asString())
                .at("/paths/~1dashboard~1breaches/get/responses/200/content/application~1json/examples/json/value");
        List<JsonNode> listed = new ArrayList<>();
        recent.forEach(item -> {
            if (item.get("eventId").asText().equals("scn-s-3m")
                    || item.get("eventId").asText().equals("scn-s-vol")) {
                listed.add(item);
            }
        });
        assertThat(listed).containsExactlyElementsOf(example);

        assertThat(getJson("/dashboard/breaches?limit=2")).hasSize(2);
        for (String bad : List.of("0", "101", "many")) {
            Response response =
                    given().header("Authorization", "Bearer " + KEY).get("/dashboard/breaches?limit=" + bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(JSON.readTree(response.asString()).get("parameter").asText())
                    .isEqualTo("limit");
        }
    }

    @Test
    void theWhatIfProxyChecksAProposalBeforeTheMonitorAndSaysWhenTheMonitorIsAway() throws IOException {
        String good = "{\"month\":\"2026-11\",\"segments\":{\"mid\":{\"firstContact\":\"PT2H\"}}}";
        given().contentType("application/json")
                .body(good)
                .post("/dashboard/what-if")
                .then()
                .statusCode(401);
        given().get("/dashboard/what-if/policies").then().statusCode(401);
        given().get("/dashboard/what-if/policies?token=test-ops-key").then().statusCode(403);
        given().get("/dashboard/what-if/" + UUID.randomUUID() + "?token=test-ops-key")
                .then()
                .statusCode(403);

        // refused here, naming the field: had it been sent, the missing monitor would make it a 503
        Response bad = given().header("Authorization", "Bearer " + KEY)
                .contentType("application/json")
                .body("{\"month\":\"2026-11\",\"segments\":{\"mid\":{\"attemptsRequired\":0}}}")
                .post("/dashboard/what-if");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(bad.asString());
        assertThat(problem.get("type").asText()).isEqualTo("https://leadpact.dev/problems/invalid-proposal");
        assertThat(problem.get("field").asText()).isEqualTo("segments.mid.attemptsRequired");
        assertThat(problem.get("detail").asText())
                .isEqualTo("segments.mid.attemptsRequired must be a whole number from 1 to 100, not '0'");
        // a body of the wrong shape is a problem of the same kind, naming where it went wrong
        Map<String, String> shapes = Map.of(
                "not json", "body",
                "", "body",
                "{\"month\":\"2026-11\",\"segments\":[]}", "segments",
                "{\"month\":\"2026-11\",\"segments\":{\"mid\":{\"attemptsRequired\":{}}}}",
                        "segments.mid.attemptsRequired");
        for (Map.Entry<String, String> shape : shapes.entrySet()) {
            Response wrong = given().header("Authorization", "Bearer " + KEY)
                    .contentType("application/json")
                    .body(shape.getKey())
                    .post("/dashboard/what-if");
            assertThat(wrong.statusCode()).as(shape.getKey()).isEqualTo(400);
            assertThat(wrong.contentType()).as(shape.getKey()).startsWith("application/problem+json");
            JsonNode refused = JSON.readTree(wrong.asString());
            assertThat(refused.get("field").asText()).as(shape.getKey()).isEqualTo(shape.getValue());
            assertThat(refused.get("detail").asText()).as(shape.getKey()).contains("{\"month\": \"YYYY-MM\"");
        }

        // %test points leadpact.reporting.monitor.url at a port nothing listens on
        String away = "the SLA monitor at http://127.0.0.1:1 is not reachable";
        for (Response response : List.of(
                given().header("Authorization", "Bearer " + KEY)
                        .contentType("application/json")
                        .body(good)
                        .post("/dashboard/what-if"),
                given().header("Authorization", "Bearer " + KEY).get("/dashboard/what-if/policies"),
                given().header("Authorization", "Bearer " + KEY).get("/dashboard/what-if/" + UUID.randomUUID()))) {
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.header("Retry-After")).isEqualTo("10");
            JsonNode unavailable = JSON.readTree(response.asString());
            assertThat(unavailable.get("type").asText()).isEqualTo("https://leadpact.dev/problems/monitor-unavailable");
            assertThat(unavailable.get("detail").asText()).isEqualTo(away);
        }
        // not an id of the monitor's: not sent on as part of its URL
        given().header("Authorization", "Bearer " + KEY)
                .get("/dashboard/what-if/..%2F..%2Fsla%2Fbreaches")
                .then()
                .statusCode(404);
    }

    @Test
    void thePageIsToldTheZoneOfTheReports() {
        // leadpact.reporting.zone, UTC by default: the zone of the page's weeks, months and times
        assertThat(given().get("/dashboard?token=" + KEY).asString()).contains("<body data-zone=\"UTC\">");
    }

    // ---- in the browser ----

    @Test
    void theMonthShowsTheApisNumbersAndChartsAndTheKeyLeavesTheAddress() throws Exception {
        onNovember(driver -> {
            assertThat(driver.getCurrentUrl())
                    .as("the key is taken off the address bar")
                    .doesNotContain("token")
                    .contains("period=month")
                    .contains("start=2026-11-01");
            assertThat(driver.findElement(By.id("error")).isDisplayed()).isFalse();
            assertThat(text(driver, "#range")).isEqualTo("Month 2026-11-01 to 2026-11-30 (UTC)");

            assertPageShowsTheApi(driver, "month", "2026-11-01", "2026-11-30", "w-shaped");
            // the scenario itself, as the meeting reads it
            assertThat(scoreLine(driver, "marketing", "qualified_leads_delivered", "team:emea"))
                    .isEqualTo("Qualified leads delivered team emea|3|≥ 300|✗|missed");
            assertThat(scoreLine(driver, "sales", "median_response_seconds", "all"))
                    .isEqualTo("Median response|40 min|≤ 1 h|✓|met");
            assertThat(scoreLine(driver, "sales", "p90_response_seconds", "all"))
                    .isEqualTo("p90 response|2 h|≤ 1 h|✗|missed");
            assertThat(text(driver, "#revenue-table tr[data-channel='partner'] td.revenue"))
                    .isEqualTo("1,000.00 EUR");
            assertChartsDrawn(driver);
        });
    }

    @Test
    void theFeedShowsTheStoredBreachesThenLiveOnes() throws Exception {
        onNovember(driver -> {
            // first the stored breaches as the API lists them, then live ones
            await().atMost(PAGE_WAIT).until(() -> "live"
                    .equals(driver.findElement(By.id("feed-status")).getDomAttribute("data-state")));
            List<String> stored = new ArrayList<>();
            getJson("/dashboard/breaches")
                    .forEach(i -> stored.add(i.get("eventId").asText()));
            await().atMost(PAGE_WAIT)
                    .untilAsserted(() -> assertThat(feedIds(driver)).containsExactlyElementsOf(stored));
            assertThat(text(driver, "#feed li[data-event-id='scn-s-vol']"))
                    .contains("Breach: Lead volume shortfall")
                    .contains("team emea · 20 of 38 qualified leads delivered · 18 short");

            feedConsumerJoined();
            String id = UUID.randomUUID().toString().substring(0, 8);
            // namespace dash-, lead-live-, team live-emea; in January 2027, a month no page of this class shows
            SlaEvent breach = SlaEvent.breach(
                    "dash-live-" + id,
                    new SlaEvent.LeadBreach(
                            "brc-live-" + id,
                            SlaRule.FIRST_CONTACT_OVERDUE,
                            "lead-live-" + id,
                            "rep-live",
                            "mgr-live",
                            Segment.MID,
                            Stage.SQL,
                            Scenario.at("2027-01-04T09:00:00Z"),
                            null,
                            null,
                            "policy-mid",
                            1),
                    Scenario.at("2027-01-04T09:15:00Z"));
            SlaEvent shortfall = SlaEvent.shortfallBreach(
                    "dash-vol-" + id,
                    "brc-vol-live-" + id,
                    Scenario.checkpoint(id, "team:live-emea", "live-emea", null, "2027-01-04", 2, 300, 75, 61));
            // a commitment per segment: no team; counted a day earlier, so it is listed after the team's
            SlaEvent segmentShortfall = SlaEvent.shortfallBreach(
                    "dash-seg-" + id,
                    "brc-seg-live-" + id,
                    Scenario.checkpoint(id, "segment:MID", null, Segment.MID, "2027-01-03", 1, 150, 35, 5));
            Scenario.publish(List.of(breach, shortfall, segmentShortfall));
            await().atMost(PAGE_WAIT).untilAsserted(() -> assertThat(feedIds(driver))
                    .startsWith("dash-live-" + id, "dash-vol-" + id, "dash-seg-" + id));
            WebElement live = driver.findElement(By.cssSelector("#feed li[data-event-id='dash-live-" + id + "']"));
            assertThat(live.getDomAttribute("class")).contains("live");
            assertThat(live.getText())
                    .contains("Breach: First contact overdue")
                    .contains("lead lead-live-" + id
                            + " · owner rep-live · MID · 15 min late · due 2027-01-04 09:00 UTC");
            assertThat(text(driver, "#feed li[data-event-id='dash-vol-" + id + "']"))
                    .contains("team live-emea · 61 of 75 qualified leads delivered · 14 short");
            assertThat(text(driver, "#feed li[data-event-id='dash-seg-" + id + "']"))
                    .contains("segment MID · 5 of 35 qualified leads delivered · 30 short");

            Files.write(SCREENSHOT, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        });
    }

    @Test
    void theWhatIfPanelSaysWhenTheMonitorIsAway() throws Exception {
        onNovember(driver -> {
            // the monitor of %test is not there: the panel says so, the rest of the page is unharmed
            await().atMost(PAGE_WAIT).untilAsserted(() -> assertThat(text(driver, "#what-if-error"))
                    .isEqualTo("The policies in force are unknown (/dashboard/what-if/policies: the SLA"
                            + " monitor at http://127.0.0.1:1 is not reachable); an empty field keeps them."));
            assertThat(driver.findElement(By.id("error")).isDisplayed()).isFalse();
            assertThat(driver.findElements(By.cssSelector("#what-if-proposal tbody tr")))
                    .extracting(tr -> tr.getDomAttribute("data-segment"))
                    .containsExactly("SMALL", "MID", "LARGE");
            driver.findElement(By.id("what-if-mid-first-contact")).sendKeys("2");
            driver.findElement(By.id("what-if-run")).click();
            await().atMost(PAGE_WAIT).until(() -> "failed"
                    .equals(driver.findElement(By.id("what-if")).getDomAttribute("data-state")));
            assertThat(text(driver, "#what-if-error"))
                    .isEqualTo("the SLA monitor at http://127.0.0.1:1 is not reachable");
            assertThat(driver.findElement(By.id("what-if-result")).isDisplayed())
                    .isFalse();
        });
    }

    @Test
    void thePickersLoadTheChosenWeekAndModel() throws Exception {
        onNovember(driver -> {
            // the week of 2 November, first touch
            driver.findElement(By.cssSelector("#model option[value='first-touch']"))
                    .click();
            driver.findElement(By.cssSelector("#period option[value='week']")).click();
            awaitLoaded(driver, "week/2026-10-26/2026-11-01/first-touch");
            driver.findElement(By.id("next")).click();
            awaitLoaded(driver, "week/2026-11-02/2026-11-08/first-touch");
            assertPageShowsTheApi(driver, "week", "2026-11-02", "2026-11-08", "first-touch");
            // the monitor's pacing at the week's end (9 Nov): 8 of November's 30 days, 80 due; delivered is
            // L2's SQL (L1 was still an MQL)
            assertThat(scoreLine(driver, "marketing", "qualified_leads_delivered", "all"))
                    .isEqualTo("Qualified leads delivered|1|≥ 80|✗|missed");
            // no deal closed that week: the chart says so instead of drawing empty axes
            assertThat(((JavascriptExecutor) driver)
                            .executeScript("return echarts.getInstanceByDom(document.getElementById('revenue-chart'))"
                                    + ".getOption().title[0].text;"))
                    .isEqualTo("No won deals in this period");
        });
    }

    /** What a test checks on a page. */
    private interface PageCheck {
        void check(WebDriver driver) throws Exception;
    }

    /** A browser of its own on the month of November under the W-shaped model, loaded; then closed. */
    private void onNovember(PageCheck check) throws Exception {
        WebDriver driver = Chromium.start();
        try {
            driver.get(base.toString() + "dashboard?token=" + KEY + "&period=month&start=2026-11-17&model=w-shaped");
            // any day of the month picks the month
            awaitLoaded(driver, "month/2026-11-01/2026-11-30/w-shaped");
            check.check(driver);
        } finally {
            driver.quit();
        }
    }

    // ---- the page against the API ----

    private static void assertPageShowsTheApi(WebDriver driver, String period, String from, String to, String model)
            throws IOException {
        String range = "period=" + period + "&from=" + from + "&to=" + to;

        JsonNode evaluation = getJson("/reports/sla-evaluation?" + range + "&model=" + model);
        int lines = 0;
        for (JsonNode row : evaluation.get("rows")) {
            String metric = row.get("metric").asText();
            if (!row.get("periodStart").asText().equals(from) || metric.equals("revenue_by_channel")) {
                continue;
            }
            String currency =
                    row.get("currency").isNull() ? null : row.get("currency").asText();
            String unit = row.get("unit").asText();
            JsonNode target = row.get("target");
            String verdict = row.get("met").isNull()
                    ? (target.isNull() ? "info" : "open")
                    : (row.get("met").asBoolean() ? "met" : "missed");
            String comparator = "";
            if (!target.isNull()) {
                // the page's sign is the direction the server gives
                boolean atMost = AT_MOST.contains(metric);
                assertThat(row.get("direction").asText()).as(metric).isEqualTo(atMost ? "at-most" : "at-least");
                comparator = atMost ? "≤ " : "≥ ";
            }
            String line = scoreLine(
                    driver, row.get("side").asText(), metric, row.get("scope").asText());
            assertThat(line)
                    .as(metric + " " + row.get("scope").asText())
                    .startsWith(row.get("label").asText());
            assertThat(line.substring(line.indexOf('|') + 1))
                    .as(metric + " " + row.get("scope").asText())
                    .isEqualTo(shown(unit, row.get("value"), currency)
                            + "|" + (target.isNull() ? "" : comparator + shown(unit, target, currency))
                            + "|" + (verdict.equals("met") ? "✓" : verdict.equals("missed") ? "✗" : "")
                            + "|" + verdict);
            lines++;
        }
        assertThat(driver.findElements(By.cssSelector(".scorecard tr[data-metric]")))
                .as("one line per metric and scope")
                .hasSize(lines);

        JsonNode funnel = getJson("/reports/funnel?" + range).get("rows").get(0);
        List<Long> bars = new ArrayList<>();
        for (String step : List.of("leads", "mqls", "sqls", "contacted", "connected", "meetings", "won", "lost")) {
            assertThat(text(driver, "#funnel-table tr[data-step='" + step + "'] td.count"))
                    .as(step)
                    .isEqualTo(funnel.get(step).asText());
            if (!step.equals("lost")) {
                bars.add(funnel.get(step).asLong());
            }
        }
        assertThat(text(driver, "#funnel-table tr[data-step='sqls'] td.rate"))
                .isEqualTo(shown("ratio", funnel.get("sqlRate"), null));
        assertThat(chartValues(driver, "funnel-chart", 0))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactlyElementsOf(decimals(bars));

        JsonNode speed = getJson("/reports/speed-to-lead/distribution?from=" + from + "&to=" + to);
        List<BigDecimal> buckets = new ArrayList<>();
        int shownBuckets = 0;
        for (JsonNode bucket : speed.get("rows")) {
            buckets.add(bucket.get("leads").decimalValue());
            if (bucket.get("leads").asLong() > 0) {
                String selector =
                        "#speed-table tr[data-bucket='" + bucket.get("bucket").asText() + "'] ";
                assertThat(text(driver, selector + "td.count"))
                        .isEqualTo(bucket.get("leads").asText());
                assertThat(text(driver, selector + "td.rate")).isEqualTo(shown("ratio", bucket.get("share"), null));
                shownBuckets++;
            }
        }
        assertThat(driver.findElements(By.cssSelector("#speed-table tr"))).hasSize(shownBuckets);
        assertThat(chartValues(driver, "speed-chart", 0))
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactlyElementsOf(buckets);
        assertThat(text(driver, "#speed-summary .median"))
                .isEqualTo(shown("seconds", speed.get("medianSeconds"), null));
        assertThat(text(driver, "#speed-summary .p90")).isEqualTo(shown("seconds", speed.get("p90Seconds"), null));

        JsonNode attribution = getJson("/reports/attribution?" + range + "&groupBy=channel&model=" + model);
        List<BigDecimal> revenue = new ArrayList<>();
        for (JsonNode row : attribution.get("rows")) {
            String selector =
                    "#revenue-table tr[data-channel='" + row.get("groupValue").asText() + "'][data-currency='"
                            + row.get("currency").asText() + "'] ";
            assertThat(text(driver, selector + "td.revenue"))
                    .isEqualTo(shown(
                            "amount", row.get("revenue"), row.get("currency").asText()));
            assertThat(text(driver, selector + "td.rate")).isEqualTo(shown("ratio", row.get("creditShare"), null));
            revenue.add(row.get("revenue").decimalValue());
        }
        assertThat(driver.findElements(By.cssSelector("#revenue-table tr")))
                .hasSize(attribution.get("rows").size());
        if (!revenue.isEmpty()) {
            // one currency in the scenario: one series, a bar per channel
            assertThat(chartValues(driver, "revenue-chart", 0))
                    .usingElementComparator(BigDecimal::compareTo)
                    .containsExactlyElementsOf(revenue);
        }
    }

    /**
     * What the page must write for a value of the unit: exactly, ratios as percent with two decimals,
     * amounts with two, and durations as the literal texts of {@link #DURATIONS}.
     */
    private static String shown(String unit, JsonNode value, String currency) {
        if (value == null || value.isNull()) {
            return "–";
        }
        BigDecimal v = value.decimalValue();
        switch (unit) {
            case "seconds" -> {
                String text = DURATIONS.get(v.longValueExact());
                if (text == null) {
                    fail("no expected text for " + v + " seconds: add it to DURATIONS");
                }
                return text;
            }
            case "ratio" -> {
                return v.movePointRight(2).setScale(2, RoundingMode.UNNECESSARY).toPlainString() + " %";
            }
            case "amount" -> {
                String amount = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US)).format(v);
                return currency == null ? amount : amount + " " + currency;
            }
            default -> {
                return v.toPlainString();
            }
        }
    }

    // ---- the browser ----

    private static void awaitLoaded(WebDriver driver, String view) {
        await().atMost(PAGE_WAIT)
                .until(() -> view.equals(driver.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
    }

    private static String text(WebDriver driver, String css) {
        return driver.findElement(By.cssSelector(css)).getText().strip();
    }

    /** label|value|target|verdict mark|verdict class of one scorecard line. */
    private static String scoreLine(WebDriver driver, String side, String metric, String scope) {
        WebElement tr = driver.findElement(
                By.cssSelector("#scorecard-" + side + " tr[data-metric='" + metric + "'][data-scope='" + scope + "']"));
        List<String> cells = new ArrayList<>();
        for (WebElement td : tr.findElements(By.tagName("td"))) {
            cells.add(td.getText().strip());
        }
        cells.add(tr.getDomAttribute("class"));
        return String.join("|", cells);
    }

    private static List<String> feedIds(WebDriver driver) {
        return driver.findElements(By.cssSelector("#feed li")).stream()
                .map(li -> li.getDomAttribute("data-event-id"))
                .toList();
    }

    /** The numbers a chart was given, read back from its ECharts instance. */
    private static List<BigDecimal> chartValues(WebDriver driver, String chart, int series) {
        List<?> values = (List<?>) ((JavascriptExecutor) driver)
                .executeScript(
                        "return echarts.getInstanceByDom(document.getElementById(arguments[0]))"
                                + ".getOption().series[arguments[1]].data"
                                + ".map(d => d !== null && typeof d === 'object' ? d.value : d);",
                        chart,
                        series);
        return values.stream().map(v -> new BigDecimal(String.valueOf(v))).toList();
    }

    private static List<BigDecimal> decimals(List<Long> values) {
        return values.stream().map(BigDecimal::valueOf).toList();
    }

    /** Every chart has an ECharts instance and a canvas of some size with something painted on it. */
    private static void assertChartsDrawn(WebDriver driver) {
        for (String chart : CHARTS) {
            Object painted = ((JavascriptExecutor) driver)
                    .executeScript(
                            "const el = document.getElementById(arguments[0]);"
                                    + "if (!echarts.getInstanceByDom(el)) return -1;"
                                    + "const canvas = el.querySelector('canvas');"
                                    + "if (!canvas || canvas.width === 0 || canvas.height === 0) return -2;"
                                    + "const pixels = canvas.getContext('2d')"
                                    + ".getImageData(0, 0, canvas.width, canvas.height).data;"
                                    + "let n = 0; for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) n++;"
                                    + "return n;",
                            chart);
            assertThat(((Number) painted).longValue())
                    .as(chart + ": painted pixels (-1 no chart, -2 no canvas)")
                    .isGreaterThan(500);
        }
    }

    // ---- Kafka and the API ----

    /** The feed starts at the end of the topic: produce only once its consumer has its partitions. */
    private static void feedConsumerJoined() {
        String group = ConfigProvider.getConfig().getValue("mp.messaging.incoming.breach-feed.group.id", String.class);
        assertThat(group).startsWith("closed-loop-reporting-feed-").isNotEqualTo("closed-loop-reporting");
        try (Admin admin =
                Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            await().atMost(PAGE_WAIT).until(() -> {
                ConsumerGroupDescription d =
                        admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                return d.groupState() == GroupState.STABLE
                        && d.members().stream()
                                .anyMatch(m -> !m.assignment().topicPartitions().isEmpty());
            });
        }
    }

    private static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
