package org.tsunagu.node.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Caps request bodies: a declared Content-Length over the limit is refused before anything is read,
 * and a chunked body is cut off (413) as soon as it passes the limit, so no request can make the node
 * buffer more than the limit. Imports get a larger limit than single records.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class BodyLimitFilter implements ContainerRequestFilter {
    private final long defaultLimit;
    private final List<String> largePathPrefixes;
    private final long largeLimit;

    /**
     * @param largePathPrefixes requests whose path (without leading slash) starts with one of these get
     *     {@code largeLimit}
     */
    public BodyLimitFilter(long defaultLimit, List<String> largePathPrefixes, long largeLimit) {
        this.defaultLimit = defaultLimit;
        this.largePathPrefixes = List.copyOf(largePathPrefixes);
        this.largeLimit = largeLimit;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        String relative = path;
        long limit = largePathPrefixes.stream().anyMatch(relative::startsWith) ? largeLimit : defaultLimit;
        if (request.getLength() > limit) {
            throw new PayloadTooLargeException(limit);
        }
        request.setEntityStream(new LimitedInputStream(request.getEntityStream(), limit));
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
