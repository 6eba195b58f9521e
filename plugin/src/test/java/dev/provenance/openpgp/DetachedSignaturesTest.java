package dev.provenance.openpgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedDataGenerator;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DetachedSignaturesTest {

    @Test
    void armoredSignatureReads() throws Exception {
        List<PGPSignature> signatures = DetachedSignatures.read(jacksonSignature());

        assertThat(signatures).hasSize(1);
    }

    @Test
    void binarySignatureReads() throws Exception {
        byte[] binary = dearmor(jacksonSignature());

        assertThat(binary[0] & 0x80).isNotZero();
        assertThat(DetachedSignatures.read(binary)).hasSize(1);
    }

    @Test
    void compressedSignatureReads() throws Exception {
        byte[] compressed = compress(dearmor(jacksonSignature()));

        assertThat(DetachedSignatures.read(compressed)).hasSize(1);
    }

    @Test
    void severalArmoredBlocksRead() throws Exception {
        String block = new String(jacksonSignature(), StandardCharsets.US_ASCII);

        assertThat(DetachedSignatures.read((block + block).getBytes(StandardCharsets.US_ASCII)))
                .hasSize(2);
    }

    @Test
    void severalBinarySignaturesRead() throws Exception {
        byte[] one = dearmor(jacksonSignature());
        byte[] two = Arrays.copyOf(one, one.length * 2);
        System.arraycopy(one, 0, two, one.length, one.length);

        assertThat(DetachedSignatures.read(two)).hasSize(2);
    }

    static List<Arguments> malformed() throws Exception {
        byte[] armored = jacksonSignature();
        byte[] binary = dearmor(armored);
        String text = new String(armored, StandardCharsets.US_ASCII);
        return List.of(
                Arguments.of("empty", new byte[0], "neither binary OpenPGP data"),
                Arguments.of("text", "not a signature\n".getBytes(StandardCharsets.US_ASCII), "neither binary"),
                Arguments.of(
                        "armor without end",
                        text.substring(0, text.length() / 2).getBytes(),
                        "neither binary"),
                Arguments.of("corrupt armor", text.replace("iQIz", "!!!!").getBytes(), "not a valid OpenPGP"),
                Arguments.of("truncated binary", Arrays.copyOf(binary, binary.length / 2), "not a valid OpenPGP"),
                Arguments.of("literal data", literal(), "where only signatures are expected"),
                Arguments.of("compression bomb", bomb(binary), "expands to more than"),
                Arguments.of("oversized", new byte[DetachedSignatures.MAX_FILE_BYTES + 1], "more than the limit"),
                Arguments.of("public key", publicKey(), "where only signatures are expected"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedInputFails(String name, byte[] bytes, String message) {
        assertThatThrownBy(() -> DetachedSignatures.read(bytes))
                .isInstanceOf(OpenPgpFormatException.class)
                .hasMessageContaining(message);
    }

    @Test
    void oversizedFileFailsBeforeReading(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp) throws IOException {
        java.nio.file.Path file = Files.write(temp.resolve("big.asc"), new byte[DetachedSignatures.MAX_FILE_BYTES + 1]);

        assertThatThrownBy(() -> DetachedSignatures.read(file))
                .isInstanceOf(OpenPgpFormatException.class)
                .hasMessageContaining("big.asc has " + (DetachedSignatures.MAX_FILE_BYTES + 1) + " bytes");
    }

    private static byte[] jacksonSignature() throws Exception {
        return Files.readAllBytes(SignatureVerifierTest.resource("jackson-annotations-2.21.jar.asc"));
    }

    private static byte[] publicKey() throws Exception {
        String keys = Files.readString(SignatureVerifierTest.resource("jackson-KEYS.asc"));
        String block = keys.substring(keys.indexOf("-----BEGIN PGP PUBLIC KEY BLOCK-----"));
        return dearmor(block.getBytes(StandardCharsets.US_ASCII));
    }

    /** Returns a compressed packet that expands to thousands of copies of a real signature, over the limit. */
    private static byte[] bomb(byte[] signature) throws IOException {
        ByteArrayOutputStream copies = new ByteArrayOutputStream();
        while (copies.size() <= 2 * DetachedSignatures.MAX_EXPANDED_BYTES) {
            copies.write(signature);
        }
        return compress(copies.toByteArray());
    }

    private static byte[] dearmor(byte[] armored) throws IOException {
        try (var in = org.bouncycastle.openpgp.PGPUtil.getDecoderStream(new java.io.ByteArrayInputStream(armored))) {
            return in.readAllBytes();
        }
    }

    private static byte[] compress(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PGPCompressedDataGenerator generator = new PGPCompressedDataGenerator(CompressionAlgorithmTags.ZIP);
        try (OutputStream compressed = generator.open(out)) {
            compressed.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] literal() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PGPLiteralDataGenerator generator = new PGPLiteralDataGenerator();
        try (OutputStream literal = generator.open(out, PGPLiteralData.BINARY, "data", 4, PGPLiteralData.NOW)) {
            literal.write("data".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }
}
