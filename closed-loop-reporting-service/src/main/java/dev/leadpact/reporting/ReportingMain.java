package dev.leadpact.reporting;

import dev.leadpact.reporting.readmodel.RebuildCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.List;

/**
 * Runs the service, or with the argument {@code rebuild-read-models} the rebuild of the read models
 * ({@link RebuildCommand}): a one-off process beside the running instances, so it opens no HTTP
 * listener and consumes no topic.
 */
@QuarkusMain
public class ReportingMain {
    public static final String REBUILD = "rebuild-read-models";
    private static final List<String> INCOMING = List.of("facts", "commitments", "breach-feed");

    private ReportingMain() {}

    public static void main(String... args) {
        if (args.length > 0 && REBUILD.equals(args[0])) {
            System.setProperty("quarkus.http.host-enabled", "false");
            for (String channel : INCOMING) {
                System.setProperty("mp.messaging.incoming." + channel + ".enabled", "false");
            }
            Quarkus.run(RebuildCommand.class, args);
        } else {
            Quarkus.run(args);
        }
    }
}
