package dev.provenance.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.openpgp.Fingerprint;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyParserTest {

    private static final String JACKSON_KEY = "28118C070CB22A0175A2E8D43D12CA2AC19F3181";

    @TempDir
    Path temp;

    @Test
    void validFileParses() throws Exception {
        Path file = Path.of(getClass().getResource("/policy/valid-policy.txt").toURI());

        Policy policy = PolicyParser.parse(file);

        assertThat(policy.keyrings())
                .containsExactly(file.resolveSibling("keys"), file.resolveSibling("more keys/extra.asc"));
        assertThat(policy.keyservers()).containsExactly(URI.create("hkps://keys.example.org"));
        assertThat(policy.weakHashes()).containsKey("SHA1");
        assertThat(policy.entries()).hasSize(4);
        assertThat(policy.digest()).hasSize(64);
        PolicyEntry jackson = policy.entries().get(1);
        assertThat(jackson.line()).isEqualTo(10);
        assertThat(jackson.keys()).containsExactly(new Fingerprint(JACKSON_KEY));
        assertThat(jackson.checksums()).extracting(Checksum::hex).containsExactly("a".repeat(64));
        PolicyEntry fork = policy.entries().get(3);
        assertThat(fork.reason()).isEqualTo("vendored fork \"patched\"");
        assertThat(fork.exemptions())
                .extracting(Exemption::kind)
                .containsExactly(Exemption.Kind.OVERRIDE_DENY, Exemption.Kind.UNSIGNED);
        assertThat(fork.exemptions().get(0).expires()).isEqualTo(LocalDate.of(2026, 12, 31));
    }

    @Test
    void decisionCombinesMatchingEntries() throws Exception {
        Policy policy = PolicyParser.parse(
                Path.of(getClass().getResource("/policy/valid-policy.txt").toURI()));

        PolicyDecision decision = policy.decide(
                ArtifactCoordinates.parse("com.fasterxml.jackson.core:jackson-annotations:2.21::jar"),
                LocalDate.of(2026, 12, 4));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.denied()).isFalse();
        assertThat(decision.acceptedKeys()).containsExactly(new Fingerprint(JACKSON_KEY));
        assertThat(decision.checksums()).hasSize(1);
        assertThat(decision.checksumRequired()).isFalse();
    }

    @Test
    void denyWinsOverAllow() throws Exception {
        Path file = write("allow org.apache.logging.log4j:*\ndeny org.apache.logging.log4j:log4j-core:[2.0,2.17.1)\n");

        PolicyDecision decision = PolicyParser.parse(file)
                .decide(ArtifactCoordinates.parse("org.apache.logging.log4j:log4j-core:2.14.1"), LocalDate.now());

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.denied()).isTrue();
    }

    @Test
    void expiredExemptionNoLongerApplies() throws Exception {
        Policy policy = PolicyParser.parse(
                Path.of(getClass().getResource("/policy/valid-policy.txt").toURI()));
        ArtifactCoordinates fork = ArtifactCoordinates.parse("org.apache.logging.log4j:log4j-core:2.14.1");

        PolicyDecision onLastDay = policy.decide(fork, LocalDate.of(2026, 12, 31));
        PolicyDecision dayAfter = policy.decide(fork, LocalDate.of(2027, 1, 1));

        assertThat(onLastDay.denied()).isFalse();
        assertThat(onLastDay.unsigned()).isPresent();
        assertThat(dayAfter.denied()).isTrue();
        assertThat(dayAfter.unsigned()).isEmpty();
        assertThat(dayAfter.expired()).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            permit org.example:lib                          | :1: unknown directive 'permit'; a line starts with one of
            allow org.example:lib sha1=abc                  | :1: unknown key 'sha1'; expected one of: expires=, key=, reason=, sha256=, sha512=, no-checksum
            allow org.example:lib signed                    | :1: unknown option 'signed'
            allow org.example:lib key=9CD8549ACF9BD0CE      | :1: invalid fingerprint '9CD8549ACF9BD0CE': this is a 16-digit key id
            allow org.example:lib key=CF9BD0CE              | :1: invalid fingerprint 'CF9BD0CE': this is a 8-digit key id
            allow org.example:lib key=28118C070CB22A0175    | :1: it has 18 hex digits, but a fingerprint has 40 (v4 key) or 64 (v6 key)
            allow org.example:lib key=28118C07 0CB22A01     | :1: unknown option '0CB22A01'; if it is part of a fingerprint, write the fingerprint without spaces
            allow org.example:lib key=ZZ118C070CB22A0175A2E8D43D12CA2AC19F3181 | :1: only hex digits
            allow org.example:lib sha256=abc                | :1: invalid sha256 value 'abc': expected 64 hex digits
            allow org.example:lib:[1.0                      | :1: invalid version range '[1.0'
            allow org.example:lib unsigned                  | :1: unsigned is an exemption and needs a reason
            allow org.example:lib expires=2027-01-01        | :1: expires= applies only to an exemption
            allow org.example:lib unsigned reason=x expires=31.12.2026 | :1: invalid expires '31.12.2026': write the last day
            allow org.example:lib reason="open              | :1: a quoted value is not closed
            allow                                           | :1: expected allow PATTERN
            deny org.example:lib key=28118C070CB22A0175A2E8D43D12CA2AC19F3181 | :1: unknown key 'key'; expected one of: reason=
            keyring                                         | :1: expected keyring PATH
            keyserver ftp://keys.example.org                | :1: invalid keyserver 'ftp://keys.example.org'
            allow-hash SHA256 reason=x                      | :1: invalid allow-hash 'SHA256'
            allow-hash SHA1                                 | :1: allow-hash is an exemption and needs a reason
            """)
    void invalidLineFails(String line, String message) throws Exception {
        Path file = write(line + "\n");

        assertThatThrownBy(() -> PolicyParser.parse(file))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(file.toString() + ":1: ")
                .hasMessageContaining(message.substring(4));
    }

    @Test
    void v6FingerprintParses() throws Exception {
        String v6 = "CB186C4F0609A697E4D52DFA6C722B0C1F1E27C18A56708F6525EC27BAD9ACC9";
        Path file = write("allow org.example:lib key=" + v6.toLowerCase() + " no-checksum reason=\"v6 key\"\n");

        PolicyEntry entry = PolicyParser.parse(file).entries().get(0);

        assertThat(entry.keys()).containsExactly(new Fingerprint(v6));
    }

    @Test
    void errorNamesLineNumber() throws Exception {
        Path file = write("# header\n\nallow org.example:lib\nallow org.example:other key=1234\n");

        assertThatThrownBy(() -> PolicyParser.parse(file))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(file + ":4: invalid fingerprint '1234'");
    }

    @Test
    void missingFileFails() {
        Path file = temp.resolve("missing.txt");

        assertThatThrownBy(() -> PolicyParser.parse(file))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(file + ": could not read the policy file");
    }

    private Path write(String text) throws Exception {
        return Files.writeString(temp.resolve("policy.txt"), text);
    }
}
