package dev.provenance.openpgp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An input stream that fails once more than a maximum number of bytes has been read, to stop compression bombs. */
final class BoundedInputStream extends FilterInputStream {

    private final long maxBytes;
    private long count;

    BoundedInputStream(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) throws IOException {
        count += n;
        if (count > maxBytes) {
            throw new LimitExceededException(maxBytes);
        }
    }

    /** Thrown when the stream passes its limit. */
    static final class LimitExceededException extends IOException {
        private static final long serialVersionUID = 1L;

        LimitExceededException(long maxBytes) {
            super("the data is larger than " + maxBytes + " bytes");
        }
    }
}
