package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SBOM's description of the build itself, on {@code sbom-metadata}: a project that pins every plugin of the jar
 * lifecycle, built inside a git repository that the test creates with one commit and a remote.
 */
class SbomMetadataIT {

    private static final String ROOT = "pkg:maven/dev.provenance.samples/sbom-metadata@1.0.0?type=jar";
    private static final String REMOTE = "https://git.example.org/samples/sbom-metadata.git";
    // Author and committer date of every commit the tests make, so the commit time is known.
    private static final String COMMIT_DATE = "2025-06-07T08:09:10Z";
    private static final Pattern MAVEN_VERSION = Pattern.compile("^Apache Maven (\\S+)", Pattern.MULTILINE);

    private static SampleBuild build;
    private static BomJson bom;
    private static String commit;

    @BeforeAll
    static void buildSample() throws Exception {
        build = SampleBuild.of("sbom-metadata");
        Path directory = build.directory();
        git(directory, "init", "-q");
        git(directory, "add", "pom.xml");
        git(directory, "-c", "user.name=Sample", "-c", "user.email=sample@example.org", "commit", "-q", "-m", "Add");
        git(directory, "remote", "add", "origin", REMOTE);
        commit = git(directory, "rev-parse", "HEAD").strip();

        // -V prints the Maven version that the SBOM must record.
        build.arguments("-V", "package").succeeds();
        bom = BomJson.read(directory.resolve("target/bom.json"));
    }

    @Test
    void componentIsTheProject() {
        JsonNode component = bom.metadataComponent();

        assertThat(component.path("bom-ref").asText()).isEqualTo(ROOT);
        assertThat(component.path("purl").asText()).isEqualTo(ROOT);
        assertThat(component.path("group").asText()).isEqualTo("dev.provenance.samples");
        assertThat(component.path("name").asText()).isEqualTo("sbom-metadata");
        assertThat(component.path("version").asText()).isEqualTo("1.0.0");
    }

    @Test
    void timestampIsOutputTimestamp() {
        assertThat(bom.root().path("metadata").path("timestamp").asText()).isEqualTo("2026-01-02T03:04:05Z");
    }

    @Test
    void toolsNameThePlugin() {
        List<String> tools = new ArrayList<>();
        for (JsonNode tool : bom.root().path("metadata").path("tools").path("components")) {
            tools.add(tool.path("group").asText() + ":" + tool.path("name").asText() + ":"
                    + tool.path("version").asText());
        }

        assertThat(tools).contains("dev.provenance:provenance-maven-plugin:" + SampleBuild.pluginVersion());
    }

    @Test
    void mavenVersionIsRecorded() {
        Matcher matcher = MAVEN_VERSION.matcher(build.log());
        assertThat(matcher.find()).as("Maven version line in the log").isTrue();

        assertThat(bom.metadataProperties()).containsEntry("provenance:maven:version", matcher.group(1));
    }

    @Test
    void gitCommitIsHead() {
        assertThat(bom.metadataProperties()).containsEntry("provenance:git:commit", commit);
    }

    @Test
    void gitRemoteIsOrigin() {
        assertThat(bom.metadataProperties()).containsEntry("provenance:git:remote", REMOTE);
    }

    @Test
    void gitRemoteDropsCredentials() throws Exception {
        SampleBuild withCredentials = SampleBuild.of("sbom-undeclared");
        Path directory = withCredentials.directory();
        git(directory, "init", "-q");
        git(directory, "add", "pom.xml");
        git(directory, "-c", "user.name=Sample", "-c", "user.email=sample@example.org", "commit", "-q", "-m", "Add");
        git(
                directory,
                "remote",
                "add",
                "origin",
                "https://builder:s3cret-token@git.example.org/samples/undeclared.git");

        String goal = "dev.provenance:provenance-maven-plugin:" + SampleBuild.pluginVersion() + ":sbom";
        withCredentials.arguments("validate", goal).succeeds();
        String json = Files.readString(directory.resolve("target/bom.json"));

        assertThat(BomJson.read(directory.resolve("target/bom.json")).metadataProperties())
                .containsEntry("provenance:git:remote", "https://git.example.org/samples/undeclared.git");
        assertThat(json).doesNotContain("s3cret-token");
        assertThat(Files.readString(directory.resolve("target/bom.xml"))).doesNotContain("s3cret-token");
        assertThat(withCredentials.log()).doesNotContain("s3cret-token");
    }

    @Test
    void timestampFallsBackToCommitTime() throws Exception {
        SampleBuild undated = SampleBuild.of("sbom-undeclared");
        Path directory = undated.directory();
        Path pom = directory.resolve("pom.xml");
        Files.writeString(
                pom,
                Files.readString(pom)
                        .replaceAll("(?s)\\s*<project.build.outputTimestamp>.*?</project.build.outputTimestamp>", ""));
        assertThat(Files.readString(pom)).doesNotContain("outputTimestamp");
        git(directory, "init", "-q");
        git(directory, "add", "pom.xml");
        git(directory, "-c", "user.name=Sample", "-c", "user.email=sample@example.org", "commit", "-q", "-m", "Add");

        String goal = "dev.provenance:provenance-maven-plugin:" + SampleBuild.pluginVersion() + ":sbom";
        undated.arguments("validate", goal).succeeds();
        String timestamp = BomJson.read(directory.resolve("target/bom.json"))
                .root()
                .path("metadata")
                .path("timestamp")
                .asText();

        assertThat(Instant.parse(timestamp)).isEqualTo(Instant.parse(COMMIT_DATE));
    }

    @Test
    void formulationListsEveryBuildPlugin() {
        List<String> plugins = bom.formulationPurls().stream()
                .filter(purl -> purl.endsWith("?type=maven-plugin"))
                .toList();
        assertThat(plugins)
                .containsExactlyInAnyOrder(
                        plugin("maven-clean-plugin", "3.4.1"),
                        plugin("maven-resources-plugin", "3.3.1"),
                        plugin("maven-compiler-plugin", "3.14.1"),
                        plugin("maven-surefire-plugin", "3.5.4"),
                        plugin("maven-jar-plugin", "3.4.2"),
                        plugin("maven-install-plugin", "3.1.4"),
                        plugin("maven-deploy-plugin", "3.1.4"),
                        plugin("maven-site-plugin", "3.21.0"),
                        "pkg:maven/dev.provenance/provenance-maven-plugin@" + SampleBuild.pluginVersion()
                                + "?type=maven-plugin");
    }

    @Test
    void formulationListsMaven() {
        Matcher matcher = MAVEN_VERSION.matcher(build.log());
        assertThat(matcher.find()).as("Maven version line in the log").isTrue();

        List<String> others = StreamSupport.stream(
                        bom.root()
                                .path("formulation")
                                .path(0)
                                .path("components")
                                .spliterator(),
                        false)
                .filter(component -> !component.path("purl").asText().endsWith("?type=maven-plugin"))
                .map(component -> component.path("group").asText() + ":"
                        + component.path("name").asText() + ":"
                        + component.path("version").asText())
                .toList();
        assertThat(others).containsExactly("org.apache.maven:apache-maven:" + matcher.group(1));
    }

    @Test
    void dependencyIsComplete() {
        BomArtifact slf4j = BomArtifact.jar("org.slf4j", "slf4j-api", "2.0.17");

        assertThat(bom.purls()).containsExactly(slf4j.purl());
        BomChecks.assertComponent(bom, slf4j, "required", "compile");
        assertThat(BomJson.properties(bom.component(slf4j))).isEqualTo(Map.of("provenance:maven:scope", "compile"));
    }

    @Test
    void outputIsValidCycloneDx() throws Exception {
        BomChecks.assertValid(build.directory());
    }

    private static String plugin(String artifactId, String version) {
        return "pkg:maven/org.apache.maven.plugins/" + artifactId + "@" + version + "?type=maven-plugin";
    }

    private static String git(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(arguments));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("GIT_AUTHOR_DATE", COMMIT_DATE);
        builder.environment().put("GIT_COMMITTER_DATE", COMMIT_DATE);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        assertThat(exit).as("exit code of %s: %s", command, output).isZero();
        return output;
    }
}
