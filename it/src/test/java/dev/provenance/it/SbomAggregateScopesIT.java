package dev.provenance.it;

import static dev.provenance.it.BomJson.edge;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sbom-aggregate-scopes}: web uses commons-lang3 in tests only and commons-io 2.20.0, batch uses commons-lang3
 * at compile time and commons-io 2.19.0. Neither module depends on the other.
 */
class SbomAggregateScopesIT {

    private static final String ROOT = "pkg:maven/dev.provenance.samples/sbom-aggregate-scopes@1.0.0?type=pom";
    private static final BomArtifact WEB = BomArtifact.jar("dev.provenance.samples", "web", "1.0.0");
    private static final BomArtifact BATCH = BomArtifact.jar("dev.provenance.samples", "batch", "1.0.0");
    private static final BomArtifact LANG = BomArtifact.jar("org.apache.commons", "commons-lang3", "3.18.0");
    private static final BomArtifact IO_NEW = BomArtifact.jar("commons-io", "commons-io", "2.20.0");
    private static final BomArtifact IO_OLD = BomArtifact.jar("commons-io", "commons-io", "2.19.0");

    private static SampleBuild build;
    private static BomJson aggregate;

    @BeforeAll
    static void buildSample() {
        build = SampleBuild.of("sbom-aggregate-scopes").arguments("package").succeeds();
        aggregate = BomJson.read(build.directory().resolve("target/bom-aggregate.json"));
    }

    @Test
    void moduleBomsKeepTheirScopes() {
        BomJson web = BomJson.read(build.directory().resolve("web/target/bom.json"));
        BomJson batch = BomJson.read(build.directory().resolve("batch/target/bom.json"));

        BomChecks.assertComponent(web, LANG, "excluded", "test");
        BomChecks.assertComponent(batch, LANG, "required", "compile");
    }

    @Test
    void widestScopeWinsInAggregate() {
        BomChecks.assertComponent(aggregate, LANG, "required", "compile");
    }

    @Test
    void bothVersionsAreComponents() {
        assertThat(aggregate.purls())
                .containsExactlyInAnyOrder(WEB.purl(), BATCH.purl(), LANG.purl(), IO_NEW.purl(), IO_OLD.purl());
        BomChecks.assertComponent(aggregate, IO_NEW, "required", "compile");
        BomChecks.assertComponent(aggregate, IO_OLD, "required", "compile");
    }

    @Test
    void eachModuleKeepsItsEdges() {
        assertThat(aggregate.edges())
                .containsExactlyInAnyOrder(
                        edge(ROOT, WEB.purl()),
                        edge(ROOT, BATCH.purl()),
                        edge(WEB, LANG),
                        edge(WEB, IO_NEW),
                        edge(BATCH, LANG),
                        edge(BATCH, IO_OLD));
        BomChecks.assertGraphClosed(aggregate);
    }
}
