package org.tsunagu.node.federation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tsunagu.protocol.sign.Ed25519KeyPair;

/**
 * A hostile peer on a raw socket: it answers its hub document and subscription requests at once, then
 * answers {@code GET /v1/feeds} with a head declaring a body and sends that body one byte every
 * 500 ms. Closing it closes every connection, so nothing of it outlives a test.
 */
final class TricklingPeer implements AutoCloseable {
    private final ServerSocket server;
    private final String hub;
    private final Ed25519KeyPair key;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final FeedAnswer feeds;

    /** How the peer answers {@code GET /v1/feeds…} on {@code out} (the rest it answers itself). */
    interface FeedAnswer {
        void answer(String path, OutputStream out) throws IOException, InterruptedException;
    }

    TricklingPeer(String hub, Ed25519KeyPair key) throws IOException {
        this(hub, key, TricklingPeer::trickle);
    }

    /** A peer whose feed requests {@code feeds} answers (another kind of hostile peer). */
    TricklingPeer(String hub, Ed25519KeyPair key, FeedAnswer feeds) throws IOException {
        this.hub = hub;
        this.key = key;
        this.feeds = feeds;
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::accept, "trickling-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "trickling-peer-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (true) {
                String requestLine = line(in);
                if (requestLine == null) {
                    return;
                }
                long length = 0;
                for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                    if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                        length = Long.parseLong(h.substring(15).strip());
                    }
                }
                in.readNBytes((int) length);
                String path = requestLine.split(" ")[1];
                if (path.startsWith("/.well-known/tsunagu")) {
                    respond(
                            out,
                            "{\"hub\":\"" + hub + "\",\"key\":\""
                                    + key.publicKey().keyId().value() + "\"}");
                } else if (path.startsWith("/v1/subscriptions")) {
                    respond(out, "{\"status\":\"active\"}");
                } else {
                    feeds.answer(path, out);
                }
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // The node gave up on us, or the test closed us.
        }
    }

    /** An empty feed list whose body comes one byte every 500 ms. */
    private static void trickle(String path, OutputStream out) throws IOException, InterruptedException {
        byte[] body = "{\"feeds\":[]}".getBytes(StandardCharsets.US_ASCII);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        for (byte b : body) {
            Thread.sleep(500);
            out.write(b);
            out.flush();
        }
    }

    /**
     * A peer that answers its first feed list at once (so following it succeeds), then turns slow as the
     * issue's peer did: every later feed list declares 10,000 bytes that come one per {@code every}.
     */
    static FeedAnswer slowAfterFirstContact(java.time.Duration every) {
        java.util.concurrent.atomic.AtomicBoolean contacted = new java.util.concurrent.atomic.AtomicBoolean();
        return (path, out) -> {
            if (contacted.compareAndSet(false, true)) {
                respond(out, "{\"feeds\":[]}");
                return;
            }
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n"
                            + "{\"feeds\":[")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 10_000 - 10; i++) {
                Thread.sleep(every.toMillis());
                out.write(' ');
                out.flush();
            }
        };
    }

    static void respond(OutputStream out, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return b < 0 && sb.length() == 0 ? null : sb.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
