package dev.provenance.sbom;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.cyclonedx.Version;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;
import org.cyclonedx.util.LicenseResolver;

/**
 * Pays the one-time costs of cyclonedx-core-java on background threads: loading the JSON and XML schemas and the
 * serializers, and reading the SPDX license list. Called when the goal starts, these costs then overlap with graph
 * collection and hashing instead of adding to them; in a cold JVM they are most of the time an SBOM takes.
 */
public final class SchemaPreloader {

    private static final Map<Version, CompletableFuture<Void>> STARTED = new ConcurrentHashMap<>();

    private SchemaPreloader() {}

    /**
     * The logger through which the JSON schema validator warns about each annotation keyword of the CycloneDX schema
     * it does not know ({@code meta:enum}, {@code deprecated}). The keywords only annotate the schema, so the
     * warnings are not about the SBOM.
     */
    private static final String UNKNOWN_KEYWORD_LOGGER = "com.networknt.schema.keyword.UnknownKeywordFactory";

    /** Starts loading everything that writing and validating an SBOM of {@code version} needs, once per JVM. */
    public static void start(Version version) {
        silenceUnknownKeywordWarnings();
        STARTED.computeIfAbsent(version, SchemaPreloader::load);
    }

    /**
     * Lowers the level of {@link #UNKNOWN_KEYWORD_LOGGER} to errors in Maven's SLF4J simple logger, which reads
     * per-logger levels from system properties when a logger is first created. A level the user set is kept.
     */
    private static void silenceUnknownKeywordWarnings() {
        String property = "org.slf4j.simpleLogger.log." + UNKNOWN_KEYWORD_LOGGER;
        if (System.getProperty(property) == null) {
            System.setProperty(property, "error");
        }
    }

    private static CompletableFuture<Void> load(Version version) {
        Bom bom = new Bom();
        Component component = new Component();
        component.setType(Component.Type.LIBRARY);
        component.setName("preload");
        bom.setComponents(List.of(component));

        CompletableFuture<Object> json = BackgroundTasks.supply(() -> {
            LicenseResolver.resolve("Apache-2.0", false);
            return validateQuietly(() -> new JsonParser()
                    .validate(BomGeneratorFactory.createJson(version, bom).toJsonString(), version));
        });
        CompletableFuture<Object> xml = BackgroundTasks.supply(() -> validateQuietly(() -> new XmlParser()
                .validate(
                        BomGeneratorFactory.createXml(version, bom)
                                .toXmlString()
                                .getBytes(),
                        version)));
        return CompletableFuture.allOf(json, xml);
    }

    private interface Validation {
        Object run() throws Exception;
    }

    /** Runs a validation only for its side effect of loading classes and schemas; the result does not matter. */
    private static Object validateQuietly(Validation validation) {
        try {
            return validation.run();
        } catch (Exception | LinkageError e) {
            // The real validation reports any problem; preloading only saves time.
            return null;
        }
    }
}
