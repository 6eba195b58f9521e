package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** attest and verify-image without a registry: Jib writes an OCI layout tar, attest adds the attestations to it. */
class AttestLayoutIT {

    private static final String PASSWORD = "PROVENANCE_KEY_PASSWORD";

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
