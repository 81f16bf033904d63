package org.tsunagu.node.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Caps request bodies: a declared Content-Length over the limit is refused before anything is read,
 * and a chunked body is cut off (413) as soon as it passes the limit, so no request can make the node
 * buffer more than the limit. Imports get a larger limit than single records, and some paths a limit
 * of their own.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class BodyLimitFilter implements ContainerRequestFilter {
    private final long defaultLimit;
    private final Map<String, Long> limitsByPathPrefix;

    /**
     * @param limitsByPathPrefix requests whose path (without leading slash) starts with one of these
     *     prefixes get its limit instead of {@code defaultLimit} (prefixes must not overlap)
     */
    public BodyLimitFilter(long defaultLimit, Map<String, Long> limitsByPathPrefix) {
        this.defaultLimit = defaultLimit;
        this.limitsByPathPrefix = Map.copyOf(limitsByPathPrefix);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        long limit = defaultLimit;
        for (Map.Entry<String, Long> e : limitsByPathPrefix.entrySet()) {
            if (path.startsWith(e.getKey())) {
                limit = e.getValue();
            }
        }
        // Read as a long: Jersey's getLength() parses an int and throws past 2^31-1 (a 500).
        if (declaredLength(request.getHeaderString("Content-Length")) > limit) {
            throw new PayloadTooLargeException(limit);
        }
        request.setEntityStream(new LimitedInputStream(request.getEntityStream(), limit));
    }

    /** The declared length; an absurdly long one counts as too large (Grizzly refuses malformed ones). */
    static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        String digits = header.strip();
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    static final class LimitedInputStream extends FilterInputStream {
        private final long limit;
        private long read;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
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

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        private void count(long n) {
            read += n;
            if (read > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }
    }
}
