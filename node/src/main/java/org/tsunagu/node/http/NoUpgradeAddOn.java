package org.tsunagu.node.http;

import java.io.IOException;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpEvents;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.util.Header;

/**
 * Serves upgrade requests as plain HTTP/1.1. Java's own HttpClient asks for {@code Upgrade: h2c} by
 * default; Grizzly without its HTTP/2 filters then stops decoding the request body (POSTs hang until
 * they time out) and drops response headers (Grizzly issue 1972, Jersey issues 5812 and 6059). This
 * filter, placed right after the HTTP codec, answers the upgrade event the way the HTTP/2 filter would
 * and removes the upgrade from the request, so the client simply stays on HTTP/1.1.
 */
final class NoUpgradeAddOn implements AddOn {
    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int codec = builder.indexOfType(HttpServerFilter.class);
        builder.add(codec + 1, new Filter());
    }

    static final class Filter extends BaseFilter {
        @Override
        public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws IOException {
            if (event.type() == HttpEvents.IncomingHttpUpgradeEvent.TYPE) {
                HttpHeader header = ((HttpEvents.IncomingHttpUpgradeEvent) event).getHttpHeader();
                if (header.isRequest()) {
                    header.setIgnoreContentModifiers(false);
                    return ctx.getStopAction();
                }
            }
            return ctx.getInvokeAction();
        }

        @Override
        public NextAction handleRead(FilterChainContext ctx) throws IOException {
            if (ctx.getMessage() instanceof HttpContent content) {
                HttpHeader header = content.getHttpHeader();
                if (header.isRequest() && header.isUpgrade()) {
                    header.getUpgradeDC().recycle();
                    header.getHeaders().removeHeader(Header.Upgrade);
                    header.getHeaders().removeHeader("HTTP2-Settings");
                    header.setIgnoreContentModifiers(false);
                }
            }
            return ctx.getInvokeAction();
        }
    }
}
