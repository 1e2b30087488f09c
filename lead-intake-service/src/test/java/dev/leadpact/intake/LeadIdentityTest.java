package dev.leadpact.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class LeadIdentityTest {

    @Test
    void sameNormalisedEmailIsTheSameLead() {
        String lead = LeadIdentity.leadId("ada.lovelace@example.com", null);

        assertThat(LeadIdentity.leadId("  Ada.Lovelace@EXAMPLE.com\t", null)).isEqualTo(lead);
        assertThat(LeadIdentity.leadId("ADA.LOVELACE@example.com", "")).isEqualTo(lead);
        assertThat(LeadIdentity.leadId("ada.lovelace+news@example.com", null)).isNotEqualTo(lead);
        assertThat(LeadIdentity.leadId("grace@example.com", null)).isNotEqualTo(lead);
    }

    @Test
    void normalisationFoldsCompatibilityCharacters() {
        // Fullwidth letters, as some mobile keyboards type them, are the same address.
        assertThat(LeadIdentity.normaliseEmail("ＡＤＡ@example.com")).isEqualTo("ada@example.com");
    }

    @Test
    void crmLeadIdWinsOverTheEmail() {
        assertThat(LeadIdentity.leadId("ada@example.com", " 00Q5e000001 ")).isEqualTo("00Q5e000001");
    }

    @Test
    void leadIdIsAVersion5UuidStableAcrossRuns() {
        UUID id = UUID.fromString(LeadIdentity.leadId("ada@example.com", null));

        assertThat(id.version()).isEqualTo(5);
        assertThat(id.variant()).isEqualTo(2);
        // Pinned to RFC 4122 (Python: uuid.uuid5(NAMESPACE, "lead:ada@example.com")): a change of the
        // derivation would split every existing lead in two.
        assertThat(id).isEqualTo(UUID.fromString("beff284f-14bd-5bf2-9a50-120ea6e03007"));
    }

    @Test
    void eventIdsDependOnEveryPart() {
        assertThat(LeadIdentity.eventId("conversion", "lead-1", "key-1"))
                .isEqualTo(LeadIdentity.eventId("conversion", "lead-1", "key-1"))
                .isNotEqualTo(LeadIdentity.eventId("conversion", "lead-2", "key-1"))
                .isNotEqualTo(LeadIdentity.eventId("conversion", "lead-1", "key-2"));
        // Parts are separated, so shifting characters between them changes the id.
        assertThat(LeadIdentity.eventId("ab", "c")).isNotEqualTo(LeadIdentity.eventId("a", "bc"));
    }
}
