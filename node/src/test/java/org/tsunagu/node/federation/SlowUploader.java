package org.tsunagu.node.federation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.tsunagu.protocol.sign.Ed25519KeyPair;
import org.tsunagu.protocol.sign.HttpSignatures;
import org.tsunagu.protocol.sign.SignableRequest;

/**
 * An attacker's slow upload on a raw socket from a chosen loopback address: a POST head declaring a
 * body of {@code length} bytes, optionally signed (Content-Digest and signature over the whole body,
 * with a fresh key, as any stranger can), then one byte every {@code every} until the server answers or
 * closes. {@link #status} completes with the status line the server sent, or "closed".
 */
final class SlowUploader implements AutoCloseable {
    private final Socket socket;
    private final CompletableFuture<String> status = new CompletableFuture<>();

    SlowUploader(
            int port, String fromAddress, String path, String contentType, int length, boolean signed, Duration every)
            throws IOException {
        socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(fromAddress), 0);
        socket.setSoTimeout(120_000);
        byte[] body = new byte[length];
        java.util.Arrays.fill(body, (byte) 'x');
        StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Content-Type: " + contentType + "\r\nContent-Length: " + length + "\r\n");
        if (signed) {
            Ed25519KeyPair key = Ed25519KeyPair.generate(new SecureRandom());
            URI target = URI.create("http://127.0.0.1:" + port + path);
            Map<String, String> headers = HttpSignatures.sign(
                            new SignableRequest("POST", target, Map.of(), body),
                            key,
                            key.publicKey().keyId().value(),
                            Instant.now(),
                            Duration.ofMinutes(5),
                            HttpSignatures.newNonce(new SecureRandom()))
                    .asMap();
            headers.forEach((name, value) ->
                    head.append(name).append(": ").append(value).append("\r\n"));
        }
        head.append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread reader = new Thread(this::readStatus, "slow-upload-reader");
        reader.setDaemon(true);
        reader.start();
        Thread writer = new Thread(
                () -> {
                    try {
                        for (int i = 0; i < length && !status.isDone(); i++) {
                            out.write(body[i]);
                            out.flush();
                            Thread.sleep(every.toMillis());
                        }
                    } catch (IOException | InterruptedException e) {
                        // The server closed the connection.
                    }
                },
                "slow-upload-writer");
        writer.setDaemon(true);
        writer.start();
    }

    private void readStatus() {
        try {
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b >= 0 && b != '\r'; b = in.read()) {
                line.append((char) b);
            }
            status.complete(line.length() == 0 ? "closed" : line.toString());
        } catch (IOException e) {
            status.complete("closed");
        }
    }

    CompletableFuture<String> status() {
        return status;
    }

    @Override
    public void close() throws IOException {
        status.complete("closed by the test");
        socket.close();
    }
}
