package org.tsunagu.node.ops.limits;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * A request head (request line and headers) must arrive whole within a deadline, counted from its
 * first byte; otherwise the connection is closed. Grizzly parses heads without a worker thread, so a
 * client sending one byte at a time holds no thread, but it would hold its connection (and a place
 * under the per-address cap) for as long as it likes, each byte resetting the idle timeout.
 *
 * <p>Two filters share a per-connection {@link Watch}: one before the HTTP codec starts the clock when
 * bytes arrive on a connection that is between requests; one after the codec stops it when the codec
 * hands up a parsed head, and sees the last part of the response go out, which puts the connection
 * back between requests (keep-alive). Request bodies are not timed here: {@link BodyDeadlineFilter}
 * does that.
 */
final class HeaderDeadlineAddOn implements AddOn, AutoCloseable {
    private final long deadlineNanos;
    private final ScheduledThreadPoolExecutor timer;
    private final Attribute<Watch> watches =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(HeaderDeadlineAddOn.class.getName() + ".watch");

    HeaderDeadlineAddOn(Duration deadline) {
        this.deadlineNanos = deadline.toNanos();
        this.timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "tsunagu-header-deadline");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int codec = builder.indexOfType(HttpServerFilter.class);
        builder.add(codec + 1, new HeadParsed());
        builder.add(codec, new BytesArrived());
    }

    /** Stops the timer thread; called when the server stops. */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    private Watch watch(Connection<?> connection) {
        Watch w = watches.get(connection);
        if (w == null) {
            w = new Watch(connection);
            watches.set(connection, w);
        }
        return w;
    }

    /** Where one connection is: between requests, receiving a head (timed), or in a request. */
    private final class Watch {
        private final Connection<?> connection;
        private boolean inRequest;
        private ScheduledFuture<?> pending;

        Watch(Connection<?> connection) {
            this.connection = connection;
        }

        synchronized void bytesArrived() {
            if (!inRequest && pending == null && !timer.isShutdown()) {
                pending = timer.schedule(this::expire, deadlineNanos, TimeUnit.NANOSECONDS);
            }
        }

        synchronized void headParsed() {
            inRequest = true;
            cancel();
        }

        synchronized void responseDone() {
            inRequest = false;
            cancel();
        }

        synchronized void cancel() {
            if (pending != null) {
                pending.cancel(false);
                pending = null;
            }
        }

        private void expire() {
            synchronized (this) {
                if (pending == null || inRequest) {
                    return;
                }
                pending = null;
            }
            connection.closeSilently();
        }
    }

    /** Before the codec: raw bytes. */
    private final class BytesArrived extends BaseFilter {
        @Override
        public NextAction handleRead(FilterChainContext ctx) throws IOException {
            watch(ctx.getConnection()).bytesArrived();
            return ctx.getInvokeAction();
        }

        @Override
        public NextAction handleClose(FilterChainContext ctx) throws IOException {
            Watch w = watches.remove(ctx.getConnection());
            if (w != null) {
                w.cancel();
            }
            return ctx.getInvokeAction();
        }
    }

    /** After the codec: parsed heads coming in, responses going out. */
    private final class HeadParsed extends BaseFilter {
        @Override
        public NextAction handleRead(FilterChainContext ctx) throws IOException {
            if (ctx.getMessage() instanceof HttpContent content
                    && content.getHttpHeader().isRequest()) {
                watch(ctx.getConnection()).headParsed();
            }
            return ctx.getInvokeAction();
        }

        @Override
        public NextAction handleWrite(FilterChainContext ctx) throws IOException {
            if (ctx.getMessage() instanceof HttpContent content
                    && content.isLast()
                    && !content.getHttpHeader().isRequest()) {
                watch(ctx.getConnection()).responseDone();
            }
            return ctx.getInvokeAction();
        }
    }
}
