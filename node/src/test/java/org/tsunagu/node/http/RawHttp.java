package org.tsunagu.node.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP/1.1 by hand on plain sockets to 127.0.0.1, for tests of what clients do byte by byte (slow
 * heads and bodies, idle keep-alive connections). Closing it closes every socket it opened.
 */
public final class RawHttp implements AutoCloseable {
    private final int port;
    private final Duration timeout;
    private final List<Socket> sockets = new ArrayList<>();

    /** @param timeout how long a read waits before the test fails */
    public RawHttp(int port, Duration timeout) {
        this.port = port;
        this.timeout = timeout;
    }

    public Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) timeout.toMillis());
        sockets.add(socket);
        return socket;
    }

    /** A response: its status line and its body (read by Content-Length). */
    public record Response(String status, String body) {}

    public static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads one whole response whose body has a Content-Length. */
    public static Response response(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        String status = line(in);
        long length = 0;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Long.parseLong(header.substring(15).strip());
            }
        }
        return new Response(status, new String(in.readNBytes((int) length), StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** -1 when the server closed (or reset) the connection; otherwise the first byte it sent. */
    public static int readOrEnd(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read();
        } catch (SocketException reset) {
            return -1;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open", e);
        }
    }

    @Override
    public void close() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
    }
}
