package dev.provenance.openpgp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/**
 * The public keys of one or more keyring files: armored or binary, and Apache-style {@code KEYS} files where text
 * surrounds the armored blocks.
 */
public final class PublicKeys {

    /** The largest keyring file read. */
    public static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private static final Pattern ARMORED_BLOCK = Pattern.compile(
            "-----BEGIN PGP PUBLIC KEY BLOCK-----.*?-----END PGP PUBLIC KEY BLOCK-----", Pattern.DOTALL);

    private final List<PGPPublicKeyRing> rings;

    private PublicKeys(List<PGPPublicKeyRing> rings) {
        this.rings = merge(rings);
    }

    /**
     * Joins copies of one certificate from several files into one, so that a revocation or new self-signature in any
     * copy counts. Otherwise an older copy read first could hide a revocation.
     */
    private static List<PGPPublicKeyRing> merge(List<PGPPublicKeyRing> rings) {
        Map<Fingerprint, PGPPublicKeyRing> byPrimary = new LinkedHashMap<>();
        for (PGPPublicKeyRing ring : rings) {
            Fingerprint primary = Fingerprint.of(ring.getPublicKey().getFingerprint());
            PGPPublicKeyRing known = byPrimary.get(primary);
            try {
                byPrimary.put(primary, known == null ? ring : PGPPublicKeyRing.join(known, ring));
            } catch (PGPException e) {
                throw new IllegalStateException("could not join two copies of certificate " + primary, e);
            }
        }
        return List.copyOf(byPrimary.values());
    }

    /** Returns an empty set of keys. */
    public static PublicKeys empty() {
        return new PublicKeys(List.of());
    }

    /** Returns a set of the given certificates. */
    public static PublicKeys of(List<PGPPublicKeyRing> rings) {
        return new PublicKeys(rings);
    }

    /**
     * Reads keyring files, and every regular file inside keyring folders, in name order.
     *
     * @throws OpenPgpFormatException naming the file that is missing, unreadable or contains no public key
     */
    public static PublicKeys read(List<Path> paths) throws OpenPgpFormatException {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        for (Path path : paths) {
            for (Path file : filesOf(path)) {
                rings.addAll(readFile(file));
            }
        }
        return new PublicKeys(rings);
    }

    /** Returns the keyring files that {@link #read} reads for the given paths, in order. */
    public static List<Path> filesOf(Path path) throws OpenPgpFormatException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new OpenPgpFormatException("keyring " + path + " not found; create it or fix the keyring line");
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new OpenPgpFormatException("could not list keyring folder " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads one keyring file.
     *
     * @throws OpenPgpFormatException naming the file when it cannot be read or contains no public key
     */
    public static List<PGPPublicKeyRing> readFile(Path file) throws OpenPgpFormatException {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new OpenPgpFormatException("keyring " + file + " is larger than " + MAX_FILE_BYTES
                        + " bytes; split it into several files");
            }
            List<PGPPublicKeyRing> rings = parse(Files.readAllBytes(file));
            if (rings.isEmpty()) {
                throw new OpenPgpFormatException("keyring " + file + " contains no public key; export keys into it with"
                        + " `gpg --export --armor FINGERPRINT`");
            }
            return rings;
        } catch (IOException | PGPException | RuntimeException e) {
            throw new OpenPgpFormatException(
                    "keyring " + file + " is not a valid OpenPGP keyring: " + DetachedSignatures.describe(e), e);
        }
    }

    /** Parses binary key data, or every armored public key block found in text. */
    public static List<PGPPublicKeyRing> parse(byte[] bytes) throws IOException, PGPException {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        if (bytes.length > 0 && (bytes[0] & 0x80) != 0) {
            readPackets(new ByteArrayInputStream(bytes), rings);
            return rings;
        }

        // Text: read each armored block and ignore the listing around them, as in Apache KEYS files.
        Matcher block = ARMORED_BLOCK.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        while (block.find()) {
            byte[] armored = block.group().getBytes(StandardCharsets.ISO_8859_1);
            try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored))) {
                readPackets(in, rings);
            }
        }
        return rings;
    }

    private static void readPackets(InputStream in, List<PGPPublicKeyRing> rings) throws IOException, PGPException {
        PGPObjectFactory factory = new PGPObjectFactory(in, new BcKeyFingerprintCalculator());
        for (Object object = factory.nextObject(); object != null; object = factory.nextObject()) {
            if (object instanceof PGPPublicKeyRing ring) {
                rings.add(ring);
            } else if (!(object instanceof PGPMarker)) {
                throw new PGPException("found a " + object.getClass().getSimpleName()
                        + " where public keys are expected; export public keys only");
            }
        }
    }

    /** Returns the first certificate that contains a primary key or subkey with this key id. */
    public Optional<PGPPublicKeyRing> findByKeyId(long keyId) {
        return rings.stream().filter(ring -> ring.getPublicKey(keyId) != null).findFirst();
    }

    /** Returns the certificate that contains a primary key or subkey with this fingerprint. */
    public Optional<PGPPublicKeyRing> findByFingerprint(Fingerprint fingerprint) {
        return rings.stream()
                .filter(ring -> keyOf(ring, fingerprint).isPresent())
                .findFirst();
    }

    /** Returns the key of a certificate that has the fingerprint. */
    public static Optional<PGPPublicKey> keyOf(PGPPublicKeyRing ring, Fingerprint fingerprint) {
        for (Iterator<PGPPublicKey> keys = ring.getPublicKeys(); keys.hasNext(); ) {
            PGPPublicKey key = keys.next();
            if (Fingerprint.of(key.getFingerprint()).equals(fingerprint)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** Returns the number of certificates, counting copies of one certificate once. */
    public int size() {
        return rings.size();
    }
}
