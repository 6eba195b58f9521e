package dev.provenance.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrivateKeyReaderTest {

    private static final Path KEYS = Path.of("src/test/resources/signing");

    @ParameterizedTest
    @CsvSource({"pkcs8.pem,", "pkcs8-encrypted.pem,correct-horse", "sec1.pem,", "cosign.key,cosign-password"})
    void readsKeyAndDerivesPublicKey(String file, String password) throws Exception {
        PublicKey expected = PublicKeys.read(KEYS.resolve("pkcs8.pub"));

        SigningKey key = PrivateKeyReader.read(KEYS.resolve(file), password == null ? null : password.toCharArray());

        assertThat(key.publicKey().getEncoded()).isEqualTo(expected.getEncoded());
    }

    @Test
    void wrongPasswordForPkcs8() {
        assertThatThrownBy(() -> PrivateKeyReader.read(KEYS.resolve("pkcs8-encrypted.pem"), "wrong".toCharArray()))
                .isInstanceOf(KeyException.class)
                .hasMessage("could not decrypt " + KEYS.resolve("pkcs8-encrypted.pem")
                        + ": the password is wrong or the file is corrupt; set the key's password and try again");
    }

    @Test
    void wrongPasswordForCosignKey() {
        assertThatThrownBy(() -> PrivateKeyReader.read(KEYS.resolve("cosign.key"), "wrong".toCharArray()))
                .isInstanceOf(KeyException.class)
                .hasMessageStartingWith("could not decrypt " + KEYS.resolve("cosign.key") + ": the password is wrong");
    }

    @Test
    void missingPasswordForEncryptedKey() {
        assertThatThrownBy(() -> PrivateKeyReader.read(KEYS.resolve("cosign.key"), null))
                .isInstanceOf(KeyException.class)
                .hasMessageContaining("is encrypted but no password was given");
    }

    @Test
    void corruptBody() {
        assertThatThrownBy(() -> PrivateKeyReader.read(KEYS.resolve("corrupt.pem"), null))
                .isInstanceOf(KeyException.class)
                .hasMessageContaining(KEYS.resolve("corrupt.pem").toString());
    }

    @Test
    void truncatedFile() {
        assertThatThrownBy(() -> PrivateKeyReader.read(KEYS.resolve("truncated.pem"), null))
                .isInstanceOf(KeyException.class)
                .hasMessageContaining(KEYS.resolve("truncated.pem").toString());
    }

    @Test
    void rsaKeyRejected() {
        assertThatThrownBy(() -> PrivateKeyReader.read(KEYS.resolve("rsa.pem"), null))
                .isInstanceOf(KeyException.class)
                .hasMessageContaining("is not an ECDSA private key");
    }

    @Test
    void publicKeyFileRejectedAsPrivateKey() {
        assertThatThrownBy(() -> PrivateKeyReader.read(KEYS.resolve("pkcs8.pub"), null))
                .isInstanceOf(KeyException.class)
                .hasMessageContaining("contains a PEM block 'PUBLIC KEY', which is not a supported private key");
    }

    @Test
    void missingFile() {
        assertThatThrownBy(() -> PrivateKeyReader.read(KEYS.resolve("absent.pem"), null))
                .isInstanceOf(KeyException.class)
                .hasMessage("the signing key file " + KEYS.resolve("absent.pem")
                        + " does not exist; check the keyFile parameter");
    }

    @Test
    void cosignKeyWithCorruptCiphertext(@TempDir Path temp) throws Exception {
        byte[] pkcs8 = PrivateKeyReader.read(KEYS.resolve("pkcs8.pem"), null)
                .privateKey()
                .getEncoded();
        String body = new String(CosignKeyFile.encrypt(pkcs8, "pw".toCharArray(), new SecureRandom()));
        String corrupt = body.replace("\"ciphertext\":\"", "\"ciphertext\":\"AAAA");
        Path file = Files.writeString(
                temp.resolve("cosign.key"),
                "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder().encodeToString(corrupt.getBytes())
                        + "\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n");

        assertThatThrownBy(() -> PrivateKeyReader.read(file, "pw".toCharArray()))
                .isInstanceOf(KeyException.class)
                .hasMessageContaining("the password is wrong or the file is corrupt");
    }

    @Test
    void cosignKeyWithUnsupportedScryptCost(@TempDir Path temp) throws Exception {
        byte[] pkcs8 = PrivateKeyReader.read(KEYS.resolve("pkcs8.pem"), null)
                .privateKey()
                .getEncoded();
        String body = new String(CosignKeyFile.encrypt(pkcs8, "pw".toCharArray(), new SecureRandom()))
                .replace("\"N\":65536", "\"N\":1024");

        assertThatThrownBy(() -> CosignKeyFile.decrypt(body.getBytes(), "pw".toCharArray(), "k"))
                .isInstanceOf(KeyException.class)
                .hasMessage("k uses unsupported scrypt parameters N=1024, r=8, p=1; cosign accepts N=32768, 65536 or"
                        + " 131072 with r=8 and p=1");
    }

    @Test
    void cosignEncryptRoundTrip() throws Exception {
        SigningKey key = PrivateKeyReader.read(KEYS.resolve("pkcs8.pem"), null);
        byte[] body = CosignKeyFile.encrypt(key.privateKey().getEncoded(), "pw".toCharArray(), new SecureRandom());

        byte[] decrypted = CosignKeyFile.decrypt(body, "pw".toCharArray(), "k");

        assertThat(decrypted).isEqualTo(key.privateKey().getEncoded());
    }

    @Test
    void expiredKeyCannotSign() throws Exception {
        SigningKey key = PrivateKeyReader.read(KEYS.resolve("pkcs8.pem"), null)
                .withValidity(Optional.empty(), Optional.of(Instant.parse("2026-01-31T23:59:59Z")));

        assertThatThrownBy(() -> key.checkValidAt(Instant.parse("2026-02-01T00:00:00Z")))
                .isInstanceOf(KeyException.class)
                .hasMessageContaining("expired at 2026-01-31T23:59:59Z");
    }

    @Test
    void keyBeforeItsWindowCannotSign() throws Exception {
        SigningKey key = PrivateKeyReader.read(KEYS.resolve("pkcs8.pem"), null)
                .withValidity(Optional.of(Instant.parse("2027-01-01T00:00:00Z")), Optional.empty());

        assertThatThrownBy(() -> key.checkValidAt(Instant.parse("2026-12-31T00:00:00Z")))
                .isInstanceOf(KeyException.class)
                .hasMessageContaining("is not valid before 2027-01-01T00:00:00Z");
    }

    @Test
    void keyInsideItsWindowSigns() throws Exception {
        SigningKey key = PrivateKeyReader.read(KEYS.resolve("pkcs8.pem"), null)
                .withValidity(
                        Optional.of(Instant.parse("2026-01-01T00:00:00Z")),
                        Optional.of(Instant.parse("2027-01-01T00:00:00Z")));

        key.checkValidAt(Instant.parse("2026-06-01T00:00:00Z"));

        assertThat(key.notAfter()).contains(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void toStringShowsOnlyFingerprint() throws Exception {
        SigningKey key = PrivateKeyReader.read(KEYS.resolve("pkcs8.pem"), null);

        assertThat(key.toString()).isEqualTo("SigningKey[" + PublicKeys.fingerprint(key.publicKey()) + "]");
    }
}
