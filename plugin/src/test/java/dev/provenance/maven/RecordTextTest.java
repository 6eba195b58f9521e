package dev.provenance.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecordTextTest {

    public record Inner(String name, int count) {}

    public record Outer(Inner inner, List<Inner> items, String missing) {}

    @Test
    void nestedRecordsAndLists() {
        Outer outer = new Outer(new Inner("a", 1), List.of(new Inner("b", 2), new Inner("c", 3)), null);

        assertThat(RecordText.of(outer))
                .isEqualTo("Outer[inner=Inner[name=a, count=1], items=[Inner[name=b, count=2], Inner[name=c, count=3]],"
                        + " missing=null]");
    }

    @Test
    void everyComponentChangesText() {
        Outer base = new Outer(new Inner("a", 1), List.of(), "m");

        assertThat(RecordText.of(new Outer(new Inner("a", 2), List.of(), "m"))).isNotEqualTo(RecordText.of(base));
        assertThat(RecordText.of(new Outer(new Inner("a", 1), List.of(new Inner("a", 1)), "m")))
                .isNotEqualTo(RecordText.of(base));
        assertThat(RecordText.of(new Outer(new Inner("a", 1), List.of(), "n"))).isNotEqualTo(RecordText.of(base));
    }

    @Test
    void plainValueUsesToString() {
        assertThat(RecordText.of(List.of(1, "two"))).isEqualTo("[1, two]");
    }
}
