package dev.provenance.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyRecorderTest {

    private static final String MARKER = PolicyRecorder.MARKER;

    @Test
    void newFileGetsHeaderAndSortedEntries() {
        String text = PolicyRecorder.update(null, List.of("allow b:b:1", "allow a:a:1"));

        assertThat(text).startsWith("# Dependency policy of this build");
        assertThat(text).endsWith("\n" + MARKER + "\nallow a:a:1\nallow b:b:1\n");
    }

    @Test
    void handWrittenLinesStayAsTheyAre() {
        String existing = "# team policy\nkeyring keys/   # KEYS files\n\ndeny x:y reason=\"no\"\n";

        String text = PolicyRecorder.update(existing, List.of("allow a:a:1"));

        assertThat(text).isEqualTo(existing + "\n" + MARKER + "\nallow a:a:1\n");
    }

    @Test
    void recordedSectionMergesInAnyOrder() {
        String first = PolicyRecorder.update("keyring k\n", List.of("allow c:c:1", "allow a:a:1"));
        String second = PolicyRecorder.update(first, List.of("allow b:b:1", "allow a:a:1"));
        String otherOrder = PolicyRecorder.update(
                PolicyRecorder.update("keyring k\n", List.of("allow b:b:1")), List.of("allow a:a:1", "allow c:c:1"));

        assertThat(second).isEqualTo("keyring k\n\n" + MARKER + "\nallow a:a:1\nallow b:b:1\nallow c:c:1\n");
        assertThat(otherOrder).isEqualTo(second);
    }

    @Test
    void nothingNewLeavesTextUnchanged() {
        String existing = PolicyRecorder.update("keyring k\n", List.of("allow a:a:1"));

        assertThat(PolicyRecorder.update(existing, List.of("allow a:a:1"))).isEqualTo(existing);
        assertThat(PolicyRecorder.update("keyring k\n", List.of())).isEqualTo("keyring k\n");
    }

    @Test
    void entryMovedAboveMarkerIsNotRepeated() {
        String existing = "allow a:a:1\n\n" + MARKER + "\nallow b:b:1\n";

        assertThat(PolicyRecorder.update(existing, List.of("allow a:a:1"))).isEqualTo(existing);
    }

    @Test
    void commentsInSectionAreKept() {
        String existing = "keyring k\n\n" + MARKER + "\n# reviewed 2026-12-01\nallow b:b:1\n";

        assertThat(PolicyRecorder.update(existing, List.of("allow a:a:1")))
                .isEqualTo("keyring k\n\n" + MARKER + "\n# reviewed 2026-12-01\nallow a:a:1\nallow b:b:1\n");
    }
}
