package dev.provenance.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.oci.ImageReference;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
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

    @Test
    void zeroTimeoutIsRejected() {
        RegistryAccess.Parameters parameters =
                new RegistryAccess.Parameters("provenance.verify", List.of(), null, null, 0, 4);

        assertThatThrownBy(() -> open(parameters))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("invalid provenance.verify.timeoutSeconds 0: the request timeout must be at least 1"
                        + " second; set it to 30 or more");
    }

    @Test
    void zeroAttemptsAreRejected() {
        RegistryAccess.Parameters parameters =
                new RegistryAccess.Parameters("provenance.attest", List.of(), null, null, 30, 0);

        assertThatThrownBy(() -> open(parameters))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("invalid provenance.attest.maxAttempts 0: a request must be sent at least once; set it to"
                        + " 1 for no retries or 4 for the default");
    }

    private static void open(RegistryAccess.Parameters parameters) throws MojoExecutionException {
        RegistryAccess.open(
                ImageReference.parse("127.0.0.1:5000/team/app:1.0"), parameters, null, null, new SystemStreamLog());
    }
}
