package dev.leadpact.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StageTest {
    @Test
    void stagesRankAlongTheJourney() {
        assertThat(Stage.SQL.isAtLeast(Stage.MQL)).isTrue();
        assertThat(Stage.MQL.isAtLeast(Stage.MQL)).isTrue();
        assertThat(Stage.IQL.isAtLeast(Stage.MQL)).isFalse();
    }
}
