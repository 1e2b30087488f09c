package dev.leadpact.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

    @Test
    void onlyConnectionSettingsReachTheServicesOwnClients() {
        Map<String, Object> kafka = Map.of(
                "bootstrap.servers", "broker:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "ssl.truststore.location", "/etc/kafka/truststore.p12",
                "client.id", "sla-monitor",
                "health-timeout", "PT5S");
        assertThat(KafkaClients.connection(kafka))
                .containsOnlyKeys(
                        "bootstrap.servers", "security.protocol", "sasl.mechanism", "ssl.truststore.location");
    }
}
