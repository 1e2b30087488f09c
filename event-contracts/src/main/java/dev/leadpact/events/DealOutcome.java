package dev.leadpact.events;

public enum DealOutcome {
    WON,
    LOST
}
