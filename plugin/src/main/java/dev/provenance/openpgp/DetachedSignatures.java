package dev.provenance.openpgp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/**
 * Reads the signatures of a detached signature file ({@code .asc}): armored or binary, one or several signatures, and
 * signatures inside compressed packets.
 */
public final class DetachedSignatures {

    /** The largest signature file read; real ones are a few kilobytes even with several signatures. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;

    /** The maximum size that one compressed packet may expand to. */
    static final int MAX_EXPANDED_BYTES = 4 * 1024 * 1024;

    private static final int MAX_NESTING = 8;

    private static final Pattern ARMORED_BLOCK =
            Pattern.compile("-----BEGIN PGP (SIGNATURE|MESSAGE)-----.*?-----END PGP \\1-----", Pattern.DOTALL);

    private DetachedSignatures() {}

    /**
     * Reads all signatures of a file.
     *
     * @throws OpenPgpFormatException when the file is too large, is not OpenPGP data, is truncated, contains packets
     *     other than signatures, or contains no signature
     */
    public static List<PGPSignature> read(Path file) throws OpenPgpFormatException {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new OpenPgpFormatException("the signature file " + file.getFileName() + " has "
                        + Files.size(file) + " bytes, more than the limit of " + MAX_FILE_BYTES
                        + "; a detached signature is a few kilobytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new OpenPgpFormatException("could not read " + file + ": " + e.getMessage(), e);
        }
        return read(bytes);
    }

    /** Reads all signatures of the bytes of a signature file; see {@link #read(Path)}. */
    public static List<PGPSignature> read(byte[] bytes) throws OpenPgpFormatException {
        if (bytes.length > MAX_FILE_BYTES) {
            throw new OpenPgpFormatException(
                    "the signature data has " + bytes.length + " bytes, more than the limit of " + MAX_FILE_BYTES);
        }
        List<PGPSignature> signatures = new ArrayList<>();
        try {
            for (byte[] block : blocks(bytes)) {
                try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(block))) {
                    collect(in, signatures, 0);
                }
            }
        } catch (BoundedInputStream.LimitExceededException e) {
            throw new OpenPgpFormatException(
                    "the signature expands to more than " + MAX_EXPANDED_BYTES
                            + " bytes; it is not a detached signature",
                    e);
        } catch (IOException | PGPException | RuntimeException e) {
            // BouncyCastle reports truncated or corrupt packets with several exception types, runtime ones included.
            throw new OpenPgpFormatException("not a valid OpenPGP signature: " + describe(e), e);
        }
        if (signatures.isEmpty()) {
            throw new OpenPgpFormatException("no OpenPGP signature found; the file is empty or contains other data");
        }
        return signatures;
    }

    /**
     * Returns binary data as one block, or each armored block of text, because tools append the armored signatures
     * of several signers one after the other.
     */
    private static List<byte[]> blocks(byte[] bytes) throws OpenPgpFormatException {
        if (bytes.length > 0 && (bytes[0] & 0x80) != 0) {
            return List.of(bytes);
        }
        List<byte[]> blocks = new ArrayList<>();
        Matcher block = ARMORED_BLOCK.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        while (block.find()) {
            blocks.add(block.group().getBytes(StandardCharsets.ISO_8859_1));
        }
        if (blocks.isEmpty()) {
            throw new OpenPgpFormatException("not a valid OpenPGP signature: the file is neither binary OpenPGP data"
                    + " nor holds a complete armored block from -----BEGIN PGP SIGNATURE----- to its END line");
        }
        return blocks;
    }

    private static void collect(InputStream in, List<PGPSignature> signatures, int depth)
            throws IOException, PGPException, OpenPgpFormatException {
        if (depth > MAX_NESTING) {
            throw new OpenPgpFormatException("compressed packets are nested more than " + MAX_NESTING + " deep");
        }
        PGPObjectFactory factory = new PGPObjectFactory(in, new BcKeyFingerprintCalculator());
        for (Object object = factory.nextObject(); object != null; object = factory.nextObject()) {
            if (object instanceof PGPSignatureList list) {
                list.forEach(signatures::add);
            } else if (object instanceof PGPCompressedData compressed) {
                collect(new BoundedInputStream(compressed.getDataStream(), MAX_EXPANDED_BYTES), signatures, depth + 1);
            } else if (!(object instanceof PGPMarker)) {
                throw new OpenPgpFormatException(
                        "the file contains a " + object.getClass().getSimpleName()
                                + " packet where only signatures are expected; it is not a detached signature");
            }
        }
    }

    static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
