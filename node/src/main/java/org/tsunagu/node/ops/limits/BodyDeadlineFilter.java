package org.tsunagu.node.ops.limits;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.tsunagu.node.http.ApiException;

/**
 * A request body must arrive within a deadline. Grizzly's read timeout ends a read that waits too long
 * for the next bytes, but a client trickling one byte just inside it would hold a worker thread for
 * ever; with this, it holds one for at most the deadline plus one read timeout, then gets 408 and the
 * connection is closed.
 */
@PreMatching
@Priority(3)
final class BodyDeadlineFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private final long deadlineNanos;

    BodyDeadlineFilter(Duration deadline) {
        this.deadlineNanos = deadline.toNanos();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        long deadline = System.nanoTime() + deadlineNanos;
        request.setEntityStream(new DeadlineStream(request.getEntityStream(), deadline));
    }

    /** The rest of a body that came too slowly is never read: the connection cannot be reused. */
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() == 408) {
            response.getHeaders().putSingle("Connection", "close");
        }
    }

    private static final class DeadlineStream extends FilterInputStream {
        private final long deadline;

        DeadlineStream(InputStream in, long deadline) {
            super(in);
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            check();
            int b = super.read();
            check();
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            check();
            int n = super.read(buffer, offset, length);
            check();
            return n;
        }

        private void check() {
            if (System.nanoTime() - deadline > 0) {
                throw new ApiException(408, "the request body arrived too slowly");
            }
        }
    }
}
