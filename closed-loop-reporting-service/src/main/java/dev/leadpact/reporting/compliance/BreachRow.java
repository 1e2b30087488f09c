package dev.leadpact.reporting.compliance;

/**
 * Breaches of one group. Each breach id counts once however often its events were delivered.
 *
 * @param breaches breaches reported (BREACH events)
 * @param retracted of those, breaches the monitor later retracted (a late event showed it was kept)
 * @param standing breaches minus retracted: the number that counts
 * @param escalated standing breaches that were escalated to the owner's manager
 */
public record BreachRow(String groupValue, long breaches, long retracted, long standing, long escalated) {}
