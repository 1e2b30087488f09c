package dev.leadpact.reporting.security;

/** Roles an API key can carry. */
public final class Roles {
    /** May read every report and export. */
    public static final String READER = "reader";

    private Roles() {}
}
