package dev.provenance.oci;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an uncompressed tar of an OCI image layout, such as {@code jib:buildTar} writes with
 * {@code <format>OCI</format>}, and copies its blobs and index entries into a {@link LayoutStore}.
 *
 * <p>Only regular files of the POSIX ustar format are read (POSIX.1-2017, pax "ustar Interchange Format"); pax extended
 * headers are skipped, so names must fit the ustar name and prefix fields, which OCI blob paths do.
 */
public final class ImageTar {

    private static final int BLOCK = 512;

    private ImageTar() {}

    /**
     * Copies the image layout in {@code tar} into {@code layout}.
     *
     * @return the index entries of the imported layout
     * @throws IOException when the tar is not an OCI image layout
     */
    public static java.util.List<Descriptor> importInto(Path tar, LayoutStore layout) throws IOException {
        Map<String, byte[]> files = read(tar);
        if (!files.containsKey("oci-layout") || !files.containsKey("index.json")) {
            throw new IOException(tar + " is not an OCI image layout tar (it has no oci-layout or index.json);"
                    + " build it with jib:buildTar and <container><format>OCI</format></container>");
        }
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (file.getKey().startsWith("blobs/sha256/")) {
                Digest expected = new Digest(file.getKey().substring("blobs/sha256/".length()));
                if (!Digest.of(file.getValue()).equals(expected)) {
                    throw new IOException(tar + " is corrupt: " + file.getKey() + " does not match its digest");
                }
                layout.putBlob(file.getValue());
            }
        }
        var entries = AttestationManifests.indexEntries(Manifest.json(files.get("index.json")), tar + "!index.json");
        for (Descriptor entry : entries) {
            layout.tag(entry.withAnnotations(Map.of()), entry.annotations().get(MediaTypes.ANNOTATION_REF_NAME));
        }
        return entries;
    }

    /** Returns the regular files of a tar by normalized name. */
    static Map<String, byte[]> read(Path tar) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(tar)) {
            byte[] header = new byte[BLOCK];
            while (readFully(in, header) && !allZero(header)) {
                String name = field(header, 345, 155).isEmpty()
                        ? field(header, 0, 100)
                        : field(header, 345, 155) + "/" + field(header, 0, 100);
                long size = Long.parseLong(
                        field(header, 124, 12).trim().isEmpty()
                                ? "0"
                                : field(header, 124, 12).trim(),
                        8);
                byte type = header[156];
                byte[] content = in.readNBytes((int) size);
                if (content.length != size) {
                    throw new IOException(tar + " is truncated inside " + name);
                }
                in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
                if (type == '0' || type == 0) {
                    files.put(normalize(name), content);
                }
            }
        } catch (NumberFormatException e) {
            throw new IOException(tar + " is not a tar file: invalid header", e);
        }
        return files;
    }

    private static String normalize(String name) {
        String normalized = name.startsWith("./") ? name.substring(2) : name;
        return normalized.startsWith("/") ? normalized.substring(1) : normalized;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int read = in.readNBytes(buffer, 0, buffer.length);
        return read == buffer.length;
    }

    private static boolean allZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
