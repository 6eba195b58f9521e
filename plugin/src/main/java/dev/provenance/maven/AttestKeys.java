package dev.provenance.maven;

import dev.provenance.signing.KeyException;
import dev.provenance.signing.PrivateKeyReader;
import dev.provenance.signing.SigningKey;
import java.io.File;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** Loads the signing key with its password from the environment or settings.xml, never from a parameter. */
final class AttestKeys {

    private AttestKeys() {}

    /**
     * Reads {@code keyFile}. The password comes from the environment variable {@code environmentVariable} when it is
     * set, else from the password of the settings.xml server {@code serverId}, else there is none.
     */
    static SigningKey load(
            File keyFile,
            String environmentVariable,
            String serverId,
            Settings settings,
            SettingsDecrypter decrypter,
            Map<String, String> environment,
            String notBefore,
            String notAfter)
            throws MojoExecutionException, KeyException {
        if (keyFile == null) {
            throw new MojoExecutionException("no signing key: set <keyFile> (property provenance.attest.keyFile) to a"
                    + " PKCS#8 PEM or cosign private key file");
        }
        char[] password = password(environmentVariable, serverId, settings, decrypter, environment);
        try {
            return PrivateKeyReader.read(keyFile.toPath(), password)
                    .withValidity(instant(notBefore, "keyNotBefore", false), instant(notAfter, "keyNotAfter", true));
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static char[] password(
            String environmentVariable,
            String serverId,
            Settings settings,
            SettingsDecrypter decrypter,
            Map<String, String> environment)
            throws MojoExecutionException {
        if (environmentVariable != null && !environmentVariable.isBlank()) {
            String value = environment.get(environmentVariable);
            if (value != null) {
                return value.toCharArray();
            }
        }
        if (serverId == null || serverId.isBlank()) {
            return null;
        }
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            throw new MojoExecutionException("keyPasswordServerId is '" + serverId + "' but settings.xml has no"
                    + " <server> with that id; add one whose <password> is the key's password");
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new MojoExecutionException("could not decrypt the password of the settings.xml server '"
                        + serverId + "': " + problem.getMessage());
            }
        }
        String value = result.getServer().getPassword();
        return value == null ? null : value.toCharArray();
    }

    /** Parses an ISO-8601 instant or date; a date means its start, or its end for {@code endOfDay}. */
    static Optional<Instant> instant(String value, String parameter, boolean endOfDay) throws MojoExecutionException {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            if (value.length() == 10) {
                LocalDate date = LocalDate.parse(value);
                return Optional.of((endOfDay ? date.plusDays(1) : date)
                        .atStartOfDay()
                        .toInstant(ZoneOffset.UTC)
                        .minusNanos(endOfDay ? 1 : 0));
            }
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw new MojoExecutionException("invalid " + parameter + " '" + value
                    + "': expected an ISO-8601 date such as 2027-06-30 or an instant such as 2027-06-30T12:00:00Z");
        }
    }
}
