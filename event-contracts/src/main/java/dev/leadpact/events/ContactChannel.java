package dev.leadpact.events;

public enum ContactChannel {
    PHONE,
    EMAIL,
    SOCIAL,
    MEETING,
    OTHER
}
