package dev.provenance.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    private static final String DIGEST = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1:5000/team/app:1.0, 127.0.0.1:5000, team/app, 1.0",
        "registry.example/app, registry.example, app, ",
        "localhost/app:latest, localhost, app, latest",
        "team/app:2, docker.io, team/app, 2",
        "app, docker.io, library/app, ",
    })
    void parsesRegistryRepositoryAndTag(String value, String registry, String repository, String tag) {
        ImageReference reference = ImageReference.parse(value);

        assertThat(reference.registry()).isEqualTo(registry);
        assertThat(reference.repository()).isEqualTo(repository);
        assertThat(reference.tag()).isEqualTo(Optional.ofNullable(tag));
        assertThat(reference.digest()).isEmpty();
    }

    @Test
    void parsesTagAndDigest() {
        ImageReference reference = ImageReference.parse("127.0.0.1:5000/app:1.0@" + DIGEST);

        assertThat(reference.tag()).contains("1.0");
        assertThat(reference.digest()).contains(Digest.parse(DIGEST));
        assertThat(reference.toString()).isEqualTo("127.0.0.1:5000/app:1.0@" + DIGEST);
    }

    @Test
    void dockerHubUsesApiHost() {
        assertThat(ImageReference.parse("app").apiHost()).isEqualTo("registry-1.docker.io");
    }

    @Test
    void upperCaseRepositoryRejected() {
        assertThatThrownBy(() -> ImageReference.parse("registry.example/Team/App"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid image reference 'registry.example/Team/App': expected"
                        + " [registry/]repository[:tag][@sha256:<hex>], for example 127.0.0.1:5000/team/app:1.0");
    }

    @Test
    void shortDigestRejected() {
        assertThatThrownBy(() -> ImageReference.parse("app@sha256:abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid digest 'sha256:abc': expected sha256: followed by 64 lowercase hex characters");
    }
}
