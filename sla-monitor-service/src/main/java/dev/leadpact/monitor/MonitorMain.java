package dev.leadpact.monitor;

import dev.leadpact.monitor.replay.ReplayCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.List;

/**
 * Runs the service, or its command {@code replay}, which rebuilds the monitor's state from the
 * topics into a fresh database ({@link ReplayCommand}). The command is a one-off process while no
 * instance runs, so it opens no HTTP listener, consumes no topic, fires no timer and publishes
 * nothing.
 */
@QuarkusMain
public class MonitorMain {
    public static final String REPLAY = "replay";
    private static final List<String> INCOMING = List.of("conversions", "activities", "deals", "erasures");

    private MonitorMain() {}

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals(REPLAY)) {
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("leadpact.monitor.scanner.enabled", "false");
            System.setProperty("leadpact.monitor.relay.enabled", "false");
            for (String channel : INCOMING) {
                System.setProperty("mp.messaging.incoming." + channel + ".enabled", "false");
            }
            Quarkus.run(ReplayCommand.class, args);
        } else {
            Quarkus.run(args);
        }
    }
}
