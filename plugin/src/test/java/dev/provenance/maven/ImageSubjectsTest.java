package dev.provenance.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.oci.Digest;
import dev.provenance.oci.ImageReference;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSubjectsTest {

    private static final String DIGEST = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @TempDir
    Path temp;

    private File digestFile;
    private File imageJson;

    @BeforeEach
    void writeJibOutputs() throws Exception {
        digestFile = Files.writeString(temp.resolve("jib-image.digest"), DIGEST).toFile();
        imageJson = Files.writeString(
                        temp.resolve("jib-image.json"),
                        "{\"image\":\"127.0.0.1:5000/team/app:1.0\",\"imageDigest\":\"" + DIGEST
                                + "\",\"tags\":[\"1.0\"]}")
                .toFile();
    }

    @Test
    void jibOutputsWithoutImageParameter() throws Exception {
        ImageReference reference = ImageSubjects.resolve(null, "p", digestFile, imageJson);

        assertThat(reference.toString()).isEqualTo("127.0.0.1:5000/team/app:1.0@" + DIGEST);
    }

    @Test
    void imageParameterNamingJibImageTakesJibDigest() throws Exception {
        ImageReference reference = ImageSubjects.resolve("127.0.0.1:5000/team/app:1.0", "p", digestFile, imageJson);

        assertThat(reference.digest()).contains(Digest.parse(DIGEST));
    }

    @Test
    void otherTagOfJibRepositoryIsResolved() throws Exception {
        ImageReference reference = ImageSubjects.resolve("127.0.0.1:5000/team/app:2.0", "p", digestFile, imageJson);

        assertThat(reference.tag()).contains("2.0");
        assertThat(reference.digest()).isEmpty();
    }

    @Test
    void extraJibTagTakesJibDigest() throws Exception {
        Files.writeString(
                imageJson.toPath(),
                "{\"image\":\"127.0.0.1:5000/team/app:1.0\",\"imageDigest\":\"" + DIGEST
                        + "\",\"tags\":[\"1.0\",\"stable\"]}");

        ImageReference reference = ImageSubjects.resolve("127.0.0.1:5000/team/app:stable", "p", digestFile, imageJson);

        assertThat(reference.digest()).contains(Digest.parse(DIGEST));
    }

    @Test
    void otherImageKeepsTagForResolution() throws Exception {
        ImageReference reference = ImageSubjects.resolve("127.0.0.1:5000/team/other:2", "p", digestFile, imageJson);

        assertThat(reference.tag()).contains("2");
        assertThat(reference.digest()).isEmpty();
    }

    @Test
    void noImageAndNoJibOutputs() {
        File absent = temp.resolve("absent.json").toFile();

        assertThatThrownBy(() -> ImageSubjects.resolve(null, "provenance.attest.image", null, absent))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("no image given: set <image> (property provenance.attest.image) to an image reference,"
                        + " or run jib:build or jib:buildTar first so that " + absent + " exists");
    }

    @Test
    void invalidDigestFile() throws Exception {
        Files.writeString(digestFile.toPath(), "sha256:short");

        assertThatThrownBy(() -> ImageSubjects.resolve(null, "p", digestFile, imageJson))
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage(digestFile + " contains an invalid digest 'sha256:short': expected sha256: followed by 64"
                        + " lowercase hex characters; rerun Jib to rewrite it");
    }
}
