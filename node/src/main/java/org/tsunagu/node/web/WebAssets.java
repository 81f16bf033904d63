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
import java.util.function.Supplier;

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
            "crisis.js",
            "detail.js",
            "dom.js",
            "hubs.js",
            "i18n.js",
            "lang.js",
            "map.js",
            "network.js",
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
            "audience.js",
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

    /** The map's library, from its WebJars: asset name -> package and file inside the package. */
    static final Map<String, String[]> LIBRARIES = Map.of(
            "d3-array.min.js", new String[] {"d3-array", "dist/d3-array.min.js"},
            "d3-geo.min.js", new String[] {"d3-geo", "dist/d3-geo.min.js"});

    private static final String VERSION_PLACEHOLDER = "@VERSION@";

    private final Map<String, Asset> assets;
    private final Asset index;
    private final String version;

    private WebAssets(Map<String, Asset> assets, Asset index, String version) {
        this.assets = Map.copyOf(assets);
        this.index = index;
        this.version = version;
    }

    /**
     * Loads the directory page's files from the class path ({@code web/…}) with the code names, the
     * map's country outlines and its d3 libraries.
     */
    public static WebAssets load(ObjectMapper mapper) {
        Map<String, Asset> generated = new LinkedHashMap<>();
        generated.put(CODES, codes(mapper));
        generated.put(
                CountryOutlines.ASSET,
                Asset.of(CountryOutlines.ASSET, contentType(CountryOutlines.ASSET), CountryOutlines.json(mapper)));
        for (String name : List.of("d3-array.min.js", "d3-geo.min.js")) {
            String[] library = LIBRARIES.get(name);
            generated.put(name, Asset.of(name, contentType(name), webJar(library[0], library[1])));
        }
        return load("web", FILES, generated);
    }

    /** The staff console's files ({@code console/…}), with the same code names as the directory page. */
    public static WebAssets console(ObjectMapper mapper) {
        return load("console", CONSOLE_FILES, Map.of(CODES, codes(mapper)));
    }

    /** {@code make}'s assets, made once on first use (by whichever request comes first). */
    public static Supplier<WebAssets> lazily(Supplier<WebAssets> make) {
        return new Supplier<>() {
            private volatile WebAssets made;

            @Override
            public WebAssets get() {
                WebAssets a = made;
                if (a == null) {
                    synchronized (this) {
                        a = made;
                        if (a == null) {
                            a = make.get();
                            made = a;
                        }
                    }
                }
                return a;
            }
        };
    }

    private static Asset codes(ObjectMapper mapper) {
        return Asset.of(CODES, contentType(CODES), CodeNames.json(mapper));
    }

    private static WebAssets load(String folder, List<String> files, Map<String, Asset> generated) {
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
        for (Asset asset : generated.values()) {
            assets.put(asset.name(), asset);
            hashes.append(asset.etag());
        }
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

    /**
     * A file of an npm WebJar on the class path, at the version the build resolved (its
     * {@code pom.properties}), so upgrading the dependency needs no change here.
     */
    private static byte[] webJar(String artifact, String file) {
        java.util.Properties pom = new java.util.Properties();
        try (InputStream in = WebAssets.class.getResourceAsStream(
                "/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the " + artifact + " WebJar is missing from the class path");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return readPath("/META-INF/resources/webjars/" + artifact + "/" + pom.getProperty("version") + "/" + file);
    }

    private static byte[] read(String folder, String name) {
        return readPath("/" + folder + "/" + name);
    }

    private static byte[] readPath(String path) {
        try (InputStream in = WebAssets.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
