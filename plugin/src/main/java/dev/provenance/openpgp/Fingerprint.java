package dev.provenance.openpgp;

import java.util.HexFormat;
import java.util.Locale;

/**
 * The full fingerprint of an OpenPGP key: 20 bytes (40 hex digits) for a version 4 key, 32 bytes (64 hex digits) for a
 * version 6 key. Short and long key ids are not fingerprints and are rejected, because anyone can make a key that
 * collides with them.
 */
public record Fingerprint(String hex) {

    public Fingerprint {
        hex = hex.toUpperCase(Locale.ROOT);
    }

    /**
     * Parses a fingerprint written as hex digits, in either case, with an optional {@code 0x} prefix.
     *
     * @throws IllegalArgumentException naming the value, the rule and the fix
     */
    public static Fingerprint parse(String text) {
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (!digits.chars().allMatch(Fingerprint::isHexDigit)) {
            throw new IllegalArgumentException("invalid fingerprint '" + text
                    + "': only hex digits 0-9 and A-F are allowed; write the fingerprint without spaces");
        }
        if (digits.length() == 8 || digits.length() == 16) {
            throw new IllegalArgumentException("invalid fingerprint '" + text + "': this is a " + digits.length()
                    + "-digit key id, not a fingerprint; write the full fingerprint that"
                    + " `gpg --list-keys --with-fingerprint` shows (40 hex digits for v4 keys, 64 for v6)");
        }
        if (digits.length() != 40 && digits.length() != 64) {
            throw new IllegalArgumentException("invalid fingerprint '" + text + "': it has " + digits.length()
                    + " hex digits, but a fingerprint has 40 (v4 key) or 64 (v6 key)");
        }
        return new Fingerprint(digits);
    }

    /** Returns the fingerprint of raw fingerprint bytes, as BouncyCastle's {@code getFingerprint()} returns them. */
    public static Fingerprint of(byte[] bytes) {
        return new Fingerprint(HexFormat.of().formatHex(bytes));
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    @Override
    public String toString() {
        return hex;
    }
}
