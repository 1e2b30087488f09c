package dev.leadpact.reporting;

import dev.leadpact.reporting.ingest.RedriveCommand;
import dev.leadpact.reporting.readmodel.RebuildCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.List;

/**
 * Runs the service, or one of its commands: {@code rebuild-read-models} rebuilds the read models
 * ({@link RebuildCommand}), {@code redrive-dead-letters <topic>.dlq} re-drives a dead-letter topic
 * ({@link RedriveCommand}). A command is a one-off process beside the running instances, so it opens
 * no HTTP listener and consumes no topic.
 */
@QuarkusMain
public class ReportingMain {
    public static final String REBUILD = "rebuild-read-models";
    public static final String REDRIVE = "redrive-dead-letters";
    private static final List<String> INCOMING = List.of("facts", "commitments", "breach-feed");

    private ReportingMain() {}

    public static void main(String... args) {
        String command = args.length > 0 ? args[0] : "";
        if (command.equals(REBUILD) || command.equals(REDRIVE)) {
            System.setProperty("quarkus.http.host-enabled", "false");
            for (String channel : INCOMING) {
                System.setProperty("mp.messaging.incoming." + channel + ".enabled", "false");
            }
            Quarkus.run(command.equals(REBUILD) ? RebuildCommand.class : RedriveCommand.class, args);
        } else {
            Quarkus.run(args);
        }
    }
}
