package org.tsunagu.node.admin;

import java.util.List;
import java.util.Set;

/**
 * Which admin paths each staff role may use, and the console's cookie and header names. Editors keep
 * the directory: members (organisations, imports, erasures) and partnerships. Everything else under
 * {@code /admin/v1/} (federation, keys, blocks, halts, alerts, bundles, the protocol version, staff
 * accounts and the audit trail) is for admins; a new admin resource is admin-only unless added here.
 */
public final class StaffPaths {
    public static final String SESSION_COOKIE = "tsunagu_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private static final List<String> EDITOR_PREFIXES =
            List.of("admin/v1/organizations", "admin/v1/import/", "admin/v1/partnerships", "admin/v1/erasures");
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private StaffPaths() {}

    /** The console page, its assets and the login endpoint: reachable without any credential. */
    static boolean isOpen(String path) {
        return path.equals("admin")
                || path.equals("admin/")
                || path.startsWith("admin/assets/")
                || path.equals("admin/session");
    }

    static boolean adminOnly(String path) {
        for (String prefix : EDITOR_PREFIXES) {
            if (path.startsWith(prefix)) {
                String rest = path.substring(prefix.length());
                if (prefix.endsWith("/") || rest.isEmpty() || rest.startsWith("/")) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean isSafe(String method) {
        return SAFE.contains(method);
    }
}
