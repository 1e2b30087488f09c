package dev.leadpact.reporting.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadpact.devstack.Chromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The dashboard's formatting code ({@code dashboard-format.js}) on its own, in the browser engine
 * the page runs in, without the service: every unit, direction and zone as the page writes them.
 */
class DashboardFormatTest {
    private static final Path SCRIPT =
            Path.of("src", "main", "resources", "META-INF", "resources", "dashboard-assets", "dashboard-format.js");

    private static WebDriver browser;

    @BeforeAll
    static void loadTheScript() throws IOException {
        browser = Chromium.start();
        browser.get("about:blank");
        js(Files.readString(SCRIPT));
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** {@code LeadPactFormat.<call>} with the arguments as JavaScript values. */
    private static String format(String call, Object... args) {
        return String.valueOf(js("return String(LeadPactFormat." + call + ");", args));
    }

    @Test
    void durationsInDaysHoursMinutesAndSeconds() {
        assertThat(format("duration(arguments[0])", 0)).isEqualTo("0 s");
        assertThat(format("duration(arguments[0])", 59)).isEqualTo("59 s");
        assertThat(format("duration(arguments[0])", 2400)).isEqualTo("40 min");
        assertThat(format("duration(arguments[0])", 3600)).isEqualTo("1 h");
        assertThat(format("duration(arguments[0])", 5400)).isEqualTo("1 h 30 min");
        assertThat(format("duration(arguments[0])", 90061)).isEqualTo("1 d 1 h 1 min 1 s");
    }

    @Test
    void valuesInTheUnitTheServerGives() {
        assertThat(format("value('count', 3)")).isEqualTo("3");
        assertThat(format("value('seconds', 7200)")).isEqualTo("2 h");
        assertThat(format("value('ratio', 0.5679)")).isEqualTo("56.79 %");
        assertThat(format("value('ratio', 1.0)")).isEqualTo("100.00 %");
        assertThat(format("value('ratio', 0)")).isEqualTo("0.00 %");
        assertThat(format("value('amount', 34000, 'EUR')")).isEqualTo("34,000.00 EUR");
        assertThat(format("value('amount', 1000.5, null)")).isEqualTo("1,000.50");
        assertThat(format("value('seconds', null)")).isEqualTo("–");
        // a unit this page does not know yet is written as the number it is
        assertThat(format("value('bananas', 12.5)")).isEqualTo("12.5");
    }

    @Test
    void theTargetsSignIsTheMetricsDirection() {
        assertThat(format("comparator('at-least')")).isEqualTo("≥ ");
        assertThat(format("comparator('at-most')")).isEqualTo("≤ ");
        assertThat(format("comparator(null)")).isEmpty();
    }

    @Test
    void aDeadlineIsAWholeNumberOfItsLargestUnitAndGoesOutAsIso() {
        assertThat(format("deadlineUnit(arguments[0])", 3600)).isEqualTo("3600");
        assertThat(format("deadlineUnit(arguments[0])", 5400)).isEqualTo("60");
        assertThat(format("deadlineUnit(arguments[0])", 172800)).isEqualTo("86400");
        assertThat(format("deadlineUnit(arguments[0])", 20)).isEqualTo("1");
        assertThat(format("isoDeadline('2', 86400)")).isEqualTo("P2D");
        assertThat(format("isoDeadline('4', 3600)")).isEqualTo("PT4H");
        assertThat(format("isoDeadline('90', 60)")).isEqualTo("PT90M");
        assertThat(format("isoDeadline('45', 1)")).isEqualTo("PT45S");
    }

    @Test
    void instantsToTheMinuteInTheReportsZone() {
        assertThat(format("instant('2027-01-04T09:00:00Z', 'UTC')")).isEqualTo("2027-01-04 09:00 UTC");
        assertThat(format("instant('2026-11-10T15:00:05Z', 'Europe/Berlin')"))
                .isEqualTo("2026-11-10 16:00 Europe/Berlin");
        // summer time, a half-hour zone, the day before, midnight as 00 and nanoseconds from the API
        assertThat(format("instant('2026-07-01T12:00:00Z', 'Europe/Berlin')"))
                .isEqualTo("2026-07-01 14:00 Europe/Berlin");
        assertThat(format("instant('2026-11-10T15:00:00Z', 'Asia/Kolkata')"))
                .isEqualTo("2026-11-10 20:30 Asia/Kolkata");
        assertThat(format("instant('2026-11-27T03:26:59.000435525Z', 'America/New_York')"))
                .isEqualTo("2026-11-26 22:26 America/New_York");
        assertThat(format("instant('2026-11-30T23:00:00Z', 'Europe/Berlin')"))
                .isEqualTo("2026-12-01 00:00 Europe/Berlin");
        assertThat(format("instant(null, 'UTC')")).isEmpty();
    }

    @Test
    void todayAndThePeriodsAreCalendarDaysOfTheZone() {
        String lateOnTheLastDay = "new Date('2026-11-30T23:30:00Z')";
        assertThat(format("iso(LeadPactFormat.today('UTC', " + lateOnTheLastDay + "))"))
                .isEqualTo("2026-11-30");
        assertThat(format("iso(LeadPactFormat.today('Europe/Berlin', " + lateOnTheLastDay + "))"))
                .isEqualTo("2026-12-01");
        assertThat(format("iso(LeadPactFormat.periodStart('week', LeadPactFormat.parseDate('2026-11-04')))"))
                .isEqualTo("2026-11-02");
        assertThat(format("iso(LeadPactFormat.periodStart('month', LeadPactFormat.parseDate('2026-11-17')))"))
                .isEqualTo("2026-11-01");
        assertThat(format("iso(LeadPactFormat.periodEnd('month', LeadPactFormat.parseDate('2026-02-01')))"))
                .isEqualTo("2026-02-28");
        assertThat(format("iso(LeadPactFormat.shift('week', LeadPactFormat.parseDate('2026-11-02'), -1))"))
                .isEqualTo("2026-10-26");
        assertThat(format("iso(LeadPactFormat.shift('month', LeadPactFormat.parseDate('2026-12-01'), 1))"))
                .isEqualTo("2027-01-01");
        assertThat(format("parseDate('2026-13-45x')")).isEqualTo("null");
    }

    @Test
    void aZoneTheBrowserDoesNotKnowFallsBackToUtc() {
        assertThat(format("zoneOrUtc('Europe/Berlin')")).isEqualTo("Europe/Berlin");
        assertThat(format("zoneOrUtc('Mars/Olympus')")).isEqualTo("UTC");
    }
}
