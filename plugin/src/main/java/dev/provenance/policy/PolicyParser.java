package dev.provenance.policy;

import dev.provenance.openpgp.Fingerprint;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a policy file.
 *
 * <p>The format is line based. A {@code #} outside quotes starts a comment that runs to the end of the line. Each other
 * line is one directive followed by words and {@code key=value} options; a value with spaces is written in double
 * quotes, with {@code \"} and {@code \\} as escapes:
 *
 * <pre>
 * keyring keys/                                      # a keyring file, or a folder of them
 * keyserver hkps://keys.example.org                  # optional: where to fetch keys the keyrings lack
 * allow-hash SHA1 reason="..." [expires=YYYY-MM-DD]  # accept a weak signature hash algorithm
 * allow PATTERN [key=FINGERPRINT]... [sha256=HEX] [sha512=HEX]
 *               [unsigned] [no-checksum] [override-deny] [reason="..."] [expires=YYYY-MM-DD]
 * deny PATTERN [reason="..."]
 * </pre>
 */
public final class PolicyParser {

    private static final Set<String> ALLOW_FLAGS = Set.of("unsigned", "no-checksum", "override-deny");
    private static final Set<String> ALLOW_KEYS = Set.of("key", "sha256", "sha512", "reason", "expires");
    private static final Set<String> WEAK_HASHES = Set.of("MD5", "SHA1", "RIPEMD160");

    private final Path file;
    private final List<Path> keyrings = new ArrayList<>();
    private final List<URI> keyservers = new ArrayList<>();
    private final Map<String, Exemption> weakHashes = new LinkedHashMap<>();
    private final List<PolicyEntry> entries = new ArrayList<>();

    private PolicyParser(Path file) {
        this.file = file;
    }

    /**
     * Reads and parses a policy file.
     *
     * @throws PolicyException when the file cannot be read or a line is invalid, naming the line and the fix
     */
    public static Policy parse(Path file) throws PolicyException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PolicyException(file, "could not read the policy file: " + e.getMessage(), e);
        }
        PolicyParser parser = new PolicyParser(file);
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            parser.parseLine(i + 1, lines.get(i));
        }
        return new Policy(file, sha256(bytes), parser.keyrings, parser.keyservers, parser.weakHashes, parser.entries);
    }

    private void parseLine(int number, String text) throws PolicyException {
        List<String> words;
        try {
            words = PolicyTokenizer.split(text);
        } catch (IllegalArgumentException e) {
            throw new PolicyException(file, number, e.getMessage());
        }
        if (words.isEmpty()) {
            return;
        }
        Line line = new Line(number, words);
        switch (words.get(0)) {
            case "keyring" -> keyrings.add(keyring(line));
            case "keyserver" -> keyservers.add(keyserver(line));
            case "allow-hash" -> allowHash(line);
            case "allow" -> entries.add(entry(line, PolicyEntry.Action.ALLOW));
            case "deny" -> entries.add(entry(line, PolicyEntry.Action.DENY));
            default ->
                throw line.error("unknown directive '" + words.get(0)
                        + "'; a line starts with one of: allow, deny, keyring, keyserver, allow-hash");
        }
    }

    private Path keyring(Line line) throws PolicyException {
        line.requireArguments(1, "keyring PATH, with the path relative to the policy file's folder");
        Path parent = file.toAbsolutePath().getParent();
        return parent.resolve(line.words.get(1)).normalize();
    }

    private URI keyserver(Line line) throws PolicyException {
        line.requireArguments(1, "keyserver URL, such as keyserver hkps://keys.openpgp.org");
        String value = line.words.get(1);
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!Set.of("hkp", "hkps", "http", "https").contains(scheme) || uri.getHost() == null) {
                throw line.error("invalid keyserver '" + value
                        + "': use an hkp://, hkps://, http:// or https:// URL with a host name");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw line.error("invalid keyserver '" + value + "': " + e.getReason());
        }
    }

    private void allowHash(Line line) throws PolicyException {
        String algorithm = line.words.size() > 1 ? line.words.get(1).toUpperCase(Locale.ROOT) : "";
        if (!WEAK_HASHES.contains(algorithm)) {
            throw line.error("invalid allow-hash '" + algorithm + "': name one of the hash algorithms rejected"
                    + " by default: MD5, SHA1, RIPEMD160");
        }
        Map<String, String> options = new LinkedHashMap<>();
        List<String> flags = new ArrayList<>();
        line.readOptions(2, Set.of("reason", "expires"), Set.of(), options, flags);
        Exemption exemption = exemption(line, Exemption.Kind.WEAK_HASH, options);
        weakHashes.put(algorithm, exemption);
    }

    private PolicyEntry entry(Line line, PolicyEntry.Action action) throws PolicyException {
        line.requireAtLeast(1, action.name().toLowerCase(Locale.ROOT) + " PATTERN [options]");
        CoordinatePattern pattern;
        try {
            pattern = CoordinatePattern.parse(line.words.get(1));
        } catch (IllegalArgumentException e) {
            throw line.error(e.getMessage());
        }

        // Options are read in order, so a repeated key= accepts several keys and a repeated pin is kept as written.
        Map<String, String> options = new LinkedHashMap<>();
        List<String> flags = new ArrayList<>();
        List<Fingerprint> keys = new ArrayList<>();
        List<Checksum> checksums = new ArrayList<>();
        if (action == PolicyEntry.Action.DENY) {
            line.readOptions(2, Set.of("reason"), Set.of(), options, flags);
        } else {
            line.readOptions(2, ALLOW_KEYS, ALLOW_FLAGS, options, flags);
            keys.addAll(line.fingerprints());
            checksums.addAll(line.checksums());
        }

        List<Exemption> exemptions = new ArrayList<>();
        for (String flag : flags) {
            exemptions.add(exemption(line, kindOf(flag), options));
        }
        if (exemptions.isEmpty() && options.containsKey("expires")) {
            throw line.error("expires= applies only to an exemption; add unsigned, no-checksum or override-deny,"
                    + " or remove expires=");
        }
        return new PolicyEntry(action, pattern, keys, checksums, exemptions, options.get("reason"), line.number);
    }

    private static Exemption.Kind kindOf(String flag) {
        for (Exemption.Kind kind : Exemption.Kind.values()) {
            if (kind.keyword().equals(flag)) {
                return kind;
            }
        }
        throw new IllegalStateException("no exemption kind for " + flag);
    }

    private Exemption exemption(Line line, Exemption.Kind kind, Map<String, String> options) throws PolicyException {
        String reason = options.get("reason");
        if (reason == null || reason.isBlank()) {
            throw line.error(kind.keyword() + " is an exemption and needs a reason; add reason=\"why this is"
                    + " acceptable\" to the line");
        }
        LocalDate expires = null;
        if (options.containsKey("expires")) {
            try {
                expires = LocalDate.parse(options.get("expires"));
            } catch (DateTimeParseException e) {
                throw line.error("invalid expires '" + options.get("expires")
                        + "': write the last day the exemption applies as YYYY-MM-DD");
            }
        }
        return new Exemption(kind, reason, expires, line.number);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** One non-empty line, split into words, with helpers that report errors at its number. */
    private final class Line {
        private final int number;
        private final List<String> words;
        private final List<String> keyValues = new ArrayList<>();

        Line(int number, List<String> words) {
            this.number = number;
            this.words = words;
        }

        PolicyException error(String message) {
            return new PolicyException(file, number, message);
        }

        void requireArguments(int count, String usage) throws PolicyException {
            if (words.size() != count + 1) {
                throw error("expected " + usage);
            }
        }

        void requireAtLeast(int count, String usage) throws PolicyException {
            if (words.size() < count + 1) {
                throw error("expected " + usage);
            }
        }

        void readOptions(
                int from, Set<String> keys, Set<String> flagWords, Map<String, String> options, List<String> flags)
                throws PolicyException {
            for (String word : words.subList(from, words.size())) {
                int equals = word.indexOf('=');
                if (equals < 0) {
                    if (!flagWords.contains(word) && word.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                        throw error("unknown option '" + word + "'; if it is part of a fingerprint, write the"
                                + " fingerprint without spaces");
                    }
                    if (!flagWords.contains(word)) {
                        throw error("unknown option '" + word + "'; expected " + describe(keys, flagWords));
                    }
                    flags.add(word);
                    continue;
                }
                String key = word.substring(0, equals);
                String value = word.substring(equals + 1);
                if (!keys.contains(key)) {
                    throw error("unknown key '" + key + "'; expected " + describe(keys, flagWords));
                }
                if (value.isEmpty()) {
                    throw error("the value of " + key + "= is empty");
                }
                if (Set.of("key", "sha256", "sha512").contains(key)) {
                    keyValues.add(word);
                } else if (options.put(key, value) != null) {
                    throw error(key + "= is given twice; keep one");
                }
            }
        }

        List<Fingerprint> fingerprints() throws PolicyException {
            List<Fingerprint> result = new ArrayList<>();
            for (String word : keyValues) {
                if (word.startsWith("key=")) {
                    try {
                        result.add(Fingerprint.parse(word.substring(4)));
                    } catch (IllegalArgumentException e) {
                        throw error(e.getMessage());
                    }
                }
            }
            return result;
        }

        List<Checksum> checksums() throws PolicyException {
            List<Checksum> result = new ArrayList<>();
            for (String word : keyValues) {
                for (Checksum.Algorithm algorithm : Checksum.Algorithm.values()) {
                    String prefix = algorithm.key() + "=";
                    if (word.startsWith(prefix)) {
                        try {
                            result.add(Checksum.parse(algorithm, word.substring(prefix.length())));
                        } catch (IllegalArgumentException e) {
                            throw error(e.getMessage());
                        }
                    }
                }
            }
            return result;
        }

        private String describe(Set<String> keys, Set<String> flagWords) {
            List<String> names = new ArrayList<>();
            keys.stream().sorted().map(k -> k + "=").forEach(names::add);
            flagWords.stream().sorted().forEach(names::add);
            return "one of: " + String.join(", ", names);
        }
    }
}
