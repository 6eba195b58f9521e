package dev.provenance.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MavenScopeTest {

    @Test
    void emptyScopeIsCompile() {
        assertThat(MavenScope.fromId("")).isEqualTo(MavenScope.COMPILE);
        assertThat(MavenScope.fromId(null)).isEqualTo(MavenScope.COMPILE);
    }

    @Test
    void onlyTestAndProvidedDoNotShip() {
        assertThat(MavenScope.COMPILE.ships()).isTrue();
        assertThat(MavenScope.RUNTIME.ships()).isTrue();
        assertThat(MavenScope.SYSTEM.ships()).isTrue();
        assertThat(MavenScope.PROVIDED.ships()).isFalse();
        assertThat(MavenScope.TEST.ships()).isFalse();
    }

    @Test
    void unknownScopeNamesValue() {
        assertThatThrownBy(() -> MavenScope.fromId("import"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'import'")
                .hasMessageContaining("compile, runtime, provided, test or system");
    }
}
