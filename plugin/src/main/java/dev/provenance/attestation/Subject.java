package dev.provenance.attestation;

import java.util.regex.Pattern;

/**
 * The attested artifact: an image repository name and the sha256 digest of its manifest or index.
 *
 * @param name the repository without tag or digest, for example {@code registry.example/team/app}
 * @param sha256 64 lowercase hex characters
 */
public record Subject(String name, String sha256) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Subject {
        if (!HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("invalid sha256 digest '" + sha256 + "': expected 64 lowercase hex");
        }
    }

    /** Returns {@code sha256:<hex>}. */
    public String digest() {
        return "sha256:" + sha256;
    }
}
