package dev.provenance.commits;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.revwalk.RevCommit;

/** Checks the OpenPGP signature that {@code git commit -S} stores in a commit's {@code gpgsig} header. */
final class CommitSignature {

    private static final byte[] HEADER = "gpgsig ".getBytes(StandardCharsets.US_ASCII);

    private CommitSignature() {}

    /** Checks whether {@code commit} carries a valid signature from one of {@code keys}. */
    static TrustedKeys.Check check(RevCommit commit, TrustedKeys keys) {
        byte[] signature = commit.getRawGpgSignature();
        if (signature == null) {
            return TrustedKeys.Check.UNSIGNED;
        }
        byte[] payload = withoutSignatureHeader(commit.getRawBuffer());
        return keys.check(payload, new String(signature, StandardCharsets.US_ASCII));
    }

    /** Removes the gpgsig header and its continuation lines: git signs the commit object without them. */
    static byte[] withoutSignatureHeader(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        int line = 0;
        boolean inHeaders = true;
        boolean inSignature = false;
        while (line < raw.length) {
            int end = line;
            while (end < raw.length && raw[end] != '\n') {
                end++;
            }
            end = Math.min(end + 1, raw.length);
            if (inHeaders && end - line == 1) {
                inHeaders = false;
            }
            boolean continuation = raw[line] == ' ';
            if (inHeaders && !continuation) {
                inSignature = startsWith(raw, line, HEADER);
            }
            if (!(inHeaders && inSignature)) {
                out.write(raw, line, end - line);
            }
            line = end;
        }
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] raw, int offset, byte[] prefix) {
        if (offset + prefix.length > raw.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (raw[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
