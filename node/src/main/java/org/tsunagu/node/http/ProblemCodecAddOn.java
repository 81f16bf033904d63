package org.tsunagu.node.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.ContentEncoding;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * Requests Grizzly's HTTP codec cannot parse (a head over the size limit, a negative or non-numeric
 * Content-Length, a malformed chunk size, a request line it cannot read) are refused by the codec
 * itself, before Jersey or any error page: its answer is a 400 with an empty body. This add-on puts a
 * codec in its place that is configured the same and answers those with a problem document too (its one
 * hook, {@code customizeErrorResponse}, builds the error response's body).
 */
final class ProblemCodecAddOn implements AddOn {
    private final ObjectMapper json;

    ProblemCodecAddOn(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int index = builder.indexOfType(HttpServerFilter.class);
        if (index < 0) {
            return;
        }
        HttpServerFilter original = (HttpServerFilter) builder.get(index);
        builder.set(index, new Codec(listener, original, json));
    }

    /** Grizzly's server codec with problem+json error bodies; everything else is the codec's own. */
    static final class Codec extends HttpServerFilter {
        /** The parse failure being answered, on the thread that answers it. */
        private static final ThreadLocal<Throwable> FAILURE = new ThreadLocal<>();

        private final ObjectMapper json;
        private final int maxHeadSize;

        @SuppressWarnings("deprecation") // Grizzly's HttpServer builds its codec with this constructor too
        Codec(NetworkListener listener, HttpServerFilter original, ObjectMapper json) {
            super(
                    listener.isChunkingEnabled(),
                    headSize(listener),
                    null,
                    listener.getKeepAlive(),
                    null,
                    listener.getMaxRequestHeaders(),
                    listener.getMaxResponseHeaders());
            this.json = json;
            this.maxHeadSize = headSize(listener);
            for (ContentEncoding encoding : original.getContentEncodings()) {
                addContentEncoding(encoding);
            }
            setAllowPayloadForUndefinedHttpMethods(original.isAllowPayloadForUndefinedHttpMethods());
            setMaxPayloadRemainderToSkip(original.getMaxPayloadRemainderToSkip());
            setRemoveHandledContentEncodingHeaders(original.isRemoveHandledContentEncodingHeaders());
            setPreserveHeaderCase(original.isPreserveHeaderCase());
            getMonitoringConfig().addProbes(original.getMonitoringConfig().getProbes());
        }

        private static int headSize(NetworkListener listener) {
            int size = listener.getMaxHttpHeaderSize();
            return size == -1 ? DEFAULT_MAX_HTTP_PACKET_HEADER_SIZE : size;
        }

        @Override
        protected void onHttpHeaderError(HttpHeader httpHeader, FilterChainContext ctx, Throwable t)
                throws IOException {
            FAILURE.set(t);
            try {
                super.onHttpHeaderError(httpHeader, ctx, t);
            } finally {
                FAILURE.remove();
            }
        }

        @Override
        protected void onHttpContentError(HttpHeader httpHeader, FilterChainContext ctx, Throwable t)
                throws IOException {
            FAILURE.set(t == null ? new IOException("malformed body") : t);
            try {
                super.onHttpContentError(httpHeader, ctx, t);
            } finally {
                FAILURE.remove();
            }
        }

        @Override
        protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
            int status = response.getStatus();
            byte[] body = render(status, detail(status, FAILURE.get())).getBytes(StandardCharsets.UTF_8);
            response.setContentType(Problem.MEDIA_TYPE);
            response.setContentLength(body.length);
            return HttpContent.builder(response)
                    .content(Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, body))
                    .last(true)
                    .build();
        }

        /**
         * What went wrong, in words a client can act on. Grizzly's messages name its internals, so they are
         * only matched, never passed on.
         */
        private String detail(int status, Throwable failure) {
            if (status == 505) {
                return "this server speaks HTTP/1.0 and HTTP/1.1 only";
            }
            String message = failure == null || failure.getMessage() == null ? "" : failure.getMessage();
            String lower = message.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("too large")) {
                return "the request line and headers are larger than " + maxHeadSize + " bytes";
            }
            if (lower.contains("content-length") || lower.contains("content length")) {
                return "Content-Length must be a single non-negative decimal number";
            }
            if (lower.contains("chunk")) {
                return "the chunked request body is malformed";
            }
            return "the request could not be parsed as HTTP/1.1 (request line, headers, Content-Length or"
                    + " chunked body)";
        }

        private String render(int status, String detail) {
            Problem problem = new Problem("about:blank", ProblemMapper.phrase(status), status, detail, null, List.of());
            try {
                return json.writeValueAsString(problem);
            } catch (JsonProcessingException e) {
                return "{\"type\":\"about:blank\",\"status\":" + status + "}";
            }
        }
    }
}
