package dev.provenance.commits;

/**
 * One trailer as {@code git interpret-trailers --parse} prints it: the key as written and the unfolded value.
 *
 * @param key the trailer key without the separator, for example {@code Reviewed-by}
 * @param value the value with continuation lines joined by single spaces and outer whitespace trimmed
 */
public record Trailer(String key, String value) {

    /** Returns true when this trailer's key equals {@code other}, ignoring ASCII case as git does. */
    public boolean hasKey(String other) {
        return key.equalsIgnoreCase(other);
    }

    @Override
    public String toString() {
        return key + ": " + value;
    }
}
