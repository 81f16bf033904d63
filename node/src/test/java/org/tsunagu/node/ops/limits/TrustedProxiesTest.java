package org.tsunagu.node.ops.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.node.http.TrustedProxies;
import org.tsunagu.node.ops.OpsNode;
import org.tsunagu.node.settings.Settings;

/**
 * Behind a reverse proxy: the client address comes from Forwarded / X-Forwarded-For only when the
 * connection comes from a trusted proxy, so rate limits count real clients and a spoofed header from
 * anyone else changes nothing; and Link / Location name the node's public https URL.
 */
class TrustedProxiesTest {
    private static final String PUBLIC_URL = "https://hub.example.test/tsunagu/";

    @TempDir
    Path tmp;

    /** Loopback is limited here (the test's requests come from it), two public requests a minute. */
    private static Settings tight(String trusted) {
        return Settings.defaults()
                .with(Settings.RATE_LIMIT_LOOPBACK, true)
                .with(Settings.RATE_PUBLIC_PER_MINUTE, 1)
                .with(Settings.RATE_PUBLIC_BURST, 2)
                .with(Settings.TRUSTED_PROXIES, TrustedProxies.parse(trusted));
    }

    private static int get(TestClient client, String header, String value) {
        return client.send(client.request("/v1/feeds").header(header, value).GET())
                .status();
    }

    @Test
    void get_throughTrustedProxy_eachForwardedClientHasItsOwnAllowance() {
        try (OpsNode node = new OpsNode(tmp.resolve("n"), "jp-proxied", null, tight("127.0.0.1,::1"))) {
            assertEquals(200, get(node.anonymous, "X-Forwarded-For", "198.51.100.7"));
            assertEquals(200, get(node.anonymous, "X-Forwarded-For", "198.51.100.7"));
            assertEquals(429, get(node.anonymous, "X-Forwarded-For", "198.51.100.7"), "client 7's burst is spent");
            assertEquals(200, get(node.anonymous, "X-Forwarded-For", "198.51.100.8"), "client 8 is not client 7");
            // A chain: the client wrote the left part itself; the proxy appended the address it saw.
            assertEquals(429, get(node.anonymous, "X-Forwarded-For", "203.0.113.99, 198.51.100.7"));
            // RFC 7239 Forwarded, IPv6 quoted with a port.
            assertEquals(200, get(node.anonymous, "Forwarded", "for=\"[2001:db8::1]:4711\";proto=https"));
            assertEquals(200, get(node.anonymous, "Forwarded", "for=\"[2001:db8::1]:4711\";proto=https"));
            assertEquals(429, get(node.anonymous, "Forwarded", "for=\"[2001:db8::1]:4711\";proto=https"));
        }
    }

    @Test
    void get_spoofedForwardedForFromUntrustedAddress_ignored() {
        // Loopback is not a trusted proxy here: its headers are the client's own claims.
        try (OpsNode node = new OpsNode(tmp.resolve("n"), "jp-direct", null, tight("192.0.2.0/24"))) {
            assertEquals(200, get(node.anonymous, "X-Forwarded-For", "198.51.100.1"));
            assertEquals(200, get(node.anonymous, "X-Forwarded-For", "198.51.100.2"));
            assertEquals(
                    429,
                    get(node.anonymous, "X-Forwarded-For", "198.51.100.3"),
                    "a new made-up address each time still spends the connection's own allowance");
            assertEquals(429, get(node.anonymous, "Forwarded", "for=198.51.100.4"));
        }
    }

    @Test
    void feedAndCreate_throughTrustedProxy_linkAndLocationUseThePublicUrl() {
        Settings settings = Settings.defaults().with(Settings.TRUSTED_PROXIES, TrustedProxies.parse("127.0.0.0/8"));
        try (OpsNode node = new OpsNode(tmp.resolve("n"), "jp-public", PUBLIC_URL, settings)) {
            TestClient.Reply created = node.admin.send(node.admin
                    .request("/admin/v1/organizations")
                    .header("Content-Type", "application/json")
                    .header("X-Forwarded-For", "198.51.100.9")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"id\":\"org-1\",\"name\":\"Proxied\",\"country\":\"JP\"}")));
            assertEquals(201, created.status(), created.body());
            assertEquals(
                    PUBLIC_URL + "v1/directory/organizations/jp-public/org-1",
                    created.header("Location"),
                    "Location names the public URL clients use");

            TestClient.Reply page = node.anonymous.send(node.anonymous
                    .request("/v1/feeds/jp-public?limit=1")
                    .header("X-Forwarded-For", "198.51.100.9")
                    .GET());
            assertEquals(200, page.status(), page.body());
            assertEquals("<" + PUBLIC_URL + "v1/feeds/jp-public?after=1&limit=1>; rel=\"next\"", page.header("Link"));
        }
    }

    @Test
    void feed_notThroughAProxy_linkNamesTheAddressTheClientUsed() {
        try (OpsNode node = new OpsNode(tmp.resolve("n"), "jp-plain", PUBLIC_URL, Settings.defaults())) {
            node.admin.postJson("/admin/v1/organizations", "{\"id\":\"org-1\",\"name\":\"Plain\",\"country\":\"JP\"}");
            TestClient.Reply page = node.anonymous.send(node.anonymous
                    .request("/v1/feeds/jp-plain?limit=1")
                    .header("X-Forwarded-For", "198.51.100.9")
                    .GET());
            String link = page.header("Link");
            assertTrue(link.startsWith("<" + node.server.baseUri()), link);
        }
    }

    @Test
    void parse_addressesAndRanges_matchAsWrittenAndNamesAreRefused() throws Exception {
        TrustedProxies proxies = TrustedProxies.parse(" 10.0.0.0/8, ::1 ,192.0.2.1");
        assertTrue(proxies.trusts(InetAddress.getByName("10.200.3.4")));
        assertFalse(proxies.trusts(InetAddress.getByName("11.0.0.1")));
        assertTrue(proxies.trusts(InetAddress.getByName("::1")));
        assertTrue(proxies.trusts(InetAddress.getByName("192.0.2.1")));
        assertFalse(proxies.trusts(InetAddress.getByName("192.0.2.2")));
        assertEquals("10.0.0.0/8,0:0:0:0:0:0:0:1,192.0.2.1", proxies.format());
        assertEquals(TrustedProxies.NONE, TrustedProxies.parse("none"));
        assertEquals("none", TrustedProxies.NONE.format());
        IllegalArgumentException name =
                assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("proxy.example.org"));
        assertTrue(name.getMessage().contains("proxy.example.org"), name.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/x"));
    }
}
