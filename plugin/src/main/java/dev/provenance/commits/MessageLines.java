package dev.provenance.commits;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds key-shaped lines anywhere in a message and gives the reason why git does not read each one as a trailer. A line counts
 * as key-shaped more loosely than git allows: leading whitespace or {@code #}, spaces or {@code _} in the key.
 */
final class MessageLines {

    private static final Pattern LOOSE_TRAILER = Pattern.compile("^[\\s#]*([A-Za-z][A-Za-z0-9_ .-]{0,60}?)\\s*:(.*)$");

    private MessageLines() {}

    /**
     * A key-shaped line.
     *
     * @param number the 1-based line number in the message
     * @param text the line without its line ending
     * @param key the key with spaces and underscores turned into {@code -}
     * @param value the text after the colon, trimmed
     * @param unparsedReason why git does not read this line as a trailer
     */
    record KeyLine(int number, String text, String key, String value, String unparsedReason) {}

    /** Returns the key-shaped lines of {@code message} that git does not parse as trailers of {@code block}. */
    static List<KeyLine> find(String message, TrailerBlock block) {
        List<KeyLine> lines = new ArrayList<>();
        int lastParagraph = lastParagraphStart(message, block.end());
        int number = 0;
        int colon = -1;
        for (int offset = 0; offset < message.length(); offset = TrailerParser.nextLine(message, offset)) {
            number++;
            int end = TrailerParser.nextLine(message, offset);

            // A colon is needed for any key-shaped line, so most prose lines stop here without a copy. The next colon
            // is searched once and reused until the lines pass it, which keeps the loop linear in the message length.
            if (colon != Integer.MAX_VALUE && colon < offset) {
                colon = message.indexOf(':', offset);
                colon = colon < 0 ? Integer.MAX_VALUE : colon;
            }
            if (colon >= end) {
                continue;
            }
            String reason = unparsedReason(message, offset, block, lastParagraph);
            if (reason == null) {
                continue;
            }
            String text = message.substring(offset, end).stripTrailing();
            Matcher matcher = LOOSE_TRAILER.matcher(text);
            if (matcher.matches()) {
                String key = matcher.group(1).strip().replace(' ', '-').replace('_', '-');
                lines.add(new KeyLine(number, text, key, matcher.group(2).strip(), reason));
            }
        }
        return lines;
    }

    private static String unparsedReason(String message, int offset, TrailerBlock block, int lastParagraph) {
        boolean gitShape = TrailerParser.findSeparator(message, offset) >= 1
                && !TrailerParser.isSpace(message.charAt(offset))
                && message.charAt(offset) != '#';
        if (block.accepted() && offset >= block.start() && offset < block.end() && gitShape) {
            return null;
        }
        if (offset >= block.patchStart()) {
            return "it is below a '---' line, where git interpret-trailers stops reading";
        }
        if (message.charAt(offset) == '#') {
            return "it is a comment line, which git ignores";
        }
        if (!gitShape) {
            return "git trailer keys are ASCII letters, digits and '-' at the start of the line";
        }
        if (offset >= lastParagraph && offset < block.end()) {
            return "the last paragraph also has lines that are not trailers, so git ignores all of its trailers"
                    + " (git accepts a mixed paragraph only with a Signed-off-by line and at least 25% trailers)";
        }
        return "it is not in the last paragraph, and git reads trailers only from the last paragraph";
    }

    /** Returns the offset of the first line after the last blank line before {@code end}. */
    private static int lastParagraphStart(String message, int end) {
        int start = 0;
        for (int offset = 0; offset < end; offset = TrailerParser.nextLine(message, offset)) {
            if (TrailerParser.isBlankLine(message, offset)) {
                start = TrailerParser.nextLine(message, offset);
            }
        }
        return start;
    }
}
