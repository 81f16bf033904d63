package org.tsunagu.protocol;

import java.util.Base64;

/** base64url without padding (RFC 4648 §5), strict: no padding, no line breaks, canonical last character. */
public final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {}

    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /**
     * Decodes strictly.
     *
     * @param path where the value sits, for the error
     * @throws MalformedMessageException if the text is not canonical unpadded base64url
     */
    public static byte[] decode(String text, String path) {
        if (text == null) {
            throw new MalformedMessageException(path, "expected base64url text");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw new MalformedMessageException(path, "not base64url without padding (character " + i + ")");
            }
        }
        if (text.length() % 4 == 1) {
            throw new MalformedMessageException(path, "not base64url: impossible length " + text.length());
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(path, "not base64url: " + e.getMessage());
        }
        // Reject non-canonical encodings (unused low bits set), so one value has exactly one text form.
        if (!canonicalEnd(text, text.length(), text.length())) {
            throw new MalformedMessageException(path, "not canonical base64url");
        }
        return bytes;
    }

    /**
     * Checks {@code text[from, from + length)} as {@link #decode} does, without decoding it (issue 14:
     * every hash in every envelope parsed is checked this way).
     *
     * @throws MalformedMessageException as {@link #decode}
     */
    public static void check(String text, int from, int length, String path) {
        for (int i = 0; i < length; i++) {
            char c = text.charAt(from + i);
            if (value(c) < 0) {
                throw new MalformedMessageException(path, "not base64url without padding (character " + i + ")");
            }
        }
        if (length % 4 == 1) {
            throw new MalformedMessageException(path, "not base64url: impossible length " + length);
        }
        if (!canonicalEnd(text, from + length, length)) {
            throw new MalformedMessageException(path, "not canonical base64url");
        }
    }

    /**
     * Whether the last character before {@code end}, of {@code length} characters, leaves the bits no byte uses at zero: 2 characters
     * for the last byte leave 4 such bits, 3 characters for the last 2 bytes leave 2 (RFC 4648 §3.5).
     * The text's length and alphabet are already checked.
     */
    private static boolean canonicalEnd(String text, int end, int length) {
        int unused = switch (length % 4) {
            case 2 -> 0b1111;
            case 3 -> 0b11;
            default -> 0;
        };
        return unused == 0 || (value(text.charAt(end - 1)) & unused) == 0;
    }

    /** The 6-bit value of a base64url character, or -1. */
    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    }
}
