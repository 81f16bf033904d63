package org.tsunagu.node.cli;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What commands take from their surroundings, passed in so tests can run them in-process.
 *
 * @param env the environment variables (TSUNAGU_*)
 */
public record CliContext(Map<String, String> env, Clock clock, SecureRandom random) {
    public static final String ADMIN_TOKEN_VARIABLE = "TSUNAGU_ADMIN_TOKEN";

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
}
