package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** attest and verify-image without a registry: Jib writes an OCI layout tar, attest adds the attestations to it. */
class AttestLayoutIT {

    private static final String PASSWORD = "PROVENANCE_KEY_PASSWORD";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void layoutAttestationsVerify() throws Exception {
        SampleBuild build = SampleBuild.of("attest-image")
                .environment(PASSWORD, "cosign-password")
                .arguments(
                        "package",
                        "jib:buildTar",
                        "provenance:attest",
                        "provenance:verify-image",
                        "-Dprovenance.verify.layout=target/provenance/oci")
                .succeeds();

        Path target = build.directory().resolve("target");
        String digest = Files.readString(target.resolve("jib-image.digest"), StandardCharsets.UTF_8)
                .trim();
        assertThat(build.log()).contains("Signing with key sha256:");
        assertThat(build.log()).contains("Attached 4 attestations to 127.0.0.1:5000/samples/app:1.0@" + digest);
        assertThat(build.log())
                .contains("verify-image passed: 8 attestations of 127.0.0.1:5000/samples/app:1.0@" + digest);
        assertThat(target.resolve("provenance/attestations/provenance.dsse.json"))
                .isRegularFile();
        assertThat(target.resolve("provenance/attestations/gate-commits.dsse.json"))
                .isRegularFile();
        assertThat(target.resolve("provenance/oci/oci-layout")).isRegularFile();
        assertThat(build.log()).doesNotContain("cosign-password");
    }

    /** The provenance names the git commit of the sample and the dependency with the SHA-256 of its file. */
    @Test
    void provenanceRecordsSourceAndDependencies() throws Exception {
        SampleBuild build = SampleBuild.of("attest-image");
        String commit = commitSample(build.directory());
        build.environment(PASSWORD, "cosign-password")
                .arguments("package", "jib:buildTar", "provenance:attest")
                .succeeds();

        JsonNode envelope = JSON.readTree(build.directory()
                .resolve("target/provenance/attestations/provenance.dsse.json")
                .toFile());
        JsonNode statement =
                JSON.readTree(Base64.getDecoder().decode(envelope.get("payload").asText()));
        JsonNode dependencies =
                statement.get("predicate").get("buildDefinition").get("resolvedDependencies");
        Path slf4j = SampleBuild.artifactFile("org.slf4j", "slf4j-api", "2.0.16", null, "jar");
        String slf4jSha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(slf4j)));
        assertThat(dependencies.get(0).get("uri").asText())
                .startsWith("git+file://")
                .endsWith("@refs/heads/main");
        assertThat(dependencies.get(0).get("digest").get("gitCommit").asText()).isEqualTo(commit);
        assertThat(dependencies.get(1).get("uri").asText()).isEqualTo("pkg:maven/org.slf4j/slf4j-api@2.0.16?type=jar");
        assertThat(dependencies.get(1).get("digest").get("sha256").asText()).isEqualTo(slf4jSha256);
        assertThat(statement.get("subject").get(0).get("digest").get("sha256").asText())
                .isEqualTo(Files.readString(build.directory().resolve("target/jib-image.digest"))
                        .trim()
                        .substring(7));
    }

    /** Makes the sample copy a git repository of its own with one commit and returns the commit id. */
    private static String commitSample(Path directory) throws Exception {
        git(directory, "init", "-q", "-b", "main");
        git(directory, "add", "-A");
        git(directory, "-c", "user.name=Sample", "-c", "user.email=sample@example.com", "commit", "-q", "-m", "Sample");
        return git(directory, "rev-parse", "HEAD").trim();
    }

    private static String git(Path directory, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(arguments));
        RegistryIT.Tool.Result result = RegistryIT.Tool.run(command.toArray(String[]::new));
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output();
    }

    /** skopeo, not this project, reads the layout: the image and cosign's .att manifest are both there. */
    @Test
    void skopeoReadsLayout() throws Exception {
        SampleBuild build = SampleBuild.of("attest-image")
                .environment(PASSWORD, "cosign-password")
                .arguments("package", "jib:buildTar", "provenance:attest")
                .succeeds();
        Path layout = build.directory().resolve("target/provenance/oci");
        String digest = Files.readString(build.directory().resolve("target/jib-image.digest"))
                .trim();
        String attTag = digest.replace(':', '-') + ".att";

        RegistryIT.Tool.Result inspect =
                RegistryIT.Tool.run("skopeo", "inspect", "--raw", "oci:" + layout + ":" + attTag);

        assertThat(inspect.exitCode()).as(inspect.output()).isZero();
        assertThat(inspect.output()).contains("application/vnd.dsse.envelope.v1+json");
        assertThat(inspect.output()).contains("\"predicateType\":\"https://slsa.dev/provenance/v1\"");
    }

    @Test
    void keyPasswordFromSettingsServer() throws Exception {
        SampleBuild build = SampleBuild.of("attest-image");
        Path settings = Files.writeString(build.directory().resolve("settings.xml"), """
                <settings>
                  <servers>
                    <server>
                      <id>attestation-key</id>
                      <password>cosign-password</password>
                    </server>
                  </servers>
                </settings>
                """);

        build.arguments(
                        "-s",
                        settings.toString(),
                        "package",
                        "jib:buildTar",
                        "provenance:attest",
                        "-Dprovenance.attest.keyPasswordServerId=attestation-key")
                .succeeds();

        assertThat(build.log()).contains("Attached 4 attestations to");
        assertThat(build.log()).doesNotContain("cosign-password");
    }

    @Test
    void wrongKeyFailsVerification() {
        SampleBuild build = SampleBuild.of("attest-image")
                .environment(PASSWORD, "cosign-password")
                .arguments(
                        "package",
                        "jib:buildTar",
                        "provenance:attest",
                        "provenance:verify-image",
                        "-Dprovenance.verify.layout=target/provenance/oci",
                        "-Dprovenance.verify.publicKeys=keys/other.pub")
                .fails();

        assertThat(build.errorLines()).anyMatch(line -> line.contains("verify-image failed for"));
        assertThat(build.log()).contains("the signature does not verify with any trusted key");
    }

    @Test
    void wrongPasswordFailsAttest() {
        SampleBuild build = SampleBuild.of("attest-image")
                .environment(PASSWORD, "not-the-password")
                .arguments("package", "jib:buildTar", "provenance:attest")
                .fails();

        assertThat(build.errorLines())
                .anyMatch(line -> line.contains("keys/cosign.key: the password is wrong or the file is corrupt"));
        assertThat(build.log()).doesNotContain("not-the-password");
    }

    @Test
    void expiredKeyFailsAttest() {
        SampleBuild build = SampleBuild.of("attest-image")
                .environment(PASSWORD, "cosign-password")
                .arguments("package", "jib:buildTar", "provenance:attest", "-Dprovenance.attest.keyNotAfter=2020-12-31")
                .fails();

        assertThat(build.errorLines()).anyMatch(line -> line.contains("expired at 2020-12-31T23:59:59.999999999Z"));
    }

    @Test
    void missingRequiredReportFailsAttest() {
        SampleBuild build = SampleBuild.of("attest-image")
                .environment(PASSWORD, "cosign-password")
                .arguments(
                        "package",
                        "jib:buildTar",
                        "provenance:attest",
                        "-Dprovenance.attest.commitsReport=reports/absent.json")
                .fails();

        assertThat(build.errorLines())
                .anyMatch(line -> line.contains("the commits report")
                        && line.contains("absent.json does not exist; run the check-commits goal before attest"));
    }

    @Test
    void missingGateFailsVerification() {
        SampleBuild build = SampleBuild.of("attest-image")
                .environment(PASSWORD, "cosign-password")
                .arguments(
                        "package",
                        "jib:buildTar",
                        "provenance:attest",
                        "provenance:verify-image",
                        "-Dprovenance.attest.require=sbom,dependencies",
                        "-Dprovenance.attest.commitsReport=reports/absent.json",
                        "-Dprovenance.verify.layout=target/provenance/oci")
                .fails();

        assertThat(build.log()).contains("cosign .att tag: no verified verification summary for the commits gate");
        assertThat(build.log())
                .contains("Sigstore bundle referrer: no verified verification summary for the commits gate");
    }

    @Test
    void skipIsLogged() {
        SampleBuild build = SampleBuild.of("attest-image")
                .arguments(
                        "provenance:attest",
                        "provenance:verify-image",
                        "-Dprovenance.attest.skip",
                        "-Dprovenance.verify.skip")
                .succeeds();

        assertThat(build.log()).contains("Skipping attest: provenance.attest.skip is true");
        assertThat(build.log()).contains("Skipping verify-image: provenance.verify.skip is true");
    }
}
