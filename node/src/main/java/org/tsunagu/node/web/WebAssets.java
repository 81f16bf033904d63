package org.tsunagu.node.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The web page's files, read from the jar once. Scripts, styles and images are served under
 * {@code /assets/<version>/}, where the version is a hash of their content: a browser may keep them
 * for a year, and a new release changes every URL at once, so old and new files are never mixed.
 */
public final class WebAssets {
    /** Every file under {@code resources/web/} (a test checks the list against the folder). */
    static final List<String> FILES = List.of(
            "index.html",
            "app.css",
            "app.js",
            "boot.js",
            "api.js",
            "common.js",
            "detail.js",
            "dom.js",
            "hubs.js",
            "i18n.js",
            "lang.js",
            "search.js",
            "state.js",
            "strings-en.json",
            "strings-ja.json",
            "strings-th.json",
            "icon.svg");

    /**
     * Every file of the staff console under {@code resources/console/}, served at {@code /admin};
     * {@link #SHARED} files (text-only DOM building, the icon) are the directory page's own.
     */
    static final List<String> CONSOLE_FILES = List.of(
            "index.html",
            "console.css",
            "console.js",
            "dom.js",
            "icon.svg",
            "strings-en.json",
            "strings-ja.json",
            "strings-th.json");

    /** The directory page's files the console serves too. */
    static final java.util.Set<String> SHARED = java.util.Set.of("dom.js", "icon.svg");

    static final String CODES = "codes.json";
    private static final String VERSION_PLACEHOLDER = "@VERSION@";

    private final Map<String, Asset> assets;
    private final Asset index;
    private final String version;

    private WebAssets(Map<String, Asset> assets, Asset index, String version) {
        this.assets = Map.copyOf(assets);
        this.index = index;
        this.version = version;
    }

    /** Loads the files from the class path ({@code web/…}) and builds the code names. */
    public static WebAssets load(ObjectMapper mapper) {
        return load("web", FILES, Asset.of(CODES, contentType(CODES), CodeNames.json(mapper)));
    }

    /** The staff console's files ({@code console/…}), with the same code names as the directory page. */
    public static WebAssets console(ObjectMapper mapper) {
        return load("console", CONSOLE_FILES, Asset.of(CODES, contentType(CODES), CodeNames.json(mapper)));
    }

    private static WebAssets load(String folder, List<String> files, Asset codes) {
        Map<String, Asset> assets = new LinkedHashMap<>();
        StringBuilder hashes = new StringBuilder();
        for (String name : files) {
            if (!name.equals("index.html")) {
                String from = folder.equals("console") && SHARED.contains(name) ? "web" : folder;
                Asset asset = Asset.of(name, contentType(name), read(from, name));
                assets.put(name, asset);
                hashes.append(asset.etag());
            }
        }
        assets.put(CODES, codes);
        hashes.append(codes.etag());
        byte[] digest = Asset.sha256(hashes.toString().getBytes(StandardCharsets.US_ASCII));
        String version =
                Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 12);
        String html =
                new String(read(folder, "index.html"), StandardCharsets.UTF_8).replace(VERSION_PLACEHOLDER, version);
        Asset index = Asset.of("index.html", contentType("index.html"), html.getBytes(StandardCharsets.UTF_8));
        return new WebAssets(assets, index, version);
    }

    public String version() {
        return version;
    }

    Asset index() {
        return index;
    }

    Optional<Asset> asset(String name) {
        return Optional.ofNullable(assets.get(name));
    }

    static String contentType(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "json" -> "application/json";
            case "svg" -> "image/svg+xml";
            default -> throw new IllegalArgumentException("no content type for " + name);
        };
    }

    private static byte[] read(String folder, String name) {
        try (InputStream in = WebAssets.class.getResourceAsStream("/" + folder + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException(folder + "/" + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
