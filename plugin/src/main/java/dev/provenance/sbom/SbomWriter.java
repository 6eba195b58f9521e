package dev.provenance.sbom;

import dev.provenance.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;

/**
 * Serializes an SBOM as CycloneDX JSON and XML, validates both against the CycloneDX schema, then writes them
 * atomically. The output is byte-for-byte reproducible: the serial number is derived from the content and line
 * endings are LF on every platform.
 */
public final class SbomWriter {

    /** Namespace of the name-based serial numbers, so they never collide with UUIDs derived for other purposes. */
    private static final UUID SERIAL_NAMESPACE = UUID.fromString("6b1f3a44-6a2f-4a1e-9d55-0f5c1e9b7a10");

    private final Version version;

    public SbomWriter(Version version) {
        this.version = version;
    }

    /** The serialized SBOM. */
    public record Serialized(String serialNumber, byte[] json, byte[] xml) {}

    /**
     * Sets the serial number of {@code bom}, serializes it in both formats and validates both.
     *
     * @throws InvalidSbomException when either document fails schema validation
     */
    public Serialized serialize(Bom bom) throws InvalidSbomException, IOException {
        bom.setSerialNumber(null);
        String serialNumber = "urn:uuid:" + nameBasedUuid(SERIAL_NAMESPACE, toJson(bom));
        bom.setSerialNumber(serialNumber);

        // JSON and XML are independent, so each is serialized and validated on its own thread.
        CompletableFuture<byte[]> xml = BackgroundTasks.supply(() -> {
            byte[] document = withLf(toXml(bom));
            validateXml(document);
            return document;
        });
        byte[] json = withLf(toJson(bom));
        validateJson(json);
        try {
            return new Serialized(serialNumber, json, xml.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof InvalidSbomException invalid) {
                throw invalid;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    /** Serializes and validates {@code bom}, then writes the JSON and XML files atomically. */
    public Serialized write(Bom bom, Path jsonFile, Path xmlFile) throws InvalidSbomException, IOException {
        Serialized serialized = serialize(bom);
        AtomicFiles.write(jsonFile, serialized.json());
        AtomicFiles.write(xmlFile, serialized.xml());
        return serialized;
    }

    private String toJson(Bom bom) throws IOException {
        try {
            return BomGeneratorFactory.createJson(version, bom).toJsonString();
        } catch (GeneratorException e) {
            throw new IOException(
                    "could not serialize the SBOM as CycloneDX " + version.getVersionString() + " JSON", e);
        }
    }

    private String toXml(Bom bom) throws IOException {
        try {
            return BomGeneratorFactory.createXml(version, bom).toXmlString();
        } catch (GeneratorException e) {
            throw new IOException(
                    "could not serialize the SBOM as CycloneDX " + version.getVersionString() + " XML", e);
        }
    }

    private void validateJson(byte[] json) throws InvalidSbomException, IOException {
        List<ParseException> jsonFindings = new SchemaPreloader.PreloadedJsonParser().validate(json, version);
        if (!jsonFindings.isEmpty()) {
            throw new InvalidSbomException(
                    "JSON", jsonFindings.stream().map(Throwable::getMessage).toList());
        }
    }

    private void validateXml(byte[] xml) throws InvalidSbomException, IOException {
        List<ParseException> xmlFindings = new SchemaPreloader.PreloadedXmlParser().validate(xml, version);
        if (!xmlFindings.isEmpty()) {
            throw new InvalidSbomException(
                    "XML", xmlFindings.stream().map(Throwable::getMessage).toList());
        }
    }

    /** Converts line endings to LF and makes the document end with one. */
    private static byte[] withLf(String document) {
        String text = document.replace("\r\n", "\n").replace('\r', '\n');
        if (!text.endsWith("\n")) {
            text = text + "\n";
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the version 5 (name-based, SHA-1) UUID of {@code name} in {@code namespace}, as RFC 9562 defines. */
    static UUID nameBasedUuid(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
        sha1.update(toBytes(namespace));
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = (most << 8) | (hash[i] & 0xff);
            least = (least << 8) | (hash[i + 8] & 0xff);
        }
        return new UUID(most, least);
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] bytes = new byte[16];
        long most = uuid.getMostSignificantBits();
        long least = uuid.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (most >>> (56 - 8 * i));
            bytes[i + 8] = (byte) (least >>> (56 - 8 * i));
        }
        return bytes;
    }
}
