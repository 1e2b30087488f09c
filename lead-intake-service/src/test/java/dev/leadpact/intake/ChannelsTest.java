package dev.leadpact.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadpact.events.Utm;
import org.junit.jupiter.api.Test;

class ChannelsTest {
    @Test
    void givenChannelWins() {
        assertThat(Channels.of("Partner-Webinar", new Utm("google", "cpc", null, null, null), null))
                .isEqualTo("partner-webinar");
    }

    @Test
    void utmMediumComesBeforeReferrer() {
        assertThat(Channels.of(null, new Utm("google", "cpc", null, null, null), "https://www.google.com/"))
                .isEqualTo("paid-search");
        assertThat(Channels.of(null, new Utm("news", "email", null, null, null), null))
                .isEqualTo("email");
        assertThat(Channels.of(null, new Utm("linkedin", "paid-social", null, null, null), null))
                .isEqualTo("paid-social");
    }

    @Test
    void referrerDecidesWithoutUtm() {
        assertThat(Channels.of(null, null, "https://www.google.de/search?q=sla"))
                .isEqualTo("organic-search");
        assertThat(Channels.of(null, null, "https://www.linkedin.com/feed")).isEqualTo("social");
        assertThat(Channels.of(null, null, "https://blog.partner.example/post")).isEqualTo("referral");
        assertThat(Channels.of(null, null, null)).isEqualTo("direct");
        assertThat(Channels.of(null, null, "not a url")).isEqualTo("direct");
    }
}
