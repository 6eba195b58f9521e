package dev.provenance.policy;

import java.util.Locale;

/** A pinned digest of an artifact file: the algorithm and its value in lower-case hex. */
public record Checksum(Algorithm algorithm, String hex) {

    /** The digest algorithms a pin may use, with their JCA names and hex lengths. */
    public enum Algorithm {
        SHA256("sha256", "SHA-256", 64),
        SHA512("sha512", "SHA-512", 128);

        private final String key;
        private final String jcaName;
        private final int hexLength;

        Algorithm(String key, String jcaName, int hexLength) {
            this.key = key;
            this.jcaName = jcaName;
            this.hexLength = hexLength;
        }

        /** Returns the policy key that introduces a pin of this algorithm, such as {@code sha256}. */
        public String key() {
            return key;
        }

        /** Returns the algorithm's name for {@link java.security.MessageDigest}. */
        public String jcaName() {
            return jcaName;
        }
    }

    public Checksum {
        hex = hex.toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a pin value.
     *
     * @throws IllegalArgumentException naming the value and the expected length
     */
    public static Checksum parse(Algorithm algorithm, String value) {
        if (value.length() != algorithm.hexLength || !value.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("invalid " + algorithm.key + " value '" + value + "': expected "
                    + algorithm.hexLength + " hex digits, as `" + algorithm.key + "sum FILE` prints them");
        }
        return new Checksum(algorithm, value);
    }

    @Override
    public String toString() {
        return algorithm.key + "=" + hex;
    }
}
