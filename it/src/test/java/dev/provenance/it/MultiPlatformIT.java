package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provenance.it.RegistryIT.LocalRegistry;
import dev.provenance.it.RegistryIT.Tool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A two-platform image that Jib builds from {@code scratch} and pushes to a real registry as a Docker manifest list
 * (Jib 3.4.6 rejects an OCI index for several platforms), attested by its tag.
 */
class MultiPlatformIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    private static LocalRegistry registry;
    private static Path work;
    private static String tagged;
    private static String repository;
    private static byte[] index;
    private static String indexDigest;
    private static String jibDigest;
    private static SampleBuild attested;

    @BeforeAll
    static void pushAndAttest() throws Exception {
        registry = LocalRegistry.start();
        tagged = registry.address() + "/samples/app:1.0";
        repository = "docker://" + registry.address() + "/samples/app";
        SampleBuild pushed = SampleBuild.of("attest-image")
                .arguments(
                        "package",
                        "jib:build",
                        "-Dregistry=" + registry.address(),
                        "-Djib.from.platforms=linux/amd64,linux/arm64",
                        "-Djib.container.format=Docker")
                .succeeds();
        work = pushed.directory();
        jibDigest = Files.readString(work.resolve("target/jib-image.digest")).trim();

        Tool.Result raw = Tool.run("skopeo", "inspect", "--raw", "--tls-verify=false", repository + ":1.0");
        assertThat(raw.exitCode()).as(raw.output()).isZero();
        index = raw.output().getBytes(StandardCharsets.UTF_8);
        indexDigest = "sha256:"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(index));

        // Without Jib's files the tag is resolved in the registry, as for an image that another build pushed.
        attested = SampleBuild.in(work)
                .keepTarget()
                .environment("PROVENANCE_KEY_PASSWORD", "cosign-password")
                .arguments(
                        "provenance:attest",
                        "-Dprovenance.attest.push=true",
                        "-Dprovenance.attest.image=" + tagged,
                        "-Dprovenance.attest.digestFile=absent",
                        "-Dprovenance.attest.imageJson=absent")
                .succeeds();
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void tagIsTwoPlatformList() throws Exception {
        JsonNode list = JSON.readTree(index);

        assertThat(list.get("mediaType").asText()).isEqualTo(MANIFEST_LIST);
        assertThat(list.get("manifests")).hasSize(2);
        assertThat(list.get("manifests"))
                .extracting(entry -> entry.get("platform").get("os").asText() + "/"
                        + entry.get("platform").get("architecture").asText())
                .containsExactlyInAnyOrder("linux/amd64", "linux/arm64");
        assertThat(jibDigest).isEqualTo(indexDigest);
    }

    @Test
    void indexDigestIsSubject() throws Exception {
        assertThat(attested.log()).contains("Attesting " + tagged + "@" + indexDigest);
        for (String name : List.of("provenance", "sbom", "gate-dependencies", "gate-commits")) {
            JsonNode envelope = JSON.readTree(work.resolve("target/provenance/attestations/" + name + ".dsse.json")
                    .toFile());
            JsonNode statement = JSON.readTree(
                    Base64.getDecoder().decode(envelope.get("payload").asText()));

            assertThat(statement.get("subject")).as(name).hasSize(1);
            assertThat(statement
                            .get("subject")
                            .get(0)
                            .get("digest")
                            .get("sha256")
                            .asText())
                    .as(name)
                    .isEqualTo(indexDigest.substring("sha256:".length()));
        }
    }

    @Test
    void verifyPassesByTag() {
        SampleBuild build = verify(tagged).succeeds();

        assertThat(build.log()).contains("verify-image passed: 8 attestations of " + tagged + "@" + indexDigest);
    }

    @Test
    void verifyPassesByDigest() {
        String pinned = registry.address() + "/samples/app@" + indexDigest;

        SampleBuild build = verify(pinned).succeeds();

        assertThat(build.log()).contains("verify-image passed: 8 attestations of " + pinned);
    }

    /** skopeo finds the .att tag and the referrers tag of the index digest, and none for either platform. */
    @Test
    void skopeoSeesIndexTags() throws Exception {
        String attTag = indexDigest.replace(':', '-') + ".att";

        Tool.Result tags = Tool.run("skopeo", "list-tags", "--tls-verify=false", repository);
        Tool.Result att = Tool.run("skopeo", "inspect", "--raw", "--tls-verify=false", repository + ":" + attTag);
        Tool.Result referrers = Tool.run(
                "skopeo", "inspect", "--raw", "--tls-verify=false", repository + ":" + indexDigest.replace(':', '-'));

        assertThat(tags.exitCode()).as(tags.output()).isZero();
        List<String> platformDigests = new ArrayList<>();
        JSON.readTree(index)
                .get("manifests")
                .forEach(entry -> platformDigests.add(entry.get("digest").asText()));
        assertThat(JSON.readTree(tags.output()).get("Tags"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("1.0", attTag, indexDigest.replace(':', '-'));
        assertThat(platformDigests).hasSize(2);
        for (String platform : platformDigests) {
            Tool.Result platformAtt = Tool.run(
                    "skopeo",
                    "inspect",
                    "--raw",
                    "--tls-verify=false",
                    repository + ":" + platform.replace(':', '-') + ".att");
            assertThat(platformAtt.exitCode()).as(platformAtt.output()).isNotZero();
            assertThat(platformAtt.output()).contains("manifest unknown");
        }
        assertThat(att.exitCode()).as(att.output()).isZero();
        assertThat(JSON.readTree(att.output()).get("layers")).hasSize(4);
        assertThat(referrers.exitCode()).as(referrers.output()).isZero();
        JsonNode entries = JSON.readTree(referrers.output()).get("manifests");
        assertThat(entries).hasSize(4);
        for (JsonNode entry : entries) {
            Tool.Result referrer = Tool.run(
                    "skopeo",
                    "inspect",
                    "--raw",
                    "--tls-verify=false",
                    repository + "@" + entry.get("digest").asText());
            JsonNode subject = JSON.readTree(referrer.output()).get("subject");
            assertThat(subject.get("digest").asText()).isEqualTo(indexDigest);
            assertThat(subject.get("mediaType").asText()).isEqualTo(MANIFEST_LIST);
            assertThat(subject.get("size").asLong()).isEqualTo(index.length);
        }
    }

    /** A platform manifest carries no attestations; verify-image on it fails and points at the index. */
    @Test
    void platformDigestFails() throws Exception {
        String platform =
                JSON.readTree(index).get("manifests").get(0).get("digest").asText();
        String pinned = registry.address() + "/samples/app@" + platform;

        SampleBuild build = verify(pinned).fails();

        assertThat(build.log()).contains("verify-image failed for " + pinned);
        assertThat(build.log()).contains("no verified attestation is attached to the image (0 found)");
        assertThat(build.log())
                .contains(platform + " is a single-platform image manifest. If it is one platform of a"
                        + " multi-platform image, verify the tag or the digest of the image index instead");
    }

    private static SampleBuild verify(String image) {
        return SampleBuild.in(work)
                .keepTarget()
                .arguments(
                        "provenance:verify-image",
                        "-Dprovenance.verify.image=" + image,
                        "-Dprovenance.verify.digestFile=absent",
                        "-Dprovenance.verify.imageJson=absent");
    }
}
