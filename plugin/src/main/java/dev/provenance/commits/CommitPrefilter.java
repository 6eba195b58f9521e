package dev.provenance.commits;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * Proves from a raw commit object that {@link CommitInspector#detect} finds no AI marker in it, without decoding the
 * message or parsing its trailers. Most commits pass this check, so only the few others need the full parse.
 *
 * <p>The check is a superset of every rule that {@code detect} applies, so it can only err towards the full parse:
 *
 * <ul>
 *   <li>no line of the message starts with a key that matches a marker key or an identity key, where a key is read
 *       more loosely than both git and {@link MessageLines} read it (leading whitespace and {@code #} skipped,
 *       {@code _} and spaces taken as {@code -}, any length);
 *   <li>no message pattern is found in the message;
 *   <li>neither the author nor the committer is an AI identity.
 * </ul>
 *
 * <p>Commits with an {@code encoding} header always take the full parse, because in encodings such as Shift_JIS a
 * byte in the ASCII range can be part of a wider character. Instances are not thread-safe: each thread needs its own.
 */
final class CommitPrefilter {

    /**
     * Maximum digits in an identity's time stamp for the cached path. Such a value always parses to a valid
     * {@code Instant}, whose maximum epoch second has 17 digits. A longer one can make the full parse fail.
     */
    private static final int MAX_TIMESTAMP_DIGITS = 16;

    /** Maximum number of cached identities. Past that, an identity not in the cache is judged each time it appears. */
    private static final int MAX_CACHED_IDENTITIES = 1 << 16;

    private final AiDetection detection;
    private final byte[][] exactKeys;
    private final byte[][] prefixKeys;
    private final Matcher[] messageMatchers;
    private final AsciiText asciiMessage = new AsciiText();

    /** Open-addressing table from the raw {@code Name <email>} bytes of an identity to whether it is AI. */
    private byte[][] identityBytes = new byte[1024][];

    private boolean[] identityIsAi = new boolean[1024];
    private int identityCount;

    CommitPrefilter(AiDetection detection) {
        this.detection = detection;
        List<String> exact = new ArrayList<>(detection.identityKeys());
        List<String> prefixes = new ArrayList<>();
        for (String marker : detection.markerKeys()) {
            if (marker.endsWith("*")) {
                prefixes.add(marker.substring(0, marker.length() - 1));
            } else {
                exact.add(marker);
            }
        }
        this.exactKeys = toLowerCaseBytes(exact);
        this.prefixKeys = toLowerCaseBytes(prefixes);
        List<Pattern> patterns = detection.messagePatterns();
        this.messageMatchers = new Matcher[patterns.size()];
        for (int i = 0; i < messageMatchers.length; i++) {
            messageMatchers[i] = patterns.get(i).matcher("");
        }
    }

    /**
     * Returns true when the commit in {@code raw} (a canonical commit object) shows no AI marker. False means that
     * the full parse must decide, not that the commit is AI-involved.
     */
    boolean provesNoMarker(byte[] raw) {
        if (RawParseUtils.encoding(raw, 0) >= 0) {
            return false;
        }
        int author = RawParseUtils.author(raw, 0);
        int committer = RawParseUtils.committer(raw, 0);
        if (author < 0 || committer < 0 || !isHumanIdentity(raw, author) || !isHumanIdentity(raw, committer)) {
            return false;
        }

        // Without a blank line after the headers the message is empty, and a pattern may still match the empty text.
        int message = RawParseUtils.commitMessage(raw, 0);
        return message < 0 ? !matchesMessagePattern("") : messageHasNoMarker(raw, message);
    }

    private boolean messageHasNoMarker(byte[] raw, int start) {
        int line = start;
        while (line < raw.length) {
            int end = lineEnd(raw, line);
            if (startsWithMarkerKey(raw, line, end)) {
                return false;
            }
            line = end + 1;
        }
        return !matchesMessagePattern(
                isAscii(raw, start) ? asciiMessage.reset(raw, start, raw.length) : decode(raw, start));
    }

    private boolean matchesMessagePattern(CharSequence message) {
        for (Matcher matcher : messageMatchers) {
            if (matcher.reset(message).find()) {
                return true;
            }
        }
        return false;
    }

    /** Decodes a message that is not ASCII as {@code RevCommit.getFullMessage()} does. */
    private static String decode(byte[] raw, int start) {
        return RawParseUtils.decode(RawParseUtils.guessEncoding(raw), raw, start, raw.length);
    }

    /** Returns true when every byte from {@code start} on is ASCII, so it decodes to the same characters. */
    private static boolean isAscii(byte[] raw, int start) {
        int bits = 0;
        for (int i = start; i < raw.length; i++) {
            bits |= raw[i];
        }
        return bits >= 0;
    }

    private static int lineEnd(byte[] raw, int start) {
        for (int i = start; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return i;
            }
        }
        return raw.length;
    }

    /** Returns true when the line {@code [start, end)} starts with a loosely read key that could be a marker. */
    private boolean startsWithMarkerKey(byte[] raw, int start, int end) {
        int i = start;
        while (i < end && isLeadingByte(raw[i])) {
            i++;
        }
        int keyStart = i;
        while (i < end && isKeyByte(raw[i])) {
            i++;
        }
        if (i == end || raw[i] != ':') {
            return false;
        }
        int keyEnd = i;
        while (keyEnd > keyStart && (raw[keyEnd - 1] == ' ' || raw[keyEnd - 1] == '\t')) {
            keyEnd--;
        }
        int length = keyEnd - keyStart;
        for (byte[] key : exactKeys) {
            if (key.length == length && keyStartsWith(raw, keyStart, key)) {
                return true;
            }
        }
        for (byte[] prefix : prefixKeys) {
            if (prefix.length <= length && keyStartsWith(raw, keyStart, prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Compares ignoring ASCII case, with {@code _} and space in the message read as {@code -}. */
    private static boolean keyStartsWith(byte[] raw, int offset, byte[] lowerCaseKey) {
        for (int j = 0; j < lowerCaseKey.length; j++) {
            byte b = raw[offset + j];
            if (b == '_' || b == ' ') {
                b = '-';
            } else if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lowerCaseKey[j]) {
                return false;
            }
        }
        return true;
    }

    /** Whitespace as Java's regular expression {@code \s} has it, and the comment character. */
    private static boolean isLeadingByte(byte b) {
        return b == ' ' || b == '\t' || b == 0x0B || b == '\f' || b == '\r' || b == '#';
    }

    /** Bytes of a git trailer key and of a key that {@link MessageLines} reads, with the spaces before the colon. */
    private static boolean isKeyByte(byte b) {
        return (b >= 'a' && b <= 'z')
                || (b >= 'A' && b <= 'Z')
                || (b >= '0' && b <= '9')
                || b == '-'
                || b == '_'
                || b == '.'
                || b == ' '
                || b == '\t';
    }

    /**
     * Returns true when the identity at {@code nameStart} is known not to be AI. The result depends only on the bytes
     * from the name to the closing {@code >}, which JGit decodes into the name and email, so it is cached by them.
     */
    private boolean isHumanIdentity(byte[] raw, int nameStart) {
        int lineEnd = lineEnd(raw, nameStart);
        int open = indexOf(raw, nameStart, lineEnd, (byte) '<');
        int close = open < 0 ? -1 : indexOf(raw, open, lineEnd, (byte) '>');
        if (close < 0 || !hasShortTimestamp(raw, close + 1, lineEnd)) {
            return false;
        }
        int end = close + 1;
        int slot = findSlot(raw, nameStart, end);
        if (identityBytes[slot] != null) {
            return !identityIsAi[slot];
        }
        return judgeIdentity(raw, nameStart, end, slot);
    }

    /** Returns the slot of the identity in {@code [start, end)}, or the empty slot where it belongs. */
    private int findSlot(byte[] raw, int start, int end) {
        int hash = 1;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + raw[i];
        }
        int mask = identityBytes.length - 1;
        int slot = (hash ^ (hash >>> 16)) & mask;
        while (identityBytes[slot] != null
                && !Arrays.equals(identityBytes[slot], 0, identityBytes[slot].length, raw, start, end)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Judges an identity not seen before as the full parse does, and caches the result while the cache has room. */
    private boolean judgeIdentity(byte[] raw, int start, int end, int slot) {
        PersonIdent person = RawParseUtils.parsePersonIdent(raw, start);
        if (person == null) {
            return false;
        }
        boolean ai = detection.isAiIdentity(CommitInspector.format(person));
        if (identityCount < MAX_CACHED_IDENTITIES) {
            identityBytes[slot] = Arrays.copyOfRange(raw, start, end);
            identityIsAi[slot] = ai;
            identityCount++;
            if (identityCount * 2 > identityBytes.length) {
                growIdentities();
            }
        }
        return !ai;
    }

    /**
     * Returns true when no run of digits after the email is long enough to overflow JGit's time parse, which would
     * make the full parse fail where this cache would not.
     */
    private static boolean hasShortTimestamp(byte[] raw, int start, int end) {
        int digits = 0;
        for (int i = start; i < end; i++) {
            digits = raw[i] >= '0' && raw[i] <= '9' ? digits + 1 : 0;
            if (digits > MAX_TIMESTAMP_DIGITS) {
                return false;
            }
        }
        return true;
    }

    private void growIdentities() {
        byte[][] oldBytes = identityBytes;
        boolean[] oldIsAi = identityIsAi;
        identityBytes = new byte[oldBytes.length * 2][];
        identityIsAi = new boolean[oldBytes.length * 2];
        for (int i = 0; i < oldBytes.length; i++) {
            byte[] known = oldBytes[i];
            if (known != null) {
                int slot = findSlot(known, 0, known.length);
                identityBytes[slot] = known;
                identityIsAi[slot] = oldIsAi[i];
            }
        }
    }

    private static int indexOf(byte[] raw, int from, int to, byte target) {
        for (int i = from; i < to; i++) {
            if (raw[i] == target) {
                return i;
            }
        }
        return -1;
    }

    private static byte[][] toLowerCaseBytes(List<String> keys) {
        byte[][] bytes = new byte[keys.size()][];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = keys.get(i).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }

    /** A reusable view of ASCII bytes as characters, which is what decoding them would give. */
    private static final class AsciiText implements CharSequence {

        private byte[] bytes = new byte[0];
        private int start;
        private int length;

        AsciiText reset(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.start = start;
            this.length = end - start;
            return this;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            if (index < 0 || index >= length) {
                throw new IndexOutOfBoundsException(index);
            }
            return (char) bytes[start + index];
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            return toString().substring(from, to);
        }

        @Override
        public String toString() {
            return new String(bytes, start, length, StandardCharsets.US_ASCII);
        }
    }
}
