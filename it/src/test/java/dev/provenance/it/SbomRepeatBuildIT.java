package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A second build of the same {@code sbom-optional} copy, which may keep the SBOM it wrote before only while neither
 * the inputs nor the output files changed.
 */
class SbomRepeatBuildIT {

    private static final String UP_TO_DATE = "SBOM is up to date";
    private static final String COMMIT = "provenance:git:commit";
    private static final String REMOTE = "provenance:git:remote";
    private static final String NOT_RESOLVED = "so the dependencies were not resolved";
    private static final String INSTALLED_GROUP = "dev.provenance.samples.installed";
    private static final String LOCAL_GROUP = "dev.provenance.samples.local";
    private static final String CORE = "pkg:maven/dev.provenance.samples/core@1.0.0?type=jar";
    private static final String MIT_LICENSE =
            "  <licenses>\n    <license>\n      <name>MIT License</name>\n    </license>\n  </licenses>\n";
    private static final String LANG3_3_17 =
            BomArtifact.jar("org.apache.commons", "commons-lang3", "3.17.0").purl();

    @Test
    void unchangedBuildKeepsSbom() throws Exception {
        SampleBuild build = SampleBuild.of("sbom-optional").arguments("package").succeeds();
        Path json = build.directory().resolve("target/bom.json");
        byte[] first = Files.readAllBytes(json);

        build.keepTarget().succeeds();

        assertThat(build.log()).contains(UP_TO_DATE);
        assertThat(Files.readAllBytes(json)).isEqualTo(first);
    }

    @Test
    void unchangedBuildSkipsResolution() throws Exception {
        SampleBuild build = SampleBuild.of("sbom-optional").arguments("package").succeeds();
        Path json = build.directory().resolve("target/bom.json");
        byte[] first = Files.readAllBytes(json);

        build.arguments("-X").keepTarget().succeeds();

        assertThat(build.log()).contains(UP_TO_DATE).contains(NOT_RESOLVED);
        assertThat(Files.readAllBytes(json)).isEqualTo(first);
    }

    @Test
    void touchedPomInLocalRepositoryResolvesOnce() throws Exception {
        SampleBuild build = SampleBuild.of("sbom-optional").arguments("package").succeeds();
        Path record = build.directory().resolve("target/provenance/bom.inputs");
        Path pom = Files.readAllLines(record).stream()
                .filter(line -> line.startsWith("resolution-file ") && line.endsWith(".pom"))
                .map(line -> Path.of(line.substring("resolution-file ".length())))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no POM among the resolution files of " + record));
        FileTime modified = Files.getLastModifiedTime(pom);
        try {
            Files.setLastModifiedTime(pom, FileTime.fromMillis(modified.toMillis() + 60_000));

            build.arguments("-X").keepTarget().succeeds();
            assertThat(build.log()).contains(UP_TO_DATE).doesNotContain(NOT_RESOLVED);

            build.succeeds();
            assertThat(build.log()).contains(UP_TO_DATE).contains(NOT_RESOLVED);
        } finally {
            Files.setLastModifiedTime(pom, modified);
        }
    }

    @Test
    void versionRangeResolvesEveryBuild() throws Exception {
        SampleBuild build =
                SampleBuild.of("sbom-version-range").arguments("package").succeeds();

        build.arguments("-X").keepTarget().succeeds();

        assertThat(build.log()).contains(UP_TO_DATE).doesNotContain(NOT_RESOLVED);
        assertThat(Files.readAllLines(build.directory().resolve("target/provenance/bom.inputs")))
                .noneMatch(line -> line.startsWith("resolution"));
    }

    @Test
    void versionManagedInParentRewritesModules() throws Exception {
        SampleBuild build =
                SampleBuild.of("sbom-multi-module").arguments("package").succeeds();
        Path parent = build.directory().resolve("pom.xml");
        Files.writeString(
                parent,
                Files.readString(parent)
                        .replace(
                                "  <build>",
                                "  <dependencyManagement><dependencies><dependency>"
                                        + "<groupId>org.apache.commons</groupId>"
                                        + "<artifactId>commons-lang3</artifactId><version>3.17.0</version>"
                                        + "</dependency></dependencies></dependencyManagement>\n  <build>"));

        build.keepTarget().succeeds();

        // The app module's own POM is unchanged, so the managed version reaches it through its parent.
        assertThat(appPurls(build)).contains(LANG3_3_17);
    }

    @Test
    void changedSiblingModuleRewritesDependentModule() throws Exception {
        // Without packaging, app resolves core to core/target/classes, which a change of core's POM leaves as it is.
        SampleBuild build = SampleBuild.of("sbom-multi-module")
                .arguments("compile", sbomGoal())
                .succeeds();
        Path core = build.directory().resolve("core/pom.xml");
        Files.writeString(
                core, Files.readString(core).replace("<version>3.18.0</version>", "<version>3.17.0</version>"));

        build.keepTarget().succeeds();

        assertThat(appPurls(build)).contains(LANG3_3_17);
    }

    @Test
    void moduleFromLaterPhaseRewritesDependent() throws Exception {
        // After compile, app resolves core to core/target/classes. After package, it resolves core to the jar, which
        // has hashes.
        SampleBuild build = SampleBuild.of("sbom-multi-module")
                .arguments("compile", sbomGoal())
                .succeeds();
        Path directory = build.directory();

        SampleBuild.in(directory).arguments("package").keepTarget().succeeds();

        BomJson app = BomJson.read(directory.resolve("app/target/bom.json"));
        assertThat(BomJson.hashes(app.component(BomArtifact.jar("dev.provenance.samples", "core", "1.0.0"))))
                .containsEntry("SHA-256", BomChecks.digest(directory.resolve("core/target/core-1.0.0.jar"), "SHA-256"));
    }

    @Test
    void snapshotReactorModulesSkipResolution() throws Exception {
        SampleBuild build = SampleBuild.of("sbom-multi-module");
        for (String pom : List.of("pom.xml", "core/pom.xml", "app/pom.xml")) {
            Path file = build.directory().resolve(pom);
            Files.writeString(
                    file,
                    Files.readString(file).replace("<version>1.0.0</version>", "<version>1.0.0-SNAPSHOT</version>"));
        }
        build.arguments("package").succeeds();

        build.arguments("-X").keepTarget().succeeds();

        // Each of the three modules keeps its SBOM without resolving, app with its snapshot sibling core included.
        assertThat(build.log().lines().filter(line -> line.startsWith("[INFO] " + UP_TO_DATE)))
                .hasSize(3);
        assertThat(build.log().lines().filter(line -> line.contains(NOT_RESOLVED)))
                .hasSize(3);
    }

    @Test
    void changedSiblingLicenseRewritesDependentModule() throws Exception {
        // app takes core's licenses from core's POM, but resolves core to core/target/classes, which stays as it is.
        SampleBuild build = SampleBuild.of("sbom-multi-module");
        initCheckout(build.directory());
        build.arguments("compile", sbomGoal()).succeeds();
        Path core = build.directory().resolve("core/pom.xml");
        Files.writeString(core, Files.readString(core).replace("  <dependencies>", MIT_LICENSE + "  <dependencies>"));

        build.keepTarget().succeeds();

        assertThat(BomJson.licenses(BomJson.read(build.directory().resolve("app/target/bom.json"))
                        .component(CORE)))
                .containsExactly("id:MIT");
    }

    @Test
    void fullBuildAfterPlMarksReactorModule() throws Exception {
        // A group of its own keeps the installed modules away from other tests' copies of the sample.
        SampleBuild build = SampleBuild.of("sbom-multi-module");
        for (String module : List.of("pom.xml", "core/pom.xml", "app/pom.xml")) {
            Path pom = build.directory().resolve(module);
            Files.writeString(pom, Files.readString(pom).replace("dev.provenance.samples", INSTALLED_GROUP));
        }
        initCheckout(build.directory());
        build.arguments("install").succeeds();

        // With -pl app, app resolves core from the local repository, so core is not a module of this build.
        SampleBuild.in(build.directory()).arguments("package", "-pl", "app").succeeds();
        SampleBuild.in(build.directory()).arguments("package").keepTarget().succeeds();

        JsonNode core = BomJson.read(build.directory().resolve("app/target/bom.json"))
                .component("pkg:maven/" + INSTALLED_GROUP + "/core@1.0.0?type=jar");
        assertThat(BomJson.properties(core)).containsEntry("provenance:maven:reactorModule", "true");
    }

    @Test
    void reinstalledDependencyParentResolvesAgain() throws Exception {
        // child's parent POM manages the version of leaf. The parent is read while resolving child, but it is neither
        // a resolved artifact nor the POM of one.
        installLocalPom("leaf", "1.0", null, "");
        installLocalPom("leaf", "2.0", null, "");
        installLocalPom("parent", "1.0", null, managedLeaf("1.0"));
        installLocalPom(
                "child",
                "1.0",
                "parent",
                "  <dependencies>\n    <dependency>\n      <groupId>" + LOCAL_GROUP + "</groupId>\n"
                        + "      <artifactId>leaf</artifactId>\n      <type>pom</type>\n    </dependency>\n"
                        + "  </dependencies>\n");
        SampleBuild build = SampleBuild.of("sbom-dependency-parent");
        initCheckout(build.directory());
        build.arguments("package").succeeds();
        assertThat(BomJson.read(build.directory().resolve("target/bom.json")).purls())
                .contains(localPurl("leaf", "1.0"));

        // Installed again under the same version, as mvn install does, which gives it a new modification time.
        installLocalPom("parent", "1.0", null, managedLeaf("2.0"));
        build.keepTarget().succeeds();

        assertThat(BomJson.read(build.directory().resolve("target/bom.json")).purls())
                .contains(localPurl("leaf", "2.0"))
                .doesNotContain(localPurl("leaf", "1.0"));
    }

    @Test
    void environmentProfileInDependencyRewrites() throws Exception {
        // child's own POM adds leaf in a profile that an environment variable turns on.
        installLocalPom("leaf", "2.0", null, "");
        installLocalPom(
                "child",
                "1.0",
                null,
                "  <profiles>\n    <profile>\n      <id>flag</id>\n      <activation>\n        <property>\n"
                        + "          <name>env.PROVENANCE_IT_FLAG</name>\n        </property>\n      </activation>\n"
                        + "      <dependencies>\n        <dependency>\n          <groupId>" + LOCAL_GROUP
                        + "</groupId>\n          <artifactId>leaf</artifactId>\n          <version>2.0</version>\n"
                        + "          <type>pom</type>\n        </dependency>\n      </dependencies>\n"
                        + "    </profile>\n  </profiles>\n");
        // Both builds set an environment variable, so that Maven starts the same way for both.
        SampleBuild build = SampleBuild.of("sbom-dependency-parent").environment("PROVENANCE_IT_OTHER", "on");
        initCheckout(build.directory());
        build.arguments("package").succeeds();
        assertThat(BomJson.read(build.directory().resolve("target/bom.json")).purls())
                .doesNotContain(localPurl("leaf", "2.0"));
        build.keepTarget().succeeds();
        assertThat(build.log()).contains(UP_TO_DATE);

        build.environment("PROVENANCE_IT_FLAG", "on").succeeds();

        assertThat(BomJson.read(build.directory().resolve("target/bom.json")).purls())
                .contains(localPurl("leaf", "2.0"));
    }

    @Test
    void editedOutputIsWrittenAgain() throws Exception {
        SampleBuild build = SampleBuild.of("sbom-optional").arguments("package").succeeds();
        Path xml = build.directory().resolve("target/bom.xml");
        byte[] first = Files.readAllBytes(xml);
        Files.writeString(xml, Files.readString(xml).replace("commons-codec", "commons-kodek"));

        build.keepTarget().succeeds();

        assertThat(build.log()).doesNotContain(UP_TO_DATE);
        assertThat(Files.readAllBytes(xml)).isEqualTo(first);
    }

    @Test
    void changedDependencyIsWrittenAgain() throws Exception {
        SampleBuild build = SampleBuild.of("sbom-optional").arguments("package").succeeds();
        Path pom = build.directory().resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("<version>1.19.0</version>", "<version>1.18.0</version>"));

        build.keepTarget().succeeds();

        assertThat(build.log()).doesNotContain(UP_TO_DATE);
        assertThat(BomJson.read(build.directory().resolve("target/bom.json")).purls())
                .containsExactlyInAnyOrder(
                        BomArtifact.jar("commons-codec", "commons-codec", "1.18.0")
                                .purl(),
                        BomArtifact.jar("commons-logging", "commons-logging", "1.3.5")
                                .purl());
    }

    @Test
    void changedOptionIsWrittenAgain() {
        SampleBuild build = SampleBuild.of("sbom-optional").arguments("package").succeeds();

        build.arguments("-Dprovenance.sbom.schemaVersion=1.5").keepTarget().succeeds();

        assertThat(build.log()).doesNotContain(UP_TO_DATE);
        assertThat(BomJson.read(build.directory().resolve("target/bom.json")).specVersion())
                .isEqualTo("1.5");
    }

    @Test
    void unchangedReactorKeepsAggregate() throws Exception {
        SampleBuild build =
                SampleBuild.of("sbom-multi-module").arguments("package").succeeds();
        Path aggregate = build.directory().resolve("target/bom-aggregate.json");
        byte[] first = Files.readAllBytes(aggregate);

        build.keepTarget().succeeds();

        assertThat(build.log()).contains("Aggregate SBOM is up to date");
        assertThat(Files.readAllBytes(aggregate)).isEqualTo(first);
    }

    @Test
    void changedOptionRewritesAggregate() throws Exception {
        SampleBuild build =
                SampleBuild.of("sbom-multi-module").arguments("package").succeeds();

        build.arguments("-Dprovenance.sbom.includeTestAndProvided=false")
                .keepTarget()
                .succeeds();

        assertThat(build.log()).doesNotContain("Aggregate SBOM is up to date");
        assertThat(build.log()).contains("Wrote aggregate SBOM");
    }

    @Test
    void newCommitIsWrittenAgain() throws Exception {
        SampleBuild build = SampleBuild.of("sbom-optional");
        Path directory = build.directory();
        git(directory, "init", "-q");
        Files.writeString(directory.resolve(".gitignore"), "target/\n");
        commitAll(directory, "Add the project");
        build.arguments("package").succeeds();
        build.keepTarget().succeeds();
        assertThat(build.log()).contains(UP_TO_DATE);

        Files.writeString(directory.resolve("NOTES.txt"), "A second commit\n");
        commitAll(directory, "Add notes");
        String head = git(directory, "rev-parse", "HEAD").strip();
        build.keepTarget().succeeds();

        assertThat(build.log()).doesNotContain(UP_TO_DATE);
        assertThat(BomJson.read(directory.resolve("target/bom.json")).metadataProperties())
                .containsEntry(COMMIT, head);
    }

    @Test
    void changedRemoteIsWrittenAgain() throws Exception {
        SampleBuild build = SampleBuild.of("sbom-optional");
        Path directory = build.directory();
        git(directory, "init", "-q");
        Files.writeString(directory.resolve(".gitignore"), "target/\n");
        commitAll(directory, "Add the project");
        git(directory, "remote", "add", "origin", "https://git.example.org/samples/first.git");
        build.arguments("package").succeeds();

        git(directory, "remote", "set-url", "origin", "https://git.example.org/samples/second.git");
        build.keepTarget().succeeds();

        assertThat(build.log()).doesNotContain(UP_TO_DATE);
        assertThat(BomJson.read(directory.resolve("target/bom.json")).metadataProperties())
                .containsEntry(REMOTE, "https://git.example.org/samples/second.git");
    }

    /**
     * Writes a POM of {@link #LOCAL_GROUP} into the local repository, as installing it would, and returns its path.
     *
     * @param parent the artifactId of its parent in the same group, version 1.0, or null for none
     */
    private static Path installLocalPom(String artifactId, String version, String parent, String body)
            throws IOException {
        Path pom = SampleBuild.localRepository()
                .resolve(LOCAL_GROUP.replace('.', '/'))
                .resolve(artifactId)
                .resolve(version)
                .resolve(artifactId + "-" + version + ".pom");
        Files.createDirectories(pom.getParent());
        String parentSection = parent == null
                ? ""
                : "  <parent>\n    <groupId>" + LOCAL_GROUP + "</groupId>\n    <artifactId>" + parent
                        + "</artifactId>\n    <version>1.0</version>\n  </parent>\n";
        Files.writeString(
                pom,
                "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n  <modelVersion>4.0.0</modelVersion>\n"
                        + parentSection + "  <groupId>" + LOCAL_GROUP + "</groupId>\n  <artifactId>" + artifactId
                        + "</artifactId>\n  <version>" + version + "</version>\n  <packaging>pom</packaging>\n"
                        + body + "</project>\n");
        return pom;
    }

    private static String managedLeaf(String version) {
        return "  <dependencyManagement>\n    <dependencies>\n      <dependency>\n        <groupId>" + LOCAL_GROUP
                + "</groupId>\n        <artifactId>leaf</artifactId>\n        <version>" + version
                + "</version>\n        <type>pom</type>\n      </dependency>\n    </dependencies>\n"
                + "  </dependencyManagement>\n";
    }

    private static String localPurl(String artifactId, String version) {
        return "pkg:maven/" + LOCAL_GROUP + "/" + artifactId + "@" + version + "?type=pom";
    }

    /** Returns the package URLs in the SBOM of the app module of a {@code sbom-multi-module} copy. */
    private static Set<String> appPurls(SampleBuild build) {
        return BomJson.read(build.directory().resolve("app/target/bom.json")).purls();
    }

    private static String sbomGoal() {
        return "dev.provenance:provenance-maven-plugin:" + SampleBuild.pluginVersion() + ":sbom";
    }

    /** Makes {@code directory} a git checkout with one commit, which the check without resolution needs. */
    private static void initCheckout(Path directory) throws Exception {
        git(directory, "init", "-q");
        Files.writeString(directory.resolve(".gitignore"), "target/\nlog.txt\n");
        commitAll(directory, "Add the project");
    }

    private static void commitAll(Path directory, String message) throws Exception {
        git(directory, "add", "-A", ".");
        git(directory, "-c", "user.name=Sample", "-c", "user.email=sample@example.org", "commit", "-q", "-m", message);
    }

    private static String git(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        assertThat(exit).as("exit code of %s: %s", command, output).isZero();
        return output;
    }
}
