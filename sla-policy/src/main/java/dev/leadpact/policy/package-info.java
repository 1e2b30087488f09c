/**
 * The sales SLA policies and business calendars, shared so that every service judges and reports
 * business time by the same rules and settings. Plain Java apart from the {@code @ConfigMapping}
 * {@link dev.leadpact.policy.SlaSettings} ({@code leadpact.sla.*}), whose shipped defaults are in
 * this module's {@code META-INF/microprofile-config.properties}; the empty {@code META-INF/beans.xml}
 * lets Quarkus index the jar and find the mapping. {@link
 * dev.leadpact.policy.PolicyFileConfigSourceFactory} adds the settings of the YAML file that {@code
 * leadpact.sla.policy-file} names.
 *
 * <p>A Quarkus service depends on {@code dev.leadpact:sla-policy} and builds the book once:
 *
 * <pre>{@code
 * @Produces
 * @Singleton
 * PolicyBook policyBook(SlaSettings settings) {
 *     return PolicyBook.from(settings);
 * }
 * }</pre>
 *
 * then {@code book.of(segment, stage).calendar()} is the lead's policy calendar.
 */
package dev.leadpact.policy;
