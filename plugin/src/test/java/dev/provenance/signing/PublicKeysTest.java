package dev.provenance.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PublicKeysTest {

    private static final Path KEYS = Path.of("src/test/resources/signing");

    /** The fingerprint equals what openssl and sha256sum compute over the DER SubjectPublicKeyInfo. */
    @Test
    void fingerprintMatchesOpenssl() throws Exception {
        Process openssl = new ProcessBuilder(
                        "sh",
                        "-c",
                        "openssl pkey -pubin -in " + KEYS.resolve("pkcs8.pub") + " -outform DER | sha256sum")
                .start();
        String expected = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).split(" ")[0];

        assertThat(openssl.waitFor()).isZero();
        assertThat(PublicKeys.fingerprint(PublicKeys.read(KEYS.resolve("pkcs8.pub"))))
                .isEqualTo("sha256:" + expected);
    }

    @Test
    void privateKeyFileRejected() {
        assertThatThrownBy(() -> PublicKeys.read(KEYS.resolve("pkcs8.pem")))
                .isInstanceOf(KeyException.class)
                .hasMessageContaining("contains no PEM block 'PUBLIC KEY' (found 'PRIVATE KEY')");
    }

    @Test
    void pemRoundTrip() throws Exception {
        var key = PublicKeys.read(KEYS.resolve("other.pub"));

        assertThat(PublicKeys.parse(PublicKeys.toPem(key), "x").getEncoded()).isEqualTo(key.getEncoded());
    }
}
