package dev.leadpact.ingest;

import java.util.HashMap;
import java.util.Map;

/**
 * The connection settings of a service's Kafka configuration, for a client the service builds
 * itself (a dead-letter or outbox producer, the re-drive): the same bootstrap servers, TLS and SASL
 * settings that the connector's channels get from {@code kafka.*}, so that a secured broker needs
 * them set once.
 */
public final class KafkaClients {
    private KafkaClients() {}

    /**
     * @param kafka the {@code kafka.*} settings, as Quarkus gives them in the map bean
     *     {@code @Identifier("default-kafka-broker")}
     * @return a new, modifiable map with the connection settings only
     */
    public static Map<String, Object> connection(Map<String, Object> kafka) {
        Map<String, Object> settings = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (isConnectionSetting(key)) {
                settings.put(key, value);
            }
        });
        return settings;
    }

    private static boolean isConnectionSetting(String key) {
        return key.equals("bootstrap.servers")
                || key.equals("security.protocol")
                || key.startsWith("ssl.")
                || key.startsWith("sasl.")
                || key.equals("client.dns.lookup");
    }
}
