package dev.provenance.commits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AiDetectionTest {

    private final AiDetection detection = AiDetection.defaults();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Claude <noreply@anthropic.com>",
                "Claude Opus 4.5 <noreply@anthropic.com>",
                "Copilot <223556219+Copilot@users.noreply.github.com>",
                "copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>",
                "Cursor Agent <cursoragent@cursor.com>",
                "Codex <noreply@openai.com>",
                "aider (gpt-4o) <noreply@aider.chat>",
                "Ann Author (aider) <ann@example.com>",
                "Gemini Code Assist <gemini@example.com>",
                "devin-ai-integration[bot] <158243242+devin-ai-integration[bot]@users.noreply.github.com>",
                "GitHub Copilot",
                "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>"
            })
    void toolIdentitiesMatch(String identity) {
        assertThat(detection.isAiIdentity(identity)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Claude Monet <claude@monet.example>",
                "Ann Author <ann@example.com>",
                "Devina Smith <devina@example.com>",
                "Rita Reviewer <rita@anthropic.example>"
            })
    void peopleDoNotMatch(String identity) {
        assertThat(detection.isAiIdentity(identity)).isFalse();
    }

    @Test
    void markerKeysIgnoreCaseAndGlob() {
        assertThat(detection.isMarker("assisted-BY", "anything")).isTrue();
        assertThat(detection.isMarker("AI-Model", "gpt-4o")).isTrue();
        assertThat(detection.isMarker("Ai-assisted", "true")).isTrue();
        assertThat(detection.isMarker("Signed-off-by", "Claude <noreply@anthropic.com>"))
                .isFalse();
        assertThat(detection.isMarker("Co-authored-by", "Ann Author <ann@example.com>"))
                .isFalse();
        assertThat(detection.isMarker("Co-developed-by", "Claude <noreply@anthropic.com>"))
                .isTrue();
    }

    @Test
    void messagePatternFindsWholeLine() {
        String message = "Fix\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\nBody\n";

        assertThat(detection.findMessageMarkers(message))
                .containsExactly("🤖 Generated with [Claude Code](https://claude.com/claude-code)");
    }

    @Test
    void invalidKeyRejected() {
        assertThatThrownBy(() -> AiDetection.of(List.of("Assisted by"), List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("aiTrailers contains 'Assisted by', which is not a git trailer key: use ASCII letters,"
                        + " digits and '-' only");
    }

    @Test
    void invalidPatternRejected() {
        assertThatThrownBy(() -> AiDetection.of(List.of(), List.of(), List.of("claude("), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "aiIdentities contains 'claude(', which is not a valid Java regular" + " expression: ");
    }
}
