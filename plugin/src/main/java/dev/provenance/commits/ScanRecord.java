package dev.provenance.commits;

import dev.provenance.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The record of a passing scan, kept next to its report so that a repeat build with the same inputs can reuse the
 * result instead of reading the history again.
 *
 * <p>The file contains a digest of the scan's inputs, the SHA-256 of the report it wrote, and the summary and warnings it
 * logged. A scan is reused only when the inputs digest is equal and the report is still the file that the scan wrote.
 * Only passing scans are recorded: a failing build scans again, so its message always comes from a fresh scan.
 */
public final class ScanRecord {

    private static final String FORMAT = "provenance check-commits record 1";

    private ScanRecord() {}

    /** A reused scan: the lines to log again. */
    public record Reused(String summary, List<String> warnings) {}

    /** Returns the SHA-256, as hex, of the lines that describe a scan's inputs. */
    public static String inputsDigest(List<String> lines) {
        return sha256(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns what to log for a recorded scan whose inputs digest is {@code inputs} and whose report is still
     * {@code report}, or empty when there is no such record.
     *
     * @throws IOException when the record or the report exists but cannot be read
     */
    public static Optional<Reused> reuse(Path record, String inputs, Path report) throws IOException {
        if (!Files.isRegularFile(record) || !Files.isRegularFile(report)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(record, StandardCharsets.UTF_8);
        if (lines.size() < 4
                || !lines.get(0).equals(FORMAT)
                || !lines.get(1).equals("inputs " + inputs)
                || !lines.get(2).equals("report " + sha256(Files.readAllBytes(report)))
                || !lines.get(3).startsWith("summary ")) {
            return Optional.empty();
        }
        List<String> warnings = new ArrayList<>();
        for (String line : lines.subList(4, lines.size())) {
            if (!line.startsWith("warning ")) {
                return Optional.empty();
            }
            warnings.add(unescape(line.substring("warning ".length())));
        }
        return Optional.of(new Reused(unescape(lines.get(3).substring("summary ".length())), List.copyOf(warnings)));
    }

    /** Writes the record of a passing scan, after its report. */
    public static void write(Path record, String inputs, Path report, String summary, List<String> warnings)
            throws IOException {
        StringBuilder text = new StringBuilder();
        text.append(FORMAT).append('\n');
        text.append("inputs ").append(inputs).append('\n');
        text.append("report ").append(sha256(Files.readAllBytes(report))).append('\n');
        text.append("summary ").append(escape(summary)).append('\n');
        for (String warning : warnings) {
            text.append("warning ").append(escape(warning)).append('\n');
        }
        AtomicFiles.write(record, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Removes the record, so that a scan that was not recorded is never mistaken for one that was. */
    public static void delete(Path record) throws IOException {
        Files.deleteIfExists(record);
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n");
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(
                        switch (next) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            default -> next;
                        });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
