package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Records a policy for a consumer of signed and unsigned libraries, then checks the build against it. */
class RecordPolicyIT {

    private static final String GROUP = "dev.provenance.its.policy";
    private static final String MARKER =
            "# Recorded by provenance:record-policy. Review each entry; move one above this line to edit it by hand.";

    private static GpgKeys gpg;
    private static Path repository;
    private static Path keyring;
    private static String key;

    @BeforeAll
    static void deployLibraries() throws IOException {
        Path work = Files.createDirectories(Path.of(System.getProperty("provenance.workDirectory")));
        Path home = Files.createTempDirectory(work, "record-policy-gnupg");
        repository = home.resolve("repository");
        gpg = GpgKeys.create();
        CheckDependenciesIT.deleteTree(SampleBuild.localRepository().resolve(GROUP.replace('.', '/')));
        key = gpg.generateKey("Recorded <recorded@example.org>", null, "sign", "never");
        Path wrappers = home.resolve("wrappers");
        gpg.wrapper(wrappers.resolve("plain.sh"));

        // The producer signs every module with the one key; only the unsigned module stays unsigned.
        SampleBuild.of("check-dependencies-producer")
                .arguments(
                        "deploy",
                        "-Dmaven.install.skip=true",
                        "-DaltDeploymentRepository=its::" + repository.toUri(),
                        "-Dgpg.home=" + gpg.home(),
                        "-Dgpg.wrappers=" + wrappers,
                        "-Dkey.signed=" + key,
                        "-Dkey.subkey=" + key,
                        "-Dkey.expiring=" + key,
                        "-Dkey.late=" + key,
                        "-Dkey.revoked=" + key,
                        "-Dkey.dated=" + key,
                        "-pl",
                        ".,unsigned,wrapper")
                .succeeds();
        keyring = gpg.export(home.resolve("keys.asc"), key);
    }

    @AfterAll
    static void stopAgent() {
        gpg.close();
    }

    @Test
    void recordedPolicyPassesCheck() throws IOException {
        SampleBuild build = consumer("keyring keys.asc\n")
                .arguments("provenance:record-policy")
                .succeeds();

        Path policy = build.directory().resolve("provenance-policy.txt");
        List<String> lines = Files.readAllLines(policy);
        assertThat(lines).contains(MARKER);
        assertThat(lines.subList(lines.indexOf(MARKER) + 1, lines.size()))
                .containsExactly(
                        entry("producer:1.0::pom", "producer-1.0.pom", true),
                        entry("unsigned:1.0::jar", "unsigned-1.0.jar", false),
                        entry("unsigned:1.0::pom", "unsigned-1.0.pom", false),
                        entry("wrapper:1.0::jar", "wrapper-1.0.jar", true),
                        entry("wrapper:1.0::pom", "wrapper-1.0.pom", true));
        assertThat(build.log()).contains("Recorded 5 entries for 5 artifacts in " + policy);
        assertThat(build.log()).doesNotContain("carry an unsigned exemption");

        // The signer's key is in the keyring, so the recorded policy accepts the build with its signatures checked.
        SampleBuild checked = rerun(build, "validate");
        assertThat(checked.log()).contains("Checked 5 artifacts against the policy");
    }

    @Test
    void keyMissingFromKeyringsIsRecordedWithExemption() throws IOException {
        SampleBuild build = consumer(null).arguments("provenance:record-policy").succeeds();

        Path policy = build.directory().resolve("provenance-policy.txt");
        List<String> lines = Files.readAllLines(policy);
        String reason = " unsigned reason=\"signed by key " + key + ", which no keyring contains; add the publisher's"
                + " key to a keyring, then delete this line and run record-policy again\"";
        assertThat(lines.subList(lines.indexOf(MARKER) + 1, lines.size()))
                .containsExactly(
                        entry("producer:1.0::pom", "producer-1.0.pom", false).replaceAll(" unsigned .*", reason),
                        entry("unsigned:1.0::jar", "unsigned-1.0.jar", false),
                        entry("unsigned:1.0::pom", "unsigned-1.0.pom", false),
                        entry("wrapper:1.0::jar", "wrapper-1.0.jar", false).replaceAll(" unsigned .*", reason),
                        entry("wrapper:1.0::pom", "wrapper-1.0.pom", false).replaceAll(" unsigned .*", reason));
        assertThat(build.log())
                .contains("[WARNING] 3 of the recorded entries carry an unsigned exemption because no keyring contains"
                        + " the key that signed the artifact");

        // The build accepts the recorded policy without the key.
        SampleBuild checked = rerun(build, "validate");
        assertThat(checked.log()).contains("Checked 5 artifacts against the policy");
    }

    @Test
    void handWrittenLinesAreKept() throws IOException {
        String handWritten = "# Reviewed by the platform team.\n"
                + "keyring keys.asc   # the publisher's key\n"
                + "\n"
                + "allow " + GROUP + ":producer:1.0::pom key=" + key + " no-checksum reason=\"parent POM\"\n";
        SampleBuild build =
                consumer(handWritten).arguments("provenance:record-policy").succeeds();

        Path policy = build.directory().resolve("provenance-policy.txt");
        String text = Files.readString(policy);
        assertThat(text).startsWith(handWritten + "\n" + MARKER + "\n");
        assertThat(text.lines().count()).isEqualTo(handWritten.lines().count() + 6);
        assertThat(text).doesNotContain(GROUP + ":producer:1.0::pom key=" + key + " sha256=");

        // A second run finds nothing to add and leaves the file as it is.
        SampleBuild again = rerun(build, "provenance:record-policy");
        assertThat(again.log()).contains("Policy " + policy + " already accepts all 5 artifacts");
        assertThat(Files.readString(policy)).isEqualTo(text);
    }

    @Test
    void keyIdOnlySignatureIsRecordedWithExemption() throws IOException {
        // jsr305 3.0.2 on Maven Central is signed by a key that the signature names only by its key id.
        SampleBuild build = SampleBuild.of("record-policy-key-id");
        Path policy = build.directory().resolve("provenance-policy.txt");
        Files.writeString(policy, "# Keys are added after review.\n");

        build.arguments("provenance:record-policy", "-Dprovenance.checkPlugins=false")
                .succeeds();

        assertThat(Files.readAllLines(policy))
                .contains("allow com.google.code.findbugs:jsr305:3.0.2::jar"
                        + " sha256=766ad2a0783f2687962c8ad74ceecc38a28b9f72a2d085ee438b7813e928d0c7 unsigned"
                        + " reason=\"signed by key id 59A252FB1199D873, which no keyring contains; add the publisher's key"
                        + " to a keyring, then delete this line and run record-policy again\"");
        assertThat(build.log())
                .containsPattern("\\[WARNING\\] \\d+ of the recorded entries carry an unsigned exemption because no"
                        + " keyring contains the key that signed the artifact");

        // The build accepts the recorded policy as it is.
        SampleBuild checked = SampleBuild.in(build.directory())
                .arguments("validate", "-Dprovenance.checkPlugins=false")
                .succeeds();
        assertThat(checked.log()).containsPattern("Checked \\d+ artifacts against the policy .*: 0 violations");
    }

    @Test
    void skipLogsReason() {
        SampleBuild build = consumer(null)
                .arguments("provenance:record-policy", "-Dprovenance.recordPolicy.skip=true")
                .succeeds();

        assertThat(build.log()).contains("Skipping record-policy: provenance.recordPolicy.skip is true");
        assertThat(build.directory().resolve("provenance-policy.txt")).doesNotExist();
    }

    private static String entry(String coordinates, String file, boolean signed) {
        String artifactId = coordinates.substring(0, coordinates.indexOf(':'));
        Path path = repository
                .resolve(GROUP.replace('.', '/'))
                .resolve(artifactId)
                .resolve("1.0")
                .resolve(file);
        try {
            return "allow " + GROUP + ":" + coordinates + (signed ? " key=" + key : "") + " sha256="
                    + CheckDependenciesIT.sha256(path)
                    + (signed ? "" : " unsigned reason=\"no signature when recorded on " + LocalDate.now() + "\"");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Copies the consumer of the wrapper library, with the given policy text or none. */
    private static SampleBuild consumer(String policy) {
        SampleBuild build = SampleBuild.of("check-dependencies-consumer");
        try {
            Files.deleteIfExists(build.directory().resolve("provenance-policy.txt"));
            if (policy != null) {
                Files.writeString(build.directory().resolve("provenance-policy.txt"), policy);
                Files.copy(keyring, build.directory().resolve("keys.asc"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return build.arguments(commonArguments());
    }

    private static SampleBuild rerun(SampleBuild build, String goal) {
        return SampleBuild.in(build.directory())
                .arguments(commonArguments())
                .arguments(goal)
                .succeeds();
    }

    private static String[] commonArguments() {
        return new String[] {
            "-Dits.repository=" + repository.toUri(), "-Ddependency=wrapper", "-Dprovenance.checkPlugins=false"
        };
    }
}
