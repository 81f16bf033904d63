package org.tsunagu.node.cli;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.tsunagu.node.app.Initializer;

/**
 * What commands take from their surroundings, passed in so tests can run them in-process.
 *
 * @param env the environment variables (TSUNAGU_*)
 */
public record CliContext(Map<String, String> env, Clock clock, SecureRandom random) {
    public static final String ADMIN_TOKEN_VARIABLE = Initializer.ADMIN_TOKEN_VARIABLE;
    public static final String ADMIN_USER_VARIABLE = Initializer.ADMIN_USER_VARIABLE;
    public static final String ADMIN_PASSWORD_VARIABLE = Initializer.ADMIN_PASSWORD_VARIABLE;

    public CliContext {
        env = Map.copyOf(env);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
    }

    /** The admin token set by TSUNAGU_ADMIN_TOKEN, or null. */
    public String adminTokenFromEnv() {
        String token = env.get(ADMIN_TOKEN_VARIABLE);
        return token == null || token.isBlank() ? null : token.strip();
    }

    /** The first staff account's password set by TSUNAGU_ADMIN_PASSWORD, or null (taken as it is: no strip). */
    public String adminPasswordFromEnv() {
        String password = env.get(ADMIN_PASSWORD_VARIABLE);
        return password == null || password.isEmpty() ? null : password;
    }

    /** The first staff account's name: the flag, else TSUNAGU_ADMIN_USER, else {@code admin}. */
    public String adminUser(String flag) {
        if (flag != null && !flag.isBlank()) {
            return flag.strip();
        }
        String user = env.get(ADMIN_USER_VARIABLE);
        return user == null || user.isBlank() ? "admin" : user.strip();
    }
}
