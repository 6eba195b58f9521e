package dev.provenance.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenance.oci.Digest;
import dev.provenance.oci.ImageReference;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;

/** Finds the image to attest or verify: a configured reference, or the outputs Jib wrote after building it. */
final class ImageSubjects {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageSubjects() {}

    /**
     * Returns the image: {@code image} when it is set, else the {@code image} field of Jib's {@code jib-image.json}.
     * The digest is the reference's own, else the one Jib wrote when the reference names Jib's repository and one of
     * the tags Jib pushed. Any other tag is left for the caller to resolve, because Jib's digest need not be what it
     * points to.
     */
    static ImageReference resolve(String image, String parameter, File digestFile, File imageJson)
            throws MojoExecutionException {
        Optional<JsonNode> jib = readJson(imageJson);
        if (image != null && !image.isBlank()) {
            ImageReference reference = parse(image, parameter);
            boolean sameAsJib = jib.map(j -> isJibImage(j, reference)).orElse(false);
            if (reference.digest().isEmpty() && sameAsJib) {
                return jibDigest(digestFile, jib).map(reference::withDigest).orElse(reference);
            }
            return reference;
        }
        if (jib.isEmpty() || !jib.get().path("image").isTextual()) {
            throw new MojoExecutionException("no image given: set <image> (property " + parameter + ") to an image"
                    + " reference, or run jib:build or jib:buildTar first so that " + imageJson + " exists");
        }
        ImageReference reference = parse(jib.get().get("image").asText(), imageJson.toString());
        return jibDigest(digestFile, jib).map(reference::withDigest).orElse(reference);
    }

    /** Checks whether {@code reference} names the repository of Jib's {@code image} and a tag that Jib pushed. */
    private static boolean isJibImage(JsonNode jib, ImageReference reference) {
        ImageReference jibImage;
        try {
            jibImage = ImageReference.parse(jib.path("image").asText(""));
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!jibImage.name().equals(reference.name())) {
            return false;
        }
        String tag = reference.tag().orElse("latest");
        if (jibImage.tag().orElse("latest").equals(tag)) {
            return true;
        }
        for (JsonNode pushed : jib.path("tags")) {
            if (pushed.asText().equals(tag)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Digest> jibDigest(File digestFile, Optional<JsonNode> jib) throws MojoExecutionException {
        if (digestFile != null && digestFile.isFile()) {
            try {
                String text = Files.readString(digestFile.toPath(), StandardCharsets.UTF_8)
                        .trim();
                return Optional.of(Digest.parse(text));
            } catch (IOException e) {
                throw new MojoExecutionException("could not read " + digestFile + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException(
                        digestFile + " contains an " + e.getMessage() + "; rerun Jib to rewrite it");
            }
        }
        return jib.map(j -> j.path("imageDigest").asText(""))
                .filter(s -> !s.isEmpty())
                .map(Digest::parse);
    }

    private static Optional<JsonNode> readJson(File file) throws MojoExecutionException {
        if (file == null || !file.isFile()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(file));
        } catch (IOException e) {
            throw new MojoExecutionException(file + " is not valid JSON: " + e.getMessage() + "; rerun Jib", e);
        }
    }

    static ImageReference parse(String value, String parameter) throws MojoExecutionException {
        try {
            return ImageReference.parse(value);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage() + " (from " + parameter + ")");
        }
    }
}
