package dev.provenance.it;

import static dev.provenance.it.BomJson.edge;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two classifier variants of Netty's native epoll transport in {@code sbom-classifier}, with their shared graph. */
class SbomClassifierIT {

    private static final String NETTY = "io.netty";
    private static final String VERSION = "4.2.18.Final";
    private static final BomArtifact EPOLL_X86 =
            BomArtifact.classified(NETTY, "netty-transport-native-epoll", VERSION, "linux-x86_64");
    private static final BomArtifact EPOLL_ARM =
            BomArtifact.classified(NETTY, "netty-transport-native-epoll", VERSION, "linux-aarch_64");
    private static final BomArtifact COMMON = BomArtifact.jar(NETTY, "netty-common", VERSION);
    private static final BomArtifact BUFFER = BomArtifact.jar(NETTY, "netty-buffer", VERSION);
    private static final BomArtifact TRANSPORT = BomArtifact.jar(NETTY, "netty-transport", VERSION);
    private static final BomArtifact RESOLVER = BomArtifact.jar(NETTY, "netty-resolver", VERSION);
    private static final BomArtifact UNIX_COMMON =
            BomArtifact.jar(NETTY, "netty-transport-native-unix-common", VERSION);
    private static final BomArtifact CLASSES_EPOLL = BomArtifact.jar(NETTY, "netty-transport-classes-epoll", VERSION);
    private static final List<BomArtifact> ALL =
            List.of(EPOLL_X86, EPOLL_ARM, COMMON, BUFFER, TRANSPORT, RESOLVER, UNIX_COMMON, CLASSES_EPOLL);
    private static final String ROOT = "pkg:maven/dev.provenance.samples/sbom-classifier@1.0.0?type=jar";

    private static SampleBuild build;
    private static BomJson bom;

    @BeforeAll
    static void buildSample() {
        build = SampleBuild.of("sbom-classifier").arguments("package").succeeds();
        bom = BomJson.read(build.directory().resolve("target/bom.json"));
    }

    @Test
    void purlCarriesClassifierQualifier() {
        assertThat(EPOLL_X86.purl())
                .isEqualTo("pkg:maven/io.netty/netty-transport-native-epoll@4.2.18.Final"
                        + "?classifier=linux-x86_64&type=jar");
        assertThat(bom.purls()).contains(EPOLL_X86.purl(), EPOLL_ARM.purl());
    }

    @Test
    void componentsAreEveryResolvedArtifact() {
        assertThat(bom.purls())
                .containsExactlyInAnyOrderElementsOf(
                        ALL.stream().map(BomArtifact::purl).toList());
    }

    @Test
    void eachVariantHashesItsOwnFile() {
        for (BomArtifact artifact : ALL) {
            BomChecks.assertComponent(bom, artifact, "required", "compile");
        }
    }

    @Test
    void edgesAreTheResolvedGraph() {
        assertThat(bom.edges())
                .containsExactlyInAnyOrder(
                        edge(ROOT, EPOLL_X86.purl()),
                        edge(ROOT, EPOLL_ARM.purl()),
                        edge(EPOLL_X86, COMMON),
                        edge(EPOLL_X86, BUFFER),
                        edge(EPOLL_X86, TRANSPORT),
                        edge(EPOLL_X86, UNIX_COMMON),
                        edge(EPOLL_X86, CLASSES_EPOLL),
                        edge(EPOLL_ARM, COMMON),
                        edge(EPOLL_ARM, BUFFER),
                        edge(EPOLL_ARM, TRANSPORT),
                        edge(EPOLL_ARM, UNIX_COMMON),
                        edge(EPOLL_ARM, CLASSES_EPOLL),
                        edge(BUFFER, COMMON),
                        edge(TRANSPORT, COMMON),
                        edge(TRANSPORT, BUFFER),
                        edge(TRANSPORT, RESOLVER),
                        edge(RESOLVER, COMMON),
                        edge(UNIX_COMMON, COMMON),
                        edge(UNIX_COMMON, BUFFER),
                        edge(UNIX_COMMON, TRANSPORT),
                        edge(CLASSES_EPOLL, COMMON),
                        edge(CLASSES_EPOLL, BUFFER),
                        edge(CLASSES_EPOLL, TRANSPORT),
                        edge(CLASSES_EPOLL, UNIX_COMMON));
        BomChecks.assertGraphClosed(bom);
    }

    @Test
    void outputIsValidCycloneDx() throws Exception {
        BomChecks.assertValid(build.directory());
    }
}
