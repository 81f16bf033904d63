package org.tsunagu.node.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tsunagu.node.http.SelfRequests;

/**
 * Sends this node the requests of a first visit to its directory page, once, right after start: the
 * page, its scripts and code names, the first results and their counts, a text search, the hubs page's
 * data. The first visitor then finds the classes of that path loaded and compiled, Jersey's resource
 * methods and Jackson's serialisers built, and the SQLite pages of a first page cached, instead of
 * paying for them (measured: the first page load after start took 741 ms at a million
 * organisations). Only cheap requests: no count over a large search. One count of a filter that
 * matches nothing builds the filter values every later search is counted from (FacetColumn: ~0.7 s
 * and ~30 MB at a million organisations), which the first search's map would otherwise wait for.
 * {@code serve} runs it in the background; the {@code warmup} command runs it for the class-data
 * sharing archive.
 */
public final class WebWarmup {
    private static final Logger LOG = LoggerFactory.getLogger(WebWarmup.class);
    private static final Pattern ASSETS = Pattern.compile("/assets/([A-Za-z0-9_-]+)/");
    /** A word no directory is likely to hold: the text search runs, and matches nothing to count. */
    private static final String RARE_WORD = "zqxwarmup";
    /** A country code no organisation has (user-assigned in ISO 3166): a filter that matches nothing. */
    private static final String NO_COUNTRY = "ZZ";

    private WebWarmup() {}

    /** How long the warm-up waits for a sync to end before it runs anyway. */
    private static final long MAX_WAIT_MILLIS = 120_000;

    /**
     * Runs {@link #visit} on a daemon thread, each request once {@code busy} is false (or after {@link
     * #MAX_WAIT_MILLIS}):
     * on two cores, the warm-up's requests and the compiling they cause took a fifth of a new follower's
     * CPU during its first sync (issue 14), which matters more than the first visitor's page. Failures
     * are logged at debug level and ignored.
     */
    public static Thread start(URI base, BooleanSupplier busy) {
        Thread thread = new Thread(() -> visit(base, busy), "tsunagu-web-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return thread;
    }

    private static void waitWhile(BooleanSupplier busy) {
        long deadline = System.nanoTime() + MAX_WAIT_MILLIS * 1_000_000;
        try {
            // Polled: a sync can start at any moment (a subscription, a push with a gap), and a check
            // every quarter second costs nothing beside it.
            while (busy.getAsBoolean() && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The requests, in the order a browser makes them; returns the status of each. */
    public static List<Integer> visit(URI base) {
        return visit(base, () -> false);
    }

    /** {@link #visit(URI)}, each request sent only once {@code busy} is false (or waited for too long). */
    static List<Integer> visit(URI base, BooleanSupplier busy) {
        URI self = loopback(base);
        List<Integer> statuses = new ArrayList<>();
        waitWhile(busy);
        String page = get(self, "/", statuses);
        Matcher assets = ASSETS.matcher(page);
        List<String> paths = new ArrayList<>();
        if (assets.find()) {
            String prefix = "/assets/" + assets.group(1) + "/";
            paths.addAll(List.of(prefix + "app.js", prefix + WebAssets.CODES));
        }
        paths.addAll(List.of(
                "/v1/directory/organizations?limit=20",
                "/v1/directory/facets",
                "/v1/directory/organizations?q=" + RARE_WORD + "&limit=20",
                "/v1/directory/facets?q=" + RARE_WORD,
                "/v1/directory/aggregates?country=" + NO_COUNTRY,
                "/v1/directory/hub-status"));
        for (String path : paths) {
            waitWhile(busy);
            get(self, path, statuses);
        }
        return statuses;
    }

    /** Where this node answers itself: a wildcard listen address is reached on the loopback. */
    static URI loopback(URI base) {
        String host = base.getHost();
        if (host == null || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            try {
                return new URI(base.getScheme(), null, "127.0.0.1", base.getPort(), "/", null, null);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return base;
    }

    /** GETs {@code path}, gzip accepted as browsers do; returns the body as text (empty on failure). */
    private static String get(URI base, String path, List<Integer> statuses) {
        try {
            HttpURLConnection c = (HttpURLConnection) base.resolve(path).toURL().openConnection();
            c.setConnectTimeout(2000);
            c.setReadTimeout(10_000);
            c.setRequestProperty("Accept-Encoding", "gzip");
            // Not a client's traffic: rate limits leave it out.
            c.setRequestProperty(SelfRequests.HEADER, SelfRequests.token());
            c.setRequestProperty("Accept", path.startsWith("/v1/") ? "application/json" : "*/*");
            int status = c.getResponseCode();
            statuses.add(status);
            try (InputStream raw = status < 400 ? c.getInputStream() : c.getErrorStream()) {
                if (raw == null) {
                    return "";
                }
                InputStream in = "gzip".equals(c.getContentEncoding()) ? new GZIPInputStream(raw) : raw;
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("warm-up request {} failed: {}", path, e.toString());
            statuses.add(-1);
            return "";
        }
    }
}
