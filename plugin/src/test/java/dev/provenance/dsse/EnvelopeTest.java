package dev.provenance.dsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.signing.PrivateKeyReader;
import dev.provenance.signing.PublicKeys;
import dev.provenance.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeTest {

    private static final Path KEYS = Path.of("src/test/resources/signing");
    private static final byte[] STATEMENT =
            "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signedEnvelopeVerifies() throws Exception {
        SigningKey key = PrivateKeyReader.read(KEYS.resolve("pkcs8.pem"), null);
        Envelope envelope = new EnvelopeSigner(key.privateKey()).sign(Envelope.IN_TOTO_PAYLOAD_TYPE, STATEMENT);

        Envelope parsed = Envelope.parse(envelope.toJson());

        assertThat(new EnvelopeVerifier(List.of(PublicKeys.read(KEYS.resolve("pkcs8.pub")))).verify(parsed))
                .isPresent();
        assertThat(parsed.payload()).isEqualTo(STATEMENT);
    }

    @Test
    void envelopeJsonHasNoKeyId() throws Exception {
        SigningKey key = PrivateKeyReader.read(KEYS.resolve("pkcs8.pem"), null);
        Envelope envelope = new EnvelopeSigner(key.privateKey()).sign(Envelope.IN_TOTO_PAYLOAD_TYPE, STATEMENT);

        String json = new String(envelope.toJson(), StandardCharsets.UTF_8);

        assertThat(json)
                .startsWith("{\"payload\":\"eyJfdHlwZSI6Imh0dHBzOi8vaW4tdG90by5pby9TdGF0ZW1lbnQvdjEifQ==\","
                        + "\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"sig\":\"");
        assertThat(json).doesNotContain("keyid");
    }

    @Test
    void changedPayloadFailsVerification() throws Exception {
        SigningKey key = PrivateKeyReader.read(KEYS.resolve("pkcs8.pem"), null);
        Envelope envelope = new EnvelopeSigner(key.privateKey()).sign(Envelope.IN_TOTO_PAYLOAD_TYPE, STATEMENT);
        byte[] changed = "{\"_type\":\"https://in-toto.io/Statement/v2\"}".getBytes(StandardCharsets.UTF_8);

        Envelope tampered = new Envelope(envelope.payloadType(), changed, envelope.signatures());

        assertThat(new EnvelopeVerifier(List.of(key.publicKey())).verify(tampered))
                .isEmpty();
    }

    @Test
    void changedPayloadTypeFailsVerification() throws Exception {
        SigningKey key = PrivateKeyReader.read(KEYS.resolve("pkcs8.pem"), null);
        Envelope envelope = new EnvelopeSigner(key.privateKey()).sign(Envelope.IN_TOTO_PAYLOAD_TYPE, STATEMENT);

        Envelope tampered = new Envelope("application/json", envelope.payload(), envelope.signatures());

        assertThat(new EnvelopeVerifier(List.of(key.publicKey())).verify(tampered))
                .isEmpty();
    }

    @Test
    void otherKeyFailsVerification() throws Exception {
        SigningKey key = PrivateKeyReader.read(KEYS.resolve("pkcs8.pem"), null);
        Envelope envelope = new EnvelopeSigner(key.privateKey()).sign(Envelope.IN_TOTO_PAYLOAD_TYPE, STATEMENT);

        assertThat(new EnvelopeVerifier(List.of(PublicKeys.read(KEYS.resolve("other.pub")))).verify(envelope))
                .isEmpty();
    }

    @Test
    void parseAcceptsUrlSafeBase64() throws Exception {
        String json = "{\"payload\":\"Pz8-\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"_-8\"}]}";

        Envelope envelope = Envelope.parse(json.getBytes(StandardCharsets.UTF_8));

        assertThat(envelope.payload()).isEqualTo("??>".getBytes(StandardCharsets.US_ASCII));
        assertThat(envelope.signatures().get(0).sig()).containsExactly(0xff, 0xef);
    }

    @Test
    void parseRejectsEnvelopeWithoutSignatures() {
        String json = "{\"payload\":\"e30=\",\"payloadType\":\"t\",\"signatures\":[]}";

        assertThatThrownBy(() -> Envelope.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessage("the DSSE envelope has no signatures");
    }

    @Test
    void parseRejectsInvalidBase64() {
        String json = "{\"payload\":\"not base64!\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AA==\"}]}";

        assertThatThrownBy(() -> Envelope.parse(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEnvelopeException.class)
                .hasMessageStartingWith("the DSSE envelope field 'payload' is not valid base64");
    }

    /** openssl, not this code, checks the DER signature over the PAE bytes with the public key. */
    @Test
    void opensslVerifiesSignatureOverPae(@TempDir Path temp) throws Exception {
        SigningKey key = PrivateKeyReader.read(KEYS.resolve("pkcs8.pem"), null);
        Envelope envelope = new EnvelopeSigner(key.privateKey()).sign(Envelope.IN_TOTO_PAYLOAD_TYPE, STATEMENT);
        Path pae = Files.write(temp.resolve("pae.bin"), envelope.pae());
        Path sig = Files.write(
                temp.resolve("sig.der"), envelope.signatures().get(0).sig());

        Process openssl = new ProcessBuilder(
                        "openssl",
                        "dgst",
                        "-sha256",
                        "-verify",
                        KEYS.resolve("pkcs8.pub").toString(),
                        "-signature",
                        sig.toString(),
                        pae.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(openssl.waitFor()).as(output).isZero();
        assertThat(output).contains("Verified OK");
    }

    @Test
    void opensslRejectsSignatureOverChangedPae(@TempDir Path temp) throws Exception {
        SigningKey key = PrivateKeyReader.read(KEYS.resolve("pkcs8.pem"), null);
        Envelope envelope = new EnvelopeSigner(key.privateKey()).sign(Envelope.IN_TOTO_PAYLOAD_TYPE, STATEMENT);
        byte[] changed = envelope.pae();
        changed[changed.length - 2] ^= 1;
        Path pae = Files.write(temp.resolve("pae.bin"), changed);
        Path sig = Files.write(
                temp.resolve("sig.der"), envelope.signatures().get(0).sig());

        Process openssl = new ProcessBuilder(
                        "openssl",
                        "dgst",
                        "-sha256",
                        "-verify",
                        KEYS.resolve("pkcs8.pub").toString(),
                        "-signature",
                        sig.toString(),
                        pae.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(openssl.waitFor()).isNotZero();
        assertThat(output).contains("Verification failure");
    }
}
