package dev.provenance.policy;

import java.util.ArrayList;
import java.util.List;

/** Splits a policy line into words, removing the comment and the quotes around quoted values. */
final class PolicyTokenizer {

    private PolicyTokenizer() {}

    /**
     * Returns the words of one line: runs of characters separated by spaces or tabs, where a double-quoted run may
     * contain spaces and {@code #}.
     *
     * @throws IllegalArgumentException when a quote is not closed or an escape is unknown
     */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    quoted = false;
                } else if (c == '\\') {
                    word.append(escaped(line, ++i));
                } else {
                    word.append(c);
                }
                continue;
            }
            if (c == '#') {
                break;
            }
            if (c == ' ' || c == '\t') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            word = word == null ? new StringBuilder() : word;
            if (c == '"') {
                quoted = true;
            } else {
                word.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted value is not closed; add the closing \"");
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static char escaped(String line, int index) {
        if (index >= line.length() || (line.charAt(index) != '"' && line.charAt(index) != '\\')) {
            throw new IllegalArgumentException("invalid escape in a quoted value; only \\\" and \\\\ are allowed");
        }
        return line.charAt(index);
    }
}
