package dev.provenance.commits;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the trailer block of a commit message the way git 2.39 to 2.53 does, with git's default configuration.
 *
 * <p>This follows {@code trailer.c} ({@code find_patch_start}, {@code find_trailer_start}, {@code find_separator},
 * {@code parse_trailers}, {@code unfold_value}) and {@code commit.c} ({@code ignore_non_trailer}). In short:
 *
 * <ul>
 *   <li>With the divider on, the message ends at the first line that starts with {@code ---} and a whitespace
 *       character. Trailing comment lines ({@code #}), empty lines, a scissors line and an old {@code Conflicts:}
 *       block are ignored.
 *   <li>Only the last paragraph can hold trailers, never the title paragraph. It counts when all its lines are
 *       trailers, or when it contains a {@code Signed-off-by: } or {@code (cherry picked from commit } line and at
 *       least 25% of its lines are trailers. Otherwise the message has no trailers at all.
 *   <li>A key is ASCII letters, digits and {@code -}, optionally followed by spaces or tabs, then {@code :}. Lines
 *       that start with whitespace continue the trailer above.
 * </ul>
 *
 * <p>Git configuration is deliberately not read: {@code trailer.<alias>.key}, {@code trailer.separators} and
 * {@code core.commentChar} change what git reports, and an alias could make {@code R: Mallory} read as a reviewer.
 * The parser therefore gives the result of {@code git -c core.commentChar='#' interpret-trailers --parse} run with no
 * user or system configuration. JGit's {@code RevCommit.getFooterLines()} is not used because it accepts every
 * key-shaped line of the last paragraph.
 */
public final class TrailerParser {

    private static final char COMMENT = '#';
    private static final String SCISSORS = "# ------------------------ >8 ------------------------\n";
    private static final List<String> GIT_GENERATED_PREFIXES =
            List.of("Signed-off-by: ", "(cherry picked from commit ");

    private TrailerParser() {}

    /**
     * Parses the trailers of {@code message} as {@code git interpret-trailers --parse} does; {@code divider} false
     * gives {@code --no-divider}, which is also how {@code git log --format=%(trailers)} reads a commit.
     */
    public static List<Trailer> parse(String message, boolean divider) {
        TrailerBlock block = findBlock(message, divider);
        return block.trailers();
    }

    /** Finds the trailer block of {@code message} and parses its trailers. */
    public static TrailerBlock findBlock(String message, boolean divider) {
        int patchStart = divider ? findPatchStart(message) : message.length();
        int end = findTrailerEnd(message, patchStart);
        int start = findTrailerStart(message, end);
        return new TrailerBlock(start, end, patchStart, parseLines(message.substring(start, end)));
    }

    /** Returns the offset of the first {@code ---} divider line, or the length of the message when there is none. */
    static int findPatchStart(String message) {
        for (int line = 0; line < message.length(); line = nextLine(message, line)) {
            if (message.startsWith("---", line) && line + 3 < message.length() && isSpace(message.charAt(line + 3))) {
                return line;
            }
        }
        return message.length();
    }

    /** Returns where the trailer block can end: before a trailing run of comment or empty lines or a Conflicts block. */
    static int findTrailerEnd(String message, int length) {
        int cutoff = scissorsCutoff(message, length);
        int runStart = 0;
        boolean inConflicts = false;
        int line = 0;
        while (line < cutoff) {
            int next = message.indexOf('\n', line);
            next = next < 0 || next >= length ? length : next + 1;
            char first = message.charAt(line);

            // Like git, 0 means "no run yet", so a run that starts at offset 0 is only noticed from its second line.
            if (first == COMMENT || first == '\n') {
                runStart = runStart == 0 ? line : runStart;
            } else if (message.startsWith("Conflicts:\n", line)) {
                inConflicts = true;
                runStart = runStart == 0 ? line : runStart;
            } else if (inConflicts && first == '\t') {
                // A path name inside the old-style Conflicts block.
            } else if (runStart != 0) {
                runStart = 0;
                inConflicts = false;
            }
            line = next;
        }
        return runStart != 0 ? runStart : cutoff;
    }

    // NOTE: git searches the whole input for the scissors line. Git 2.39.5 never returns when that line is below a
    // divider, so there is no git result to follow. Here the block then ends at the divider.
    private static int scissorsCutoff(String message, int length) {
        if (message.startsWith(SCISSORS)) {
            return 0;
        }
        int found = message.indexOf("\n" + SCISSORS);
        return found < 0 ? length : Math.min(found + 1, length);
    }

    /** Returns the offset where the trailer block starts, or {@code end} when git accepts no trailer block. */
    static int findTrailerStart(String message, int end) {
        int endOfTitle = endOfTitle(message, end);
        boolean onlySpaces = true;
        boolean recognized = false;
        int trailerLines = 0;
        int nonTrailerLines = 0;
        int possibleContinuations = 0;
        for (int line = lastLine(message, end); line >= endOfTitle; line = lastLine(message, line)) {
            if (message.charAt(line) == COMMENT) {
                nonTrailerLines += possibleContinuations;
                possibleContinuations = 0;
                continue;
            }

            // The first blank line above the block decides: all trailers, or recognized with at least 25% trailers.
            if (isBlankLine(message, line)) {
                if (onlySpaces) {
                    continue;
                }
                nonTrailerLines += possibleContinuations;
                boolean accepted = (recognized && trailerLines * 3 >= nonTrailerLines)
                        || (trailerLines > 0 && nonTrailerLines == 0);
                return accepted ? nextLine(message, line) : end;
            }
            onlySpaces = false;

            if (startsWithGeneratedPrefix(message, line)) {
                trailerLines++;
                possibleContinuations = 0;
                recognized = true;
            } else if (findSeparator(message, line) >= 1 && !isSpace(message.charAt(line))) {
                trailerLines++;
                possibleContinuations = 0;
            } else if (isSpace(message.charAt(line))) {
                possibleContinuations++;
            } else {
                nonTrailerLines += 1 + possibleContinuations;
                possibleContinuations = 0;
            }
        }
        return end;
    }

    private static boolean startsWithGeneratedPrefix(String message, int line) {
        for (String prefix : GIT_GENERATED_PREFIXES) {
            if (message.startsWith(prefix, line)) {
                return true;
            }
        }
        return false;
    }

    /** Returns the end of the title paragraph: the first blank line, skipping comment lines. */
    private static int endOfTitle(String message, int end) {
        int line = 0;
        while (line < end) {
            if (message.charAt(line) != COMMENT && isBlankLine(message, line)) {
                break;
            }
            line = nextLine(message, line);
        }
        return line;
    }

    /** Splits the block into trailers, joining continuation lines and dropping comments and non-trailer lines. */
    private static List<Trailer> parseLines(String block) {
        List<StringBuilder> items = new ArrayList<>();
        StringBuilder last = null;
        for (int line = 0; line < block.length(); line = nextLine(block, line)) {
            String text = block.substring(line, nextLine(block, line));
            if (last != null && isSpace(text.charAt(0))) {
                last.append(text);
                continue;
            }
            StringBuilder item = new StringBuilder(text);
            items.add(item);
            last = findSeparator(text, 0) >= 1 ? item : null;
        }

        List<Trailer> trailers = new ArrayList<>();
        for (StringBuilder item : items) {
            String text = item.toString();
            int separator = findSeparator(text, 0);
            if (text.charAt(0) == COMMENT || separator < 1) {
                continue;
            }
            String key = trim(text.substring(0, separator));
            String value = unfold(trim(text.substring(separator + 1)));
            trailers.add(new Trailer(key, value));
        }
        return List.copyOf(trailers);
    }

    /**
     * Returns the offset of the separator relative to {@code line}, or -1 when the line is not {@code key:}. The key
     * is ASCII letters, digits and {@code -}, optionally followed by spaces or tabs.
     */
    static int findSeparator(String text, int line) {
        boolean whitespaceFound = false;
        for (int i = line; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':') {
                return i - line;
            }
            if (!whitespaceFound && (isAsciiAlphanumeric(c) || c == '-')) {
                continue;
            }
            if (i != line && (c == ' ' || c == '\t')) {
                whitespaceFound = true;
                continue;
            }
            break;
        }
        return -1;
    }

    /** Joins continuation lines: each newline and the whitespace after it becomes one space. */
    private static String unfold(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i++);
            if (c == '\n') {
                while (i < value.length() && isSpace(value.charAt(i))) {
                    i++;
                }
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return trim(out.toString());
    }

    /** Returns the offset of the line before the one at {@code end}, or -1 at the start; as git's last_line(). */
    private static int lastLine(String message, int end) {
        if (end == 0) {
            return -1;
        }
        if (end == 1) {
            return 0;
        }
        int found = message.lastIndexOf('\n', end - 2);
        return found + 1;
    }

    static int nextLine(String text, int line) {
        int newline = text.indexOf('\n', line);
        return newline < 0 ? text.length() : newline + 1;
    }

    /** Returns whether the line has only whitespace before its newline, or starts at the end of the text. */
    static boolean isBlankLine(String text, int line) {
        for (int i = line; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return true;
            }
            if (!isSpace(c)) {
                return false;
            }
        }
        return true;
    }

    /** Git's isspace(): space, tab, line feed and carriage return only. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }
}
