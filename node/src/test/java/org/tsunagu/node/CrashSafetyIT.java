package org.tsunagu.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tsunagu.node.http.TestClient;

/**
 * kill -9 a node in the middle of a stream of admin writes, several times over: afterwards the log
 * verifies and every write that was acknowledged with 201 is there.
 */
class CrashSafetyIT {
    private static final int ROUNDS = 6;
    private static final int WRITERS = 4;

    @TempDir
    Path tmp;

    @Test
    void killDuringWrites_everyAcknowledgedWriteSurvivesAndLogVerifies() throws Exception {
        Path data = tmp.resolve("data");
        NodeProcess.Result init =
                NodeProcess.run("init", "--data", data.toString(), "--hub", "jp-crash", "--country", "JP");
        assertEquals(0, init.status(), init.out());
        Matcher token = Pattern.compile("admin token\\s+(\\S+)").matcher(init.out());
        assertTrue(token.find(), init.out());

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Queue<String> refused = new ConcurrentLinkedQueue<>();
        for (int round = 0; round < ROUNDS; round++) {
            int killAfter = 40 + 37 * round;
            try (NodeProcess node = NodeProcess.serve(data)) {
                TestClient admin = new TestClient(node.base(), token.group(1));
                AtomicInteger acks = new AtomicInteger();
                CountDownLatch enough = new CountDownLatch(1);
                List<Thread> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    String prefix = "r" + round + "-w" + w + "-";
                    Thread writer =
                            new Thread(() -> write(admin, prefix, refused, acknowledged, acks, killAfter, enough));
                    writer.start();
                    writers.add(writer);
                }
                assertTrue(enough.await(120, TimeUnit.SECONDS), "writes are acknowledged");
                node.kill();
                for (Thread writer : writers) {
                    writer.join(60_000);
                }
            }
        }

        assertEquals(List.of(), List.copyOf(refused), "no write was refused while the node ran");
        NodeProcess.Result verify = NodeProcess.run("verify", "--data", data.toString());
        assertEquals(0, verify.status(), verify.out());
        try (NodeProcess node = NodeProcess.serve(data)) {
            TestClient reader = new TestClient(node.base(), null);
            for (String id : acknowledged) {
                assertEquals(
                        200,
                        reader.get("/v1/directory/organizations/jp-crash/" + id).status(),
                        "acknowledged write " + id + " is stored");
            }
        }
        assertTrue(acknowledged.size() >= ROUNDS * 40, "writes happened: " + acknowledged.size());
    }

    /**
     * Posts organisations until the node dies; records every id answered with 201, and any other answer
     * (which would be a bug: these records are valid).
     */
    private static void write(
            TestClient admin,
            String prefix,
            Queue<String> refused,
            Set<String> acknowledged,
            AtomicInteger acks,
            int killAfter,
            CountDownLatch enough) {
        for (int i = 0; ; i++) {
            String id = prefix + i;
            try {
                TestClient.Reply reply = admin.postJson(
                        "/admin/v1/organizations",
                        "{\"id\":\"" + id + "\",\"name\":\"Crash test " + id + "\",\"country\":\"JP\"}");
                if (reply.status() != 201) {
                    refused.add(id + ": " + reply.status() + " " + reply.body());
                    return;
                }
                acknowledged.add(id);
                if (acks.incrementAndGet() >= killAfter) {
                    enough.countDown();
                }
            } catch (UncheckedIOException e) {
                // The node was killed under us: the write in flight may or may not be stored.
                return;
            }
        }
    }
}
