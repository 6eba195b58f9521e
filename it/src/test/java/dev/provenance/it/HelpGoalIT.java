package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HelpGoalIT {

    @Test
    void helpListsGoalsUnderPrefix() {
        SampleBuild build =
                SampleBuild.of("help-smoke").arguments("provenance:help").succeeds();

        assertThat(build.log()).contains("provenance:help");
    }
}
