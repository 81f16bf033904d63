/**
 * Staff accounts for the admin console: named accounts with a role ({@code editor} or {@code
 * admin}), Argon2id password hashes ({@link Passwords}), console sessions with their CSRF token
 * ({@link StaffSessions}) and the audit trail of who signed what ({@link AuditLog}). Plain stores on
 * the node's database; the HTTP side (login, the auth filter, roles) lives in {@code admin}.
 */
package org.tsunagu.node.staff;
