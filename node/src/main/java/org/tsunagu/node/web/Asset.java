package org.tsunagu.node.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * One file of the web page, held in memory with its gzip form and a strong entity tag. The buffers
 * are read-only views, so a record can hold them without exposing mutable bytes.
 */
record Asset(String name, String contentType, ByteBuffer content, ByteBuffer gzipped, String etag) {
    Asset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contentType, "contentType");
        content = content.asReadOnlyBuffer();
        gzipped = gzipped.asReadOnlyBuffer();
        Objects.requireNonNull(etag, "etag");
    }

    static Asset of(String name, String contentType, byte[] bytes) {
        return new Asset(
                name, contentType, ByteBuffer.wrap(bytes.clone()), ByteBuffer.wrap(gzip(bytes)), etagOf(bytes));
    }

    byte[] bytes(boolean gzip) {
        ByteBuffer source = (gzip ? gzipped : content).duplicate();
        byte[] out = new byte[source.remaining()];
        source.get(out);
        return out;
    }

    /** Whether gzip is worth it: small or already compressed files are sent as they are. */
    boolean compresses() {
        return gzipped.remaining() < content.remaining() * 9 / 10;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String etagOf(byte[] bytes) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(sha256(bytes))
                .substring(0, 22);
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
