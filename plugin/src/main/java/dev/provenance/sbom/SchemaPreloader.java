package dev.provenance.sbom;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.transform.stream.StreamSource;
import org.cyclonedx.Version;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.parsers.JsonParser;
import org.cyclonedx.parsers.XmlParser;
import org.cyclonedx.util.LicenseResolver;
import org.xml.sax.SAXException;

/**
 * Pays the one-time costs of cyclonedx-core-java on background threads: compiling the JSON and XML schemas, loading
 * the serializers and reading the SPDX license list. Called when the goal starts, these costs then overlap with graph
 * collection and hashing instead of adding to them; in a cold JVM they are most of the time an SBOM takes.
 *
 * <p>The compiled schemas are kept for the life of the JVM and {@link SbomWriter} validates with them, so each
 * schema is compiled once per JVM rather than once for preloading and again for every validation. cyclonedx-core-java
 * 12.2.0 compiles them anew on every {@code validate} call.
 */
public final class SchemaPreloader {

    private static final Map<Version, Schemas> STARTED = new ConcurrentHashMap<>();

    private SchemaPreloader() {}

    /** The schemas of one CycloneDX version, compiled in the background. */
    private record Schemas(
            CompletableFuture<javax.xml.validation.Schema> xml, CompletableFuture<com.networknt.schema.Schema> json) {}

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

    /** Returns the compiled XML schema of {@code version}, waiting for it when it is still being compiled. */
    static javax.xml.validation.Schema xmlSchema(Version version) throws SAXException {
        start(version);
        try {
            return STARTED.get(version).xml().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SAXException invalid) {
                throw invalid;
            }
            throw e;
        }
    }

    /** Returns the loaded JSON schema of {@code version}, waiting for it when it is still being loaded. */
    static com.networknt.schema.Schema jsonSchema(Version version) throws IOException {
        start(version);
        try {
            return STARTED.get(version).json().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException unreadable) {
                throw unreadable;
            }
            throw e;
        }
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

    private static Schemas load(Version version) {
        Bom bom = new Bom();
        Component component = new Component();
        component.setType(Component.Type.LIBRARY);
        component.setName("preload");
        bom.setComponents(List.of(component));

        // Each task compiles its schema first, then serializes and validates a one-component SBOM with it, which
        // loads the serializer and validator classes that the real SBOM needs.
        CompletableFuture<com.networknt.schema.Schema> json = BackgroundTasks.supply(() -> {
            LicenseResolver.resolve("Apache-2.0", false);
            com.networknt.schema.Schema schema = new JsonParser().getJsonSchema(version, new ObjectMapper());
            warmQuietly(() -> schema.validate(new ObjectMapper()
                    .readTree(BomGeneratorFactory.createJson(version, bom).toJsonString())));
            return schema;
        });
        CompletableFuture<javax.xml.validation.Schema> xml = BackgroundTasks.supply(() -> {
            javax.xml.validation.Schema schema = new XmlParser().getXmlSchema(version);
            warmQuietly(() -> {
                String document = BomGeneratorFactory.createXml(version, bom).toXmlString();
                schema.newValidator().validate(new StreamSource(new StringReader(document)));
                return null;
            });
            return schema;
        });
        return new Schemas(xml, json);
    }

    /** An {@link XmlParser} that validates with the schema compiled for this JVM instead of compiling it again. */
    static final class PreloadedXmlParser extends XmlParser {

        @Override
        public javax.xml.validation.Schema getXmlSchema(Version version) throws SAXException {
            return xmlSchema(version);
        }
    }

    /**
     * A {@link JsonParser} that validates with the schema loaded for this JVM instead of loading it again. The schema
     * was loaded with a default {@link ObjectMapper}, which is also what {@code JsonParser} passes.
     */
    static final class PreloadedJsonParser extends JsonParser {

        @Override
        public com.networknt.schema.Schema getJsonSchema(Version version, ObjectMapper mapper) throws IOException {
            return jsonSchema(version);
        }
    }

    private interface Warmup {
        Object run() throws Exception;
    }

    /** Runs a serialization and validation only to load classes, so the result does not matter. */
    private static void warmQuietly(Warmup warmup) {
        try {
            warmup.run();
        } catch (Exception | LinkageError e) {
            // The real validation meets the same problem and reports it.
        }
    }
}
