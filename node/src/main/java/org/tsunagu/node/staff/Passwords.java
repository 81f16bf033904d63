package org.tsunagu.node.staff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (RFC 9106) in the PHC string form {@code
 * $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}. The default parameters are OWASP's minimum for
 * Argon2id (19 MiB, 2 passes, 1 lane): about 50 ms on one core, which makes a stolen database slow
 * to guess at while a login stays instant. A hash keeps its own parameters, so raising them later
 * leaves older hashes verifiable.
 */
public final class Passwords {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 1024;

    static final int DEFAULT_MEMORY_KIB = 19 * 1024;
    static final int DEFAULT_ITERATIONS = 2;
    static final int DEFAULT_PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final SecureRandom random;
    private final int memoryKib;
    private final int iterations;
    /**
     * A hash of nothing anyone knows, checked when the user name is unknown so both cost the same. Made
     * on the first such check, not when the node starts: one Argon2id derivation (19 MiB) on a cold JVM
     * was a fifth of the CPU from start to healthy (issue 14), for a login that may never come.
     */
    private String decoy;

    public Passwords(SecureRandom random) {
        this(random, DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS);
    }

    Passwords(SecureRandom random, int memoryKib, int iterations) {
        this.random = random;
        this.memoryKib = memoryKib;
        this.iterations = iterations;
    }

    /** Why {@code password} cannot be a staff password, or null when it can. */
    public static String problemWith(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return "must be at least " + MIN_LENGTH + " characters";
        }
        if (password.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        return null;
    }

    /** A new salted hash of {@code password}. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = derive(password, salt, memoryKib, iterations, DEFAULT_PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + DEFAULT_PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    /** Whether {@code password} matches {@code phc}; compares in constant time. A malformed hash never matches. */
    public boolean matches(String password, String phc) {
        Matcher m = PHC.matcher(phc == null ? "" : phc);
        if (password == null || !m.matches()) {
            return false;
        }
        byte[] salt = B64D.decode(m.group(4));
        byte[] expected = B64D.decode(m.group(5));
        byte[] actual = derive(
                password,
                salt,
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Spends the time of one check on a hash nobody can match (for an unknown user name). */
    void burnOneCheck(String password) {
        String hash;
        synchronized (this) {
            if (decoy == null) {
                // Making the decoy is one derivation with the same parameters: the first unknown name
                // costs what a check costs, like every later one.
                byte[] unknown = new byte[32];
                random.nextBytes(unknown);
                decoy = hash(B64.encodeToString(unknown));
                return;
            }
            hash = decoy;
        }
        matches(password == null ? "" : password, hash);
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(lanes)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
