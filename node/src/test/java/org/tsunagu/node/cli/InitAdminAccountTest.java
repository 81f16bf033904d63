package org.tsunagu.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.db.Database;
import org.tsunagu.node.staff.Role;
import org.tsunagu.node.staff.Staff;

/** {@code init} creates the console's first admin account: password printed once, or from the environment. */
class InitAdminAccountTest {
    @TempDir
    Path tmp;

    private static CliTest.Run init(Path data, Map<String, String> env, String... more) {
        String[] args = {"init", "--data", data.toString(), "--hub", "jp-test", "--country", "JP"};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliTest.run(env, all);
    }

    private static boolean logsIn(Path data, String user, String password) {
        try (Database db = Database.open(data.resolve("tsunagu.db"))) {
            return Staff.open(db, Clock.systemUTC(), new SecureRandom())
                    .accounts()
                    .authenticate(user, password)
                    .filter(a -> a.role() == Role.ADMIN)
                    .isPresent();
        }
    }

    @Test
    void init_noPasswordGiven_createsAdminAndPrintsItsPasswordOnce() {
        Path data = tmp.resolve("data");
        CliTest.Run result = init(data, Map.of(), "--admin-user", "aiko");
        assertEquals(0, result.status(), result.err());
        Matcher m = Pattern.compile("(?m)^  password     (\\S+)$").matcher(result.out());
        assertTrue(m.find(), result.out());
        assertTrue(result.out().contains("user aiko (role admin)"), result.out());
        assertTrue(logsIn(data, "aiko", m.group(1)));
    }

    @Test
    void init_passwordFromEnvironment_usedButNotPrinted_defaultUserAdmin() {
        Path data = tmp.resolve("data");
        String password = "a password from a secret";
        CliTest.Run result = init(data, Map.of("TSUNAGU_ADMIN_PASSWORD", password));
        assertEquals(0, result.status(), result.err());
        assertFalse(result.out().contains(password));
        assertTrue(logsIn(data, "admin", password));
    }

    @Test
    void init_shortPasswordInEnvironment_failsBeforeWritingAnything() {
        Path data = tmp.resolve("data");
        CliTest.Run result = init(data, Map.of("TSUNAGU_ADMIN_PASSWORD", "short"));
        assertEquals(1, result.status());
        assertTrue(result.err().contains("TSUNAGU_ADMIN_PASSWORD"), result.err());
        assertFalse(data.resolve("node.json").toFile().exists());
    }
}
