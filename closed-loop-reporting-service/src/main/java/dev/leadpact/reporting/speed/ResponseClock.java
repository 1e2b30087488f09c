package dev.leadpact.reporting.speed;

/**
 * Which clock a response time is measured on ({@code ?clock=}): the wall clock, or the open hours of
 * the calendar of the lead's SLA policy, as the monitor's deadlines run.
 */
public enum ResponseClock {
    WALL,
    BUSINESS
}
