package dev.leadpact.apikeys;

/** Roles an API key can carry. */
public final class Roles {
    /** May read: every report and export of the reporting service, the monitor's ops API. */
    public static final String READER = "reader";

    private Roles() {}
}
