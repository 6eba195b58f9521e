package dev.provenance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Licenses in {@code sbom-licenses}. commons-io and slf4j-api declare none in their own POMs, so theirs come from a
 * parent two levels up: Apache-2.0 from org.apache:apache, MIT from org.slf4j:slf4j-bom.
 */
class SbomLicensesIT {

    private static final BomArtifact COMMONS_IO = BomArtifact.jar("commons-io", "commons-io", "2.20.0");
    private static final BomArtifact SLF4J = BomArtifact.jar("org.slf4j", "slf4j-api", "2.0.17");
    private static final BomArtifact ANNOTATIONS =
            BomArtifact.jar("com.fasterxml.jackson.core", "jackson-annotations", "2.21");
    private static final BomArtifact JSON = BomArtifact.jar("org.json", "json", "20250517");

    private static SampleBuild build;
    private static BomJson bom;

    @BeforeAll
    static void buildSample() {
        build = SampleBuild.of("sbom-licenses").arguments("package").succeeds();
        bom = BomJson.read(build.directory().resolve("target/bom.json"));
    }

    @Test
    void componentsAreEveryResolvedArtifact() {
        assertThat(bom.purls())
                .containsExactlyInAnyOrder(COMMONS_IO.purl(), SLF4J.purl(), ANNOTATIONS.purl(), JSON.purl());
    }

    @Test
    void grandparentLicenseIsInherited() throws Exception {
        assertThat(Files.readString(COMMONS_IO.pom())).doesNotContain("<licenses>");
        assertThat(BomJson.licenses(bom.component(COMMONS_IO))).containsExactly("id:Apache-2.0");
    }

    @Test
    void bomParentLicenseIsInherited() throws Exception {
        assertThat(Files.readString(SLF4J.pom())).doesNotContain("<licenses>");
        assertThat(BomJson.licenses(bom.component(SLF4J))).containsExactly("id:MIT");
    }

    @Test
    void aliasNameMapsToSpdxId() throws Exception {
        assertThat(Files.readString(ANNOTATIONS.pom()))
                .contains("<name>The Apache Software License, Version 2.0</name>");
        assertThat(BomJson.licenses(bom.component(ANNOTATIONS))).containsExactly("id:Apache-2.0");
    }

    @Test
    void unknownLicenseKeepsNameAndUrl() {
        assertThat(BomJson.licenses(bom.component(JSON)))
                .containsExactly("name:Public Domain url:https://github.com/stleary/JSON-java/blob/master/LICENSE");
    }

    @Test
    void outputIsValidCycloneDx() throws Exception {
        BomChecks.assertValid(build.directory());
    }
}
