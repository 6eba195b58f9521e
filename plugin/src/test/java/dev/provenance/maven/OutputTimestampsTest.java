package dev.provenance.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutputTimestampsTest {

    @Test
    void isoDateWithOffset() {
        assertThat(OutputTimestamps.parse("2026-03-01T10:15:30+01:00")).contains(Instant.parse("2026-03-01T09:15:30Z"));
    }

    @Test
    void epochSeconds() {
        assertThat(OutputTimestamps.parse("1767225600")).contains(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void missingOrSingleCharacterMeansUnset() {
        assertThat(OutputTimestamps.parse(null)).isEmpty();
        assertThat(OutputTimestamps.parse("")).isEmpty();
        assertThat(OutputTimestamps.parse("a")).isEmpty();
    }

    @Test
    void malformedValueIsNamed() {
        assertThatThrownBy(() -> OutputTimestamps.parse("yesterday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'yesterday'")
                .hasMessageContaining("2026-01-31T12:00:00Z");
    }
}
