package org.tsunagu.node.federation;

import jakarta.inject.Provider;
import org.glassfish.grizzly.http.server.Request;

/** The address a request came from, as the connection says (null when unknown). */
final class ClientAddress {
    private ClientAddress() {}

    static String of(Provider<Request> request) {
        Request r = request == null ? null : request.get();
        return r == null ? null : r.getRemoteAddr();
    }
}
