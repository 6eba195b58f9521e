package dev.provenance.dsse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The DSSE pre-authentication encoding (PAE): the exact bytes a DSSE signature covers.
 *
 * <pre>PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body</pre>
 *
 * <p>{@code LEN} is the byte length in ASCII decimal without leading zeros, and {@code body} is the raw payload, not
 * its base64 form (DSSE v1.0.2, protocol.md, "Signature definition").
 */
public final class Pae {

    private Pae() {}

    /** Encodes {@code payloadType} and {@code payload} into the bytes that are signed and verified. */
    public static byte[] encode(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(type.length + payload.length + 32);
        writeAscii(out, "DSSEv1 " + type.length + " ");
        out.writeBytes(type);
        writeAscii(out, " " + payload.length + " ");
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static void writeAscii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
