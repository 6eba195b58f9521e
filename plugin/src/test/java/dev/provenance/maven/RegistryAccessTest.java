package dev.provenance.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryAccessTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1:5000, true",
        "127.0.0.2, true",
        "localhost:5000, true",
        "[::1]:5000, true",
        "10.0.0.5:5000, false",
        "registry.example, false",
        "insecure.example:5000, true",
        "insecure.example, false",
    })
    void plainHttpOnlyForLoopbackOrListed(String registry, boolean allowed) {
        assertThat(RegistryAccess.plainHttpAllowed(registry, List.of("insecure.example:5000")))
                .isEqualTo(allowed);
    }
}
