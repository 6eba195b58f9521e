package dev.provenance.it;

import static dev.provenance.it.BomJson.edge;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cyclonedx.Version;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sbom-multi-module} is a reactor of core (commons-lang3) and app (core and slf4j-api), built with
 * {@code mvn package}, so app resolves core from {@code core/target}, never from the local repository.
 */
class SbomMultiModuleIT {

    private static final String SAMPLES = "dev.provenance.samples";
    private static final String ROOT = "pkg:maven/dev.provenance.samples/sbom-multi-module@1.0.0?type=pom";
    private static final BomArtifact CORE = BomArtifact.jar(SAMPLES, "core", "1.0.0");
    private static final BomArtifact APP = BomArtifact.jar(SAMPLES, "app", "1.0.0");
    private static final BomArtifact LANG = BomArtifact.jar("org.apache.commons", "commons-lang3", "3.18.0");
    private static final BomArtifact SLF4J = BomArtifact.jar("org.slf4j", "slf4j-api", "2.0.17");
    private static final List<String> OUTPUTS = List.of(
            "target/bom.json",
            "target/bom.xml",
            "target/bom-aggregate.json",
            "target/bom-aggregate.xml",
            "core/target/bom.json",
            "core/target/bom.xml",
            "app/target/bom.json",
            "app/target/bom.xml");

    private static final Pattern AGGREGATE_SUMMARY = Pattern.compile("aggregate SBOM of (\\d+) modules");

    private static SampleBuild build;
    private static BomJson aggregate;
    private static BomJson appBom;
    private static BomJson coreBom;
    private static Path coreJar;
    private static Path appJar;

    @BeforeAll
    static void buildSample() {
        build = SampleBuild.of("sbom-multi-module").arguments("package").succeeds();
        aggregate = BomJson.read(build.directory().resolve("target/bom-aggregate.json"));
        appBom = BomJson.read(build.directory().resolve("app/target/bom.json"));
        coreBom = BomJson.read(build.directory().resolve("core/target/bom.json"));
        coreJar = build.directory().resolve("core/target/core-1.0.0.jar");
        appJar = build.directory().resolve("app/target/app-1.0.0.jar");
    }

    @Test
    void everyModuleWritesItsOwn() {
        for (String output : OUTPUTS) {
            assertThat(build.directory().resolve(output)).as(output).isRegularFile();
        }
        assertThat(build.directory().resolve("core/target/bom-aggregate.json")).doesNotExist();
        assertThat(build.directory().resolve("app/target/bom-aggregate.json")).doesNotExist();
    }

    @Test
    void coreBomIsItsOwnGraph() {
        assertThat(coreBom.rootRef()).isEqualTo(CORE.purl());
        assertThat(coreBom.purls()).containsExactly(LANG.purl());
        assertThat(coreBom.edges()).containsExactly(edge(CORE, LANG));
        BomChecks.assertComponent(coreBom, LANG, "required", "compile");
    }

    @Test
    void appBomHasSiblingAsFirstParty() {
        assertThat(appBom.rootRef()).isEqualTo(APP.purl());
        assertThat(appBom.purls()).containsExactlyInAnyOrder(CORE.purl(), LANG.purl(), SLF4J.purl());
        assertThat(appBom.edges()).containsExactlyInAnyOrder(edge(APP, CORE), edge(APP, SLF4J), edge(CORE, LANG));
        assertThat(BomJson.properties(appBom.component(CORE))).containsEntry("provenance:maven:reactorModule", "true");
        assertThat(BomJson.properties(appBom.component(SLF4J))).doesNotContainKey("provenance:maven:reactorModule");
    }

    @Test
    void siblingHashesItsBuiltJar() {
        BomChecks.assertComponent(appBom, CORE, coreJar, "required", "compile");
    }

    @Test
    void aggregateCoversAllModules() {
        assertThat(aggregate.rootRef()).isEqualTo(ROOT);
        assertThat(aggregate.purls()).containsExactlyInAnyOrder(CORE.purl(), APP.purl(), LANG.purl(), SLF4J.purl());
    }

    @Test
    void aggregateEdgesStartAtRoot() {
        assertThat(aggregate.edges())
                .containsExactlyInAnyOrder(
                        edge(ROOT, CORE.purl()),
                        edge(ROOT, APP.purl()),
                        edge(APP, CORE),
                        edge(APP, SLF4J),
                        edge(CORE, LANG));
        BomChecks.assertGraphClosed(aggregate);
    }

    @Test
    void aggregateMarksModulesFirstParty() {
        assertThat(BomJson.properties(aggregate.component(CORE)))
                .containsEntry("provenance:maven:reactorModule", "true");
        assertThat(BomJson.properties(aggregate.component(APP)))
                .containsEntry("provenance:maven:reactorModule", "true");
        assertThat(BomJson.properties(aggregate.component(LANG))).doesNotContainKey("provenance:maven:reactorModule");
    }

    @Test
    void aggregateHashesEveryModuleJar() {
        assertThat(BomJson.hashes(aggregate.component(CORE)))
                .as("hashes of core")
                .containsExactlyInAnyOrderEntriesOf(digests(coreJar));
        assertThat(BomJson.hashes(aggregate.component(APP)))
                .as("hashes of app")
                .containsExactlyInAnyOrderEntriesOf(digests(appJar));
    }

    @Test
    void aggregateHashesDependencies() {
        BomChecks.assertComponent(aggregate, LANG, "required", "compile");
        BomChecks.assertComponent(aggregate, SLF4J, "required", "compile");
    }

    @Test
    void outputsAreValidCycloneDx() throws Exception {
        Path root = build.directory();
        BomChecks.assertValid(root);
        BomChecks.assertValid(root.resolve("core"));
        BomChecks.assertValid(root.resolve("app"));
        BomChecks.assertValid(
                root.resolve("target/bom-aggregate.json"),
                root.resolve("target/bom-aggregate.xml"),
                Version.VERSION_16);
    }

    @Test
    void parallelBuildWritesSameBytes() throws Exception {
        SampleBuild parallel = SampleBuild.of("sbom-multi-module")
                .arguments("package", "-T", "4")
                .succeeds();

        for (String output : OUTPUTS) {
            assertThat(Files.readAllBytes(parallel.directory().resolve(output)))
                    .as(output)
                    .isEqualTo(Files.readAllBytes(build.directory().resolve(output)));
        }
    }

    @Test
    void declaredAndCommandLineRunsAgree() throws Exception {
        String goal = "dev.provenance:provenance-maven-plugin:" + SampleBuild.pluginVersion() + ":sbom";
        // The goal runs twice per module: the execution the POM declares, then the one named on the command line.
        SampleBuild twice =
                SampleBuild.of("sbom-multi-module").arguments("package", goal).succeeds();

        for (String output : OUTPUTS) {
            assertThat(Files.readAllBytes(twice.directory().resolve(output)))
                    .as(output)
                    .isEqualTo(Files.readAllBytes(build.directory().resolve(output)));
        }
        Matcher summary = AGGREGATE_SUMMARY.matcher(twice.log());
        assertThat(summary.find()).as("aggregate summary line in the log").isTrue();
        assertThat(summary.group(1))
                .as("modules counted in %s", summary.group())
                .isEqualTo("3");
    }

    private static Map<String, String> digests(Path file) {
        return Map.of("SHA-256", BomChecks.digest(file, "SHA-256"), "SHA-512", BomChecks.digest(file, "SHA-512"));
    }
}
