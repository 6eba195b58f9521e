package dev.provenance.oci;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference {@code [registry/]repository[:tag][@sha256:<hex>]}, parsed the way Docker and Jib read it: the
 * first path component is a registry when it contains a dot or a colon or is {@code localhost}; otherwise the registry
 * is Docker Hub.
 *
 * @param registry the registry host and optional port
 * @param repository the repository path inside the registry
 * @param tag the tag, when given
 * @param digest the digest, when given
 */
public record ImageReference(String registry, String repository, Optional<String> tag, Optional<Digest> digest) {

    private static final String DOCKER_HUB = "docker.io";
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern REPOSITORY =
            Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

    /**
     * Parses {@code value}.
     *
     * @throws IllegalArgumentException naming the value and the expected form
     */
    public static ImageReference parse(String value) {
        String rest = value.trim();
        Optional<Digest> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(Digest.parse(rest.substring(at + 1)));
            rest = rest.substring(0, at);
        }
        Optional<String> tag = Optional.empty();
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = Optional.of(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? "" : rest.substring(0, slash);
        if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
            registry = first;
            rest = rest.substring(slash + 1);
        } else if (slash < 0) {
            rest = "library/" + rest;
        }
        if (!REPOSITORY.matcher(rest).matches()
                || tag.map(t -> !TAG.matcher(t).matches()).orElse(false)) {
            throw new IllegalArgumentException(
                    "invalid image reference '" + value
                            + "': expected [registry/]repository[:tag][@sha256:<hex>], for example 127.0.0.1:5000/team/app:1.0");
        }
        return new ImageReference(registry, rest, tag, digest);
    }

    /** Returns {@code registry/repository}, the name cosign gives the statement subject. */
    public String name() {
        return registry + "/" + repository;
    }

    /** Returns the host to call for the distribution API; Docker Hub serves it on another host than its name. */
    public String apiHost() {
        return registry.equals(DOCKER_HUB) ? "registry-1.docker.io" : registry;
    }

    /** Returns this reference pinned to {@code value}. */
    public ImageReference withDigest(Digest value) {
        return new ImageReference(registry, repository, tag, Optional.of(value));
    }

    @Override
    public String toString() {
        return name()
                + tag.map(t -> ":" + t).orElse("")
                + digest.map(d -> "@" + d).orElse("");
    }
}
