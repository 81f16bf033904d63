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
        if (!encode(bytes).equals(text)) {
            throw new MalformedMessageException(path, "not canonical base64url");
        }
        return bytes;
    }
}
