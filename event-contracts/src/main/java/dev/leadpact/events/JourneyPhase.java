package dev.leadpact.events;

public enum JourneyPhase {
    AWARENESS,
    CONSIDERATION,
    DECISION
}
