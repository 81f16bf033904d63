package org.tsunagu.node.ops.limits;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.filterchain.TransportFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Caps open connections, in total and per client address, at accept time: a connection over a cap is
 * closed before anything is read from it. Idle connections cost no worker thread under Grizzly's NIO,
 * but each holds a socket and buffers; this keeps one address from holding them all.
 */
final class ConnectionLimitAddOn implements AddOn {
    private final int maxConnections;
    private final int maxPerAddress;

    ConnectionLimitAddOn(int maxConnections, int maxPerAddress) {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int transport = builder.indexOfType(TransportFilter.class);
        builder.add(transport + 1, new Filter(maxConnections, maxPerAddress));
    }

    /** Counts connections in and out; refuses over the caps. */
    static final class Filter extends BaseFilter {
        private final int maxConnections;
        private final int maxPerAddress;
        private final AtomicInteger total = new AtomicInteger();
        private final ConcurrentHashMap<InetAddress, AtomicInteger> byAddress = new ConcurrentHashMap<>();
        private final Attribute<InetAddress> counted =
                Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(Filter.class.getName() + ".counted");

        Filter(int maxConnections, int maxPerAddress) {
            this.maxConnections = maxConnections;
            this.maxPerAddress = maxPerAddress;
        }

        @Override
        public NextAction handleAccept(FilterChainContext ctx) throws IOException {
            Connection<?> connection = ctx.getConnection();
            InetAddress address = connection.getPeerAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
            if (address == null) {
                return ctx.getInvokeAction();
            }
            if (total.incrementAndGet() > maxConnections) {
                total.decrementAndGet();
                connection.closeSilently();
                return ctx.getStopAction();
            }
            AtomicInteger mine = byAddress.computeIfAbsent(address, a -> new AtomicInteger());
            if (mine.incrementAndGet() > maxPerAddress) {
                release(address);
                connection.closeSilently();
                return ctx.getStopAction();
            }
            counted.set(connection, address);
            return ctx.getInvokeAction();
        }

        @Override
        public NextAction handleClose(FilterChainContext ctx) throws IOException {
            InetAddress address = counted.remove(ctx.getConnection());
            if (address != null) {
                release(address);
            }
            return ctx.getInvokeAction();
        }

        private void release(InetAddress address) {
            total.decrementAndGet();
            byAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
        }

        int open() {
            return total.get();
        }
    }
}
