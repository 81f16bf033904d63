package org.tsunagu.node.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.TestNode;
import org.tsunagu.node.http.TestClient;
import org.tsunagu.node.ops.MutableClock;

/**
 * Staff sessions over real HTTP on a real node: login, the cookie's attributes, CSRF, roles, expiry,
 * rate limits, the audit trail, and the bearer token beside them.
 */
class StaffSessionTest {
    private static final String ORG = "{\"id\": \"shapla\", \"name\": \"Shapla Neer\", \"country\": \"JP\"}";

    @TempDir
    Path dir;

    private TestNode node;

    @BeforeEach
    void start() {
        // Held still: ten Argon2id logins can take longer than the limit's refill (6 s) on a loaded
        // machine, and the limits must be tested as written, not as fast as the machine allows.
        node = TestNode.start(dir, "jp-janic", "JP", new MutableClock(Instant.now()));
        createAccount("aiko", "admin", "aiko's long password");
        createAccount("somchai", "editor", "somchai's long password");
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private void createAccount(String name, String role, String password) {
        TestClient.Reply created = node.admin.postJson(
                "/admin/v1/accounts",
                "{\"username\": \"" + name + "\", \"role\": \"" + role + "\", \"password\": \"" + password + "\"}");
        assertEquals(201, created.status(), created.body());
    }

    /** A logged-in session: the cookie's name=value and the CSRF token. */
    record Session(String cookie, String csrf) {}

    private TestClient.Reply login(String name, String password) {
        return node.anyone.postJson(
                "/admin/session", "{\"username\": \"" + name + "\", \"password\": \"" + password + "\"}");
    }

    private Session session(String name, String password) {
        TestClient.Reply reply = login(name, password);
        assertEquals(200, reply.status(), reply.body());
        String setCookie = reply.header("Set-Cookie");
        return new Session(
                setCookie.substring(0, setCookie.indexOf(';')),
                reply.json().get("csrf").asText());
    }

    private TestClient.Reply send(Session session, String method, String path, String body, boolean withCsrf) {
        HttpRequest.Builder request = node.anyone.request(path).header("Cookie", session.cookie());
        if (withCsrf) {
            request.header("X-CSRF-Token", session.csrf());
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return node.anyone.send(request.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void login_rightPassword_setsHttpOnlyStrictSessionCookieAndAnswersTheCsrfToken() {
        TestClient.Reply reply = login("aiko", "aiko's long password");
        assertEquals(200, reply.status(), reply.body());
        String cookie = reply.header("Set-Cookie");
        assertTrue(cookie.startsWith("tsunagu_session="), cookie);
        assertTrue(cookie.contains("; HttpOnly"), cookie);
        assertTrue(cookie.contains("; SameSite=Strict"), cookie);
        assertTrue(cookie.contains("; Path=/admin"), cookie);
        assertFalse(cookie.contains("Secure"), "plain http on loopback: not Secure, or the browser would drop it");
        JsonNode me = reply.json();
        assertEquals("aiko", me.get("username").asText());
        assertEquals("admin", me.get("role").asText());
        assertEquals(43, me.get("csrf").asText().length());
        String value = cookie.substring("tsunagu_session=".length(), cookie.indexOf(';'));
        assertFalse(reply.body().contains(value), "the session secret is only in the HttpOnly cookie");
        assertEquals("no-store", reply.header("Cache-Control"));

        Session session = session("aiko", "aiko's long password");
        assertEquals(
                "aiko",
                send(session, "GET", "/admin/session", null, false)
                        .json()
                        .get("username")
                        .asText());
    }

    @Test
    void login_wrongPasswordOrUnknownUser_answersTheSameGenericMessage() {
        TestClient.Reply wrongPassword = login("aiko", "not the password");
        TestClient.Reply unknownUser = login("nobody", "aiko's long password");
        assertEquals(401, wrongPassword.status());
        assertEquals(401, unknownUser.status());
        assertEquals(
                "wrong user name or password",
                wrongPassword.json().get("detail").asText());
        assertEquals(wrongPassword.json().get("detail"), unknownUser.json().get("detail"));
        assertEquals(null, wrongPassword.header("Set-Cookie"));
    }

    @Test
    void login_afterFiveFailuresOnOneAccount_isLimitedEvenWithTheRightPassword() {
        for (int i = 0; i < 5; i++) {
            assertEquals(401, login("aiko", "guess " + i).status());
        }
        TestClient.Reply limited = login("aiko", "aiko's long password");
        assertEquals(429, limited.status(), limited.body());
        assertNotNull(limited.header("Retry-After"));
        assertFalse(limited.body().contains("password is"), limited.body());
        assertEquals(200, login("somchai", "somchai's long password").status(), "another account is not held back");
    }

    @Test
    void login_afterTenFailuresFromOneAddress_isLimitedForEveryAccount() {
        for (int i = 0; i < 10; i++) {
            assertEquals(401, login("user" + i, "guess").status());
        }
        assertEquals(429, login("somchai", "somchai's long password").status());
    }

    @Test
    void write_withoutOrWithWrongCsrfToken_is403AndChangesNothing() {
        Session session = session("aiko", "aiko's long password");
        TestClient.Reply without = send(session, "POST", "/admin/v1/organizations", ORG, false);
        assertEquals(403, without.status(), without.body());
        TestClient.Reply wrong =
                send(new Session(session.cookie(), "x".repeat(43)), "POST", "/admin/v1/organizations", ORG, true);
        assertEquals(403, wrong.status());
        assertEquals(
                404,
                node.anyone.get("/v1/directory/organizations/jp-janic/shapla").status());
        assertTrue(
                node.admin.get("/admin/v1/audit").json().findValues("action").stream()
                        .noneMatch(a -> a.asText().startsWith("POST /admin/v1/organizations")),
                "a refused request is not even audited as an action");

        TestClient.Reply done = send(session, "POST", "/admin/v1/organizations", ORG, true);
        assertEquals(201, done.status(), done.body());
        assertEquals(
                200,
                node.anyone.get("/v1/directory/organizations/jp-janic/shapla").status());
    }

    @Test
    void write_byAccountOrToken_isAuditedWithTheEnvelopeItSigned() {
        Session session = session("somchai", "somchai's long password");
        JsonNode written =
                send(session, "POST", "/admin/v1/organizations", ORG, true).json();
        node.admin.delete("/admin/v1/organizations/shapla");
        JsonNode audit = node.admin.get("/admin/v1/audit").json();
        JsonNode byToken = audit.get(0);
        assertEquals("token", byToken.get("actor").asText());
        assertEquals(
                "DELETE /admin/v1/organizations/shapla", byToken.get("action").asText());
        JsonNode bySomchai = audit.get(1);
        assertEquals("somchai", bySomchai.get("actor").asText());
        assertEquals("POST /admin/v1/organizations", bySomchai.get("action").asText());
        assertEquals(201, bySomchai.get("status").asInt());
        assertEquals(
                "jp-janic/" + written.get("seq").asLong() + " "
                        + written.get("hash").asText(),
                bySomchai.get("envelopes").get(0).asText());
    }

    @Test
    void editor_adminOnlyActions_are403_membersAndPartnershipsAreAllowed() {
        Session editor = session("somchai", "somchai's long password");
        assertEquals(
                403,
                send(editor, "POST", "/admin/v1/peers", "{\"url\": \"http://127.0.0.1:9/\"}", true)
                        .status());
        assertEquals(
                403,
                send(editor, "POST", "/admin/v1/blocks", "{\"hub\": \"th-x\"}", true)
                        .status());
        assertEquals(
                403, send(editor, "POST", "/admin/v1/keys/rotate", "{}", true).status());
        assertEquals(403, send(editor, "GET", "/admin/v1/alerts", null, false).status());
        assertEquals(403, send(editor, "GET", "/admin/v1/accounts", null, false).status());
        assertEquals(403, send(editor, "GET", "/admin/v1/audit", null, false).status());
        assertEquals(403, send(editor, "GET", "/admin/v1/bundles", null, false).status());
        assertEquals(403, send(editor, "GET", "/admin/v1/backup", null, false).status());
        assertEquals(
                403,
                send(editor, "POST", "/admin/v1/protocol", "{\"version\": 2}", true)
                        .status());
        assertEquals(
                201, send(editor, "POST", "/admin/v1/organizations", ORG, true).status());
        assertEquals(200, send(editor, "GET", "/admin/v1/erasures", null, false).status());

        Session admin = session("aiko", "aiko's long password");
        assertEquals(200, send(admin, "GET", "/admin/v1/alerts", null, false).status());
        assertEquals(200, send(admin, "GET", "/admin/v1/accounts", null, false).status());
        TestClient.Reply backup = send(admin, "GET", "/admin/v1/backup", null, false);
        assertEquals(200, backup.status());
        assertTrue(backup.body().startsWith("SQLite format 3"), "an SQLite database file");
        assertTrue(backup.header("Content-Disposition").startsWith("attachment; filename=\"tsunagu-"));
    }

    @Test
    void session_expiredOrLoggedOut_is401() {
        Session session = session("aiko", "aiko's long password");
        assertEquals(200, send(session, "GET", "/admin/v1/alerts", null, false).status());
        node.node.database().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE staff_sessions SET expires_at = ?")) {
                ps.setString(1, "2026-01-01T00:00:00Z");
                ps.executeUpdate();
            }
            return null;
        });
        assertEquals(401, send(session, "GET", "/admin/v1/alerts", null, false).status());
        assertEquals(401, send(session, "GET", "/admin/session", null, false).status());

        Session second = session("aiko", "aiko's long password");
        assertEquals(403, send(second, "DELETE", "/admin/session", null, false).status(), "logout needs CSRF too");
        TestClient.Reply out = send(second, "DELETE", "/admin/session", null, true);
        assertEquals(204, out.status());
        assertTrue(out.header("Set-Cookie").contains("Max-Age=0"));
        assertEquals(401, send(second, "GET", "/admin/v1/alerts", null, false).status());
    }

    @Test
    void bearerToken_stillWorks_andTheConsolePageIsOpenButHoldsNoSecret() {
        assertEquals(201, node.admin.postJson("/admin/v1/organizations", ORG).status());
        assertEquals(401, node.anyone.get("/admin/v1/alerts").status());
        TestClient.Reply page = node.anyone.get("/admin");
        assertEquals(200, page.status());
        assertTrue(page.header("Content-Security-Policy").contains("require-trusted-types-for 'script'"));
        assertFalse(page.body().contains(node.token));
        assertEquals(401, node.anyone.get("/admin/session").status());
        Session session = session("aiko", "aiko's long password");
        String me = send(session, "GET", "/admin/session", null, false).body();
        assertFalse(me.contains(node.token));
        JsonNode accounts =
                send(session, "GET", "/admin/v1/accounts", null, false).json();
        assertFalse(accounts.toString().contains("argon2"), "password hashes never leave the node");
    }
}
