package org.tsunagu.node.federation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.tsunagu.protocol.canon.StrictJson;

/** Helpers shared by federation tests. */
final class FederationFixtures {
    private FederationFixtures() {}

    static JsonNode json(String text) {
        return StrictJson.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static JsonNode org(String id, String name) {
        return json("{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"country\":\"JP\"}");
    }

    /** Bounded poll for a condition; fails with {@code what} when it does not hold in time. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
