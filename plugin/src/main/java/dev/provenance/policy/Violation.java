package dev.provenance.policy;

/**
 * One reason an artifact breaks the policy.
 *
 * @param reason the rule that failed
 * @param detail a sentence with the values involved, such as the fingerprint found or both digests
 */
public record Violation(Reason reason, String detail) {

    /** The rules an artifact can break, with the words the report uses for them. */
    public enum Reason {
        NOT_ALLOWED("not allowed"),
        DENIED("denied"),
        UNSIGNED("unsigned"),
        SIGNATURE_NOT_RESOLVED("signature download failed"),
        BAD_SIGNATURE("bad signature"),
        SIGNATURE_EXPIRED("signature expired"),
        SIGNATURE_IN_FUTURE("signature made in the future"),
        KEY_NOT_ACCEPTED("key not accepted"),
        KEY_NOT_FOUND("key not found"),
        KEY_EXPIRED("key expired"),
        KEY_REVOKED("key revoked"),
        KEY_INVALID("key not valid for signing"),
        WEAK_HASH("weak hash"),
        KEY_FETCH_FAILED("key fetch failed"),
        CHECKSUM_MISMATCH("checksum mismatch"),
        CHECKSUM_MISSING("checksum not pinned");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        /** Returns the reason as the report writes it, such as {@code key not accepted}. */
        public String text() {
            return text;
        }
    }
}
