package dev.provenance.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTarTest {

    @TempDir
    Path temp;

    @Test
    void importsLayoutTarWithTag() throws Exception {
        Path source = temp.resolve("source");
        LayoutStore layout = LayoutStore.create(source);
        byte[] manifest = manifest(layout);
        layout.putManifest("app:1.0", manifest, MediaTypes.OCI_MANIFEST, Optional.empty());
        Path tar = tar(source);

        LayoutStore target = LayoutStore.create(temp.resolve("target"));
        ImageTar.importInto(tar, target);

        Manifest imported = target.manifest("app:1.0").orElseThrow();
        assertThat(imported.digest()).isEqualTo(Digest.of(manifest));
        assertThat(target.manifest(Digest.of(manifest).toString())).isPresent();
    }

    @Test
    void tarWithoutLayoutRejected() throws Exception {
        Path source = Files.createDirectories(temp.resolve("plain"));
        Files.writeString(source.resolve("readme.txt"), "not an image");
        Path tar = tar(source);

        assertThatThrownBy(() -> ImageTar.importInto(tar, LayoutStore.create(temp.resolve("target"))))
                .hasMessage(tar + " is not an OCI image layout tar (it has no oci-layout or index.json); build it with"
                        + " jib:buildTar and <container><format>OCI</format></container>");
    }

    @Test
    void corruptBlobRejected() throws Exception {
        Path source = temp.resolve("source");
        LayoutStore layout = LayoutStore.create(source);
        byte[] manifest = manifest(layout);
        layout.putManifest("app:1.0", manifest, MediaTypes.OCI_MANIFEST, Optional.empty());
        Path blob = source.resolve("blobs/sha256/" + Digest.of(manifest).hex());
        Files.writeString(blob, "changed");
        Path tar = tar(source);

        assertThatThrownBy(() -> ImageTar.importInto(tar, LayoutStore.create(temp.resolve("target"))))
                .hasMessage(
                        tar + " is corrupt: blobs/sha256/" + Digest.of(manifest).hex() + " does not match its digest");
    }

    @Test
    void openRejectsDirectoryWithoutLayout() {
        assertThatThrownBy(() -> LayoutStore.open(temp))
                .hasMessage(temp + " is not an OCI image layout: it has no oci-layout and index.json");
    }

    private static byte[] manifest(LayoutStore layout) throws Exception {
        byte[] config = "{\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
        layout.putBlob(config);
        return ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":"
                        + Descriptor.of(MediaTypes.OCI_CONFIG, config).toJson() + ",\"layers\":[]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Packs {@code directory} with the system's tar, in ustar format, as Jib's tar is. */
    private Path tar(Path directory) throws Exception {
        Path tar = temp.resolve(directory.getFileName() + ".tar");
        Process process = new ProcessBuilder(
                        "tar", "--format=ustar", "-cf", tar.toString(), "-C", directory.toString(), ".")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return tar;
    }
}
