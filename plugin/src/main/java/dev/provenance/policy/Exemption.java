package dev.provenance.policy;

import java.time.LocalDate;

/**
 * A reviewed exception to a rule: an unsigned artifact allowed, a checksum not required, a deny overridden,
 * or a weak signature hash algorithm allowed. It
 * carries the reason a reviewer gave and may carry the last day on which it applies.
 */
public record Exemption(Kind kind, String reason, LocalDate expires, int line) {

    /** The rule an exemption lifts, with the policy keyword that grants it. */
    public enum Kind {
        UNSIGNED("unsigned"),
        NO_CHECKSUM("no-checksum"),
        OVERRIDE_DENY("override-deny"),
        WEAK_HASH("allow-hash");

        private final String keyword;

        Kind(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /** Returns whether the exemption still applies on {@code today}: it applies up to and including its expiry date. */
    public boolean appliesOn(LocalDate today) {
        return expires == null || !today.isAfter(expires);
    }
}
