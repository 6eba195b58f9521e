package dev.provenance.dsse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PaeTest {

    @Test
    void paeMatchesSpecificationExample() {
        // DSSE v1.0.2 protocol.md, "Test Vectors".
        byte[] pae = Pae.encode("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(pae, StandardCharsets.US_ASCII))
                .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
    }

    @Test
    void paeCountsBytesNotCharacters() {
        byte[] pae = Pae.encode(Envelope.IN_TOTO_PAYLOAD_TYPE, "é".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(pae, StandardCharsets.UTF_8)).isEqualTo("DSSEv1 28 application/vnd.in-toto+json 2 é");
    }

    @Test
    void paeOfEmptyBody() {
        byte[] pae = Pae.encode("t", new byte[0]);

        assertThat(new String(pae, StandardCharsets.US_ASCII)).isEqualTo("DSSEv1 1 t 0 ");
    }
}
