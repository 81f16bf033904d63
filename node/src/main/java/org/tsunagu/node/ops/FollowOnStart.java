package org.tsunagu.node.ops;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.tsunagu.node.federation.PeerService.SubscriptionView;

/**
 * {@code serve --follow URL}: follows peers named on the command line, in the background, retrying
 * while they are not up yet (a federation's nodes start together) and while the subscription is still
 * pending (until the other side pins this node, as it does when the nodes follow each other), for a
 * bounded time. Following again is harmless, so the same flags can be given on every start.
 */
public final class FollowOnStart implements AutoCloseable {
    private final Thread thread;

    private FollowOnStart(Thread thread) {
        this.thread = thread;
    }

    /**
     * @param follow follows one URL (pinning its key on first sight) and returns the subscription; throws
     *     when the peer cannot be reached
     * @param retryEvery the pause between rounds
     * @param giveUpAfter how long to keep trying URLs that are not active yet
     */
    public static FollowOnStart start(
            List<String> urls,
            Function<String, SubscriptionView> follow,
            PrintWriter out,
            Duration retryEvery,
            Duration giveUpAfter) {
        Objects.requireNonNull(follow, "follow");
        List<String> todo = List.copyOf(urls);
        Thread thread = new Thread(() -> run(todo, follow, out, retryEvery, giveUpAfter), "tsunagu-follow");
        thread.setDaemon(true);
        if (!todo.isEmpty()) {
            thread.start();
        }
        return new FollowOnStart(thread);
    }

    private static void run(
            List<String> urls,
            Function<String, SubscriptionView> follow,
            PrintWriter out,
            Duration every,
            Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        Map<String, String> last = new LinkedHashMap<>();
        List<String> pending = new ArrayList<>(urls);
        while (!pending.isEmpty() && !Thread.currentThread().isInterrupted()) {
            for (String url : List.copyOf(pending)) {
                String state;
                try {
                    SubscriptionView view = follow.apply(url);
                    state = view.hub() + " " + view.status();
                    if ("active".equals(view.status())) {
                        pending.remove(url);
                    }
                } catch (RuntimeException e) {
                    state = "not reachable yet (" + e.getMessage() + ")";
                }
                if (!state.equals(last.put(url, state))) {
                    out.println("tsunagu: following " + url + ": " + state);
                    out.flush();
                }
            }
            if (pending.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
        for (String url : pending) {
            out.println("tsunagu: still not an active follower of " + url + " (" + last.get(url)
                    + "); pulls from it continue; see GET /admin/v1/subscriptions");
        }
        out.flush();
    }

    /** Stops trying. */
    @Override
    public void close() {
        thread.interrupt();
    }
}
