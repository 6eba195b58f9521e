package dev.provenance.commits;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Rules that decide whether a commit is AI-involved: trailer keys that always mark AI, trailer keys that mark AI
 * when their value names an AI identity, identity patterns, and message line patterns. Instances are thread-safe.
 */
public final class AiDetection {

    /** Identities seen so far and whether they are AI; authors repeat, so this saves most regular expression runs. */
    private final Map<String, Boolean> knownIdentities = new ConcurrentHashMap<>();

    /** Trailer keys that mark AI whatever their value; {@code *} at the end matches any suffix, case is ignored. */
    private final List<String> markerKeys;

    /** Trailer keys that mark AI only when their value is an AI identity, such as {@code Co-authored-by}. */
    private final List<String> identityKeys;

    /** Patterns, matched case-insensitively against a whole {@code Name <email>}, that name an AI tool or bot. */
    private final List<Pattern> identities;

    /**
     * Patterns that mark AI when they are found in any line of the message. They are case-sensitive, because tools
     * write fixed text and a case-insensitive search over every message costs more than the rest of the scan.
     */
    private final List<Pattern> messagePatterns;

    private AiDetection(
            List<String> markerKeys,
            List<String> identityKeys,
            List<Pattern> identities,
            List<Pattern> messagePatterns) {
        this.markerKeys = markerKeys;
        this.identityKeys = identityKeys;
        this.identities = identities;
        this.messagePatterns = messagePatterns;
    }

    /** Trailer keys in use for AI involvement: kernel, Fedora, OpenStack, ASF, Cursor, Claude Code and others. */
    public static final List<String> DEFAULT_MARKER_KEYS = List.of(
            "Assisted-by", "Generated-by", "Co-authored-by-AI", "Made-with", "Claude-Session", "AI-*", "Ai-assisted");

    /** Co-author keys whose value marks AI when it names a tool. */
    public static final List<String> DEFAULT_IDENTITY_KEYS = List.of("Co-authored-by", "Co-developed-by");

    /**
     * Identities that tools write: tool names alone or followed by a model, the noreply addresses of Anthropic,
     * OpenAI, Cursor, Aider and OpenCode, Copilot's GitHub account, Aider's "(aider)" suffix and any {@code [bot]}
     * account.
     */
    public static final List<String> DEFAULT_IDENTITIES = List.of(
            "(github |openai |google )?(claude|copilot|cursor|codex|aider|gemini|devin|opencode)"
                    + "(( agent| code| cli| assist| ai| opus| sonnet| haiku| pro| flash| [0-9][\\w.-]*)|\\s*\\([^)]*\\))*"
                    + "\\s*(<[^>]*>)?",
            ".*<(noreply@anthropic\\.com|noreply@openai\\.com|codex@openai\\.com|cursoragent@cursor\\.com"
                    + "|noreply@aider\\.chat|noreply@opencode\\.ai)>",
            ".*<[^>]*\\+copilot@users\\.noreply\\.github\\.com>",
            ".*\\(aider\\)\\s*(<[^>]*>)?",
            ".*\\[bot\\].*");

    /** Lines that tools add outside the trailer block. */
    public static final List<String> DEFAULT_MESSAGE_PATTERNS =
            List.of("Generated with \\[(Claude Code|Devin)\\]", "Made with \\[Cursor\\]");

    /** Returns the defaults described on each constant. */
    public static AiDetection defaults() {
        return of(DEFAULT_MARKER_KEYS, DEFAULT_IDENTITY_KEYS, DEFAULT_IDENTITIES, DEFAULT_MESSAGE_PATTERNS);
    }

    /**
     * Creates rules from their text form.
     *
     * @throws IllegalArgumentException naming the invalid key or pattern
     */
    public static AiDetection of(
            List<String> markerKeys, List<String> identityKeys, List<String> identities, List<String> messagePatterns) {
        for (String key : markerKeys) {
            requireKey(key.endsWith("*") ? key.substring(0, key.length() - 1) : key, "aiTrailers");
        }
        for (String key : identityKeys) {
            requireKey(key, "aiIdentityTrailers");
        }
        return new AiDetection(
                List.copyOf(markerKeys),
                List.copyOf(identityKeys),
                compile(identities, "aiIdentities", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
                compile(messagePatterns, "aiMessagePatterns", 0));
    }

    /** Returns true when the trailer marks AI involvement. */
    public boolean isMarker(String key, String value) {
        for (String marker : markerKeys) {
            if (keyMatches(marker, key)) {
                return true;
            }
        }
        for (String identityKey : identityKeys) {
            if (identityKey.equalsIgnoreCase(key) && isAiIdentity(value)) {
                return true;
            }
        }
        return false;
    }

    /** Returns true when {@code identity} (a {@code Name <email>} text) names an AI tool or bot. */
    public boolean isAiIdentity(String identity) {
        return knownIdentities.computeIfAbsent(identity, this::matchesIdentity);
    }

    private boolean matchesIdentity(String identity) {
        String text = identity.strip();
        for (Pattern pattern : identities) {
            if (pattern.matcher(text).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Returns the message lines that match a message pattern. */
    public List<String> findMessageMarkers(String message) {
        List<String> found = new ArrayList<>();
        for (Pattern pattern : messagePatterns) {

            // One search over the whole message; most messages have no match, so lines are split only on a hit.
            Matcher matcher = pattern.matcher(message);
            while (matcher.find()) {
                int start = message.lastIndexOf('\n', matcher.start()) + 1;
                int end = message.indexOf('\n', matcher.end());
                String line = message.substring(start, end < 0 ? message.length() : end)
                        .strip();
                if (!found.contains(line)) {
                    found.add(line);
                }
                if (end < 0) {
                    break;
                }
                matcher.region(end, message.length());
            }
        }
        return found;
    }

    /** Returns the trailer keys that mark AI whatever their value. A key that ends in {@code *} is a prefix. */
    List<String> markerKeys() {
        return markerKeys;
    }

    /** Returns the trailer keys that mark AI only when their value is an AI identity. */
    List<String> identityKeys() {
        return identityKeys;
    }

    /** Returns the compiled message line patterns. */
    List<Pattern> messagePatterns() {
        return messagePatterns;
    }

    private static boolean keyMatches(String marker, String key) {
        if (marker.endsWith("*")) {
            String prefix = marker.substring(0, marker.length() - 1);
            return key.length() >= prefix.length() && key.regionMatches(true, 0, prefix, 0, prefix.length());
        }
        return marker.equalsIgnoreCase(key);
    }

    private static void requireKey(String key, String parameter) {
        if (key.isEmpty() || TrailerParser.findSeparator(key + ":", 0) != key.length()) {
            throw new IllegalArgumentException(parameter + " contains '" + key
                    + "', which is not a git trailer key: use ASCII letters, digits and '-' only");
        }
    }

    private static List<Pattern> compile(List<String> expressions, String parameter, int flags) {
        List<Pattern> patterns = new ArrayList<>();
        for (String expression : expressions) {
            try {
                patterns.add(Pattern.compile(expression, flags));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        parameter + " contains '" + expression + "', which is not a valid Java regular expression: "
                                + e.getDescription().toLowerCase(Locale.ROOT),
                        e);
            }
        }
        return List.copyOf(patterns);
    }
}
