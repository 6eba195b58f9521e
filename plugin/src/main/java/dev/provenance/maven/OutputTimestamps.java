package dev.provenance.maven;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses {@code project.build.outputTimestamp} as the Maven archiver reads it. */
final class OutputTimestamps {

    private OutputTimestamps() {}

    /**
     * Returns the instant {@code value} names: a number is seconds since the epoch, anything else longer than one
     * character is an ISO-8601 date and time with offset. Empty when the value is missing or a single character,
     * which projects use to turn reproducible timestamps off.
     *
     * @throws IllegalArgumentException when the value is neither form
     */
    static Optional<Instant> parse(String value) {
        if (value == null || value.trim().length() < 2) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        if (trimmed.chars().allMatch(Character::isDigit)) {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(trimmed)));
        }
        try {
            return Optional.of(OffsetDateTime.parse(trimmed).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value
                    + "' is neither seconds since the epoch nor an ISO-8601 date and time with offset, such as"
                    + " 2026-01-31T12:00:00Z");
        }
    }
}
