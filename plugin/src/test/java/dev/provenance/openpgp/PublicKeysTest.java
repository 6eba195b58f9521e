package dev.provenance.openpgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.openpgp.PGPUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicKeysTest {

    private static final Fingerprint JACKSON = new Fingerprint("28118C070CB22A0175A2E8D43D12CA2AC19F3181");

    @TempDir
    Path temp;

    @Test
    void apacheKeysFileReads() throws Exception {
        PublicKeys keys = PublicKeys.read(List.of(keysFile()));

        assertThat(keys.size()).isEqualTo(4);
        assertThat(keys.findByFingerprint(JACKSON)).isPresent();
        assertThat(keys.findByKeyId(0x3D12CA2AC19F3181L)).isPresent();
    }

    @Test
    void binaryKeyringReads() throws Exception {
        Path binary = Files.write(temp.resolve("keys.gpg"), binaryKeys());

        PublicKeys keys = PublicKeys.read(List.of(binary));

        assertThat(keys.size()).isEqualTo(4);
        assertThat(keys.findByFingerprint(JACKSON)).isPresent();
    }

    @Test
    void folderReadsEveryFile() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("keys"));
        Files.write(folder.resolve("a.gpg"), binaryKeys());
        Files.copy(keysFile(), folder.resolve("b.asc"));
        Files.writeString(folder.resolve(".hidden"), "ignored");

        assertThat(PublicKeys.filesOf(folder))
                .extracting(p -> p.getFileName().toString())
                .containsExactly("a.gpg", "b.asc");
        assertThat(PublicKeys.read(List.of(folder)).size()).isEqualTo(4);
    }

    @Test
    void revocationInAnyCopyCounts() throws Exception {
        GpgHome gpg = GpgHome.create(temp);
        try {
            String key = gpg.generateKey("Copies <copies@example.org>", null, "sign", "never");
            Path data = Files.writeString(temp.resolve("data.txt"), "data\n");
            Path signature = gpg.sign(data, key, null);
            Path before = gpg.export(key, temp.resolve("before.asc"));
            gpg.revoke(key);
            Path after = gpg.export(key, temp.resolve("after.asc"));

            PublicKeys keys = PublicKeys.read(List.of(before, after));
            List<SignatureCheck> checks = new SignatureVerifier(keys, KeyLookup.NONE).verify(data, signature);

            assertThat(keys.size()).isEqualTo(1);
            assertThat(checks).extracting(SignatureCheck::status).containsExactly(SignatureCheck.Status.KEY_REVOKED);
        } finally {
            gpg.stopAgent();
        }
    }

    @Test
    void textWithoutKeyFails() throws Exception {
        Path file = Files.writeString(temp.resolve("empty.asc"), "no keys here\n");

        assertThatThrownBy(() -> PublicKeys.read(List.of(file)))
                .isInstanceOf(OpenPgpFormatException.class)
                .hasMessage("keyring " + file + " contains no public key; export keys into it with"
                        + " `gpg --export --armor FINGERPRINT`");
    }

    @Test
    void corruptBlockFails() throws Exception {
        String text = Files.readString(keysFile())
                .replace("mQINBFHwqdQBEADP5azWYCE4RWbVpnCwf7HoDRcTGUs68oqZrwJO7B5o1PaAcFDe", "!");
        Path file = Files.writeString(temp.resolve("corrupt.asc"), text);

        assertThatThrownBy(() -> PublicKeys.read(List.of(file)))
                .isInstanceOf(OpenPgpFormatException.class)
                .hasMessageStartingWith("keyring " + file + " is not a valid OpenPGP keyring: ");
    }

    @Test
    void missingKeyringFails() {
        Path missing = temp.resolve("missing.asc");

        assertThatThrownBy(() -> PublicKeys.read(List.of(missing)))
                .isInstanceOf(OpenPgpFormatException.class)
                .hasMessage("keyring " + missing + " not found; create it or fix the keyring line");
    }

    private static Path keysFile() throws Exception {
        return SignatureVerifierTest.resource("jackson-KEYS.asc");
    }

    private static byte[] binaryKeys() throws Exception {
        String text = Files.readString(keysFile());
        String block = text.substring(text.indexOf("-----BEGIN PGP PUBLIC KEY BLOCK-----"));
        try (InputStream in =
                PGPUtil.getDecoderStream(new ByteArrayInputStream(block.getBytes(StandardCharsets.US_ASCII)))) {
            return in.readAllBytes();
        }
    }
}
