package org.tsunagu.node.federation;

import java.util.List;
import org.tsunagu.node.http.ApiException;
import org.tsunagu.node.http.ProblemError;

/**
 * A federation request refused with an HTTP status (401 bad signature, 403 not a peer, 409 key
 * conflict, 413 too large, 502 peer down); the http package turns it into problem+json.
 */
public class FederationException extends ApiException {
    public FederationException(int status, String detail) {
        super(status, detail);
    }

    /** @param path the JSON path at fault, reported as the problem's {@code errors[0].path} */
    public FederationException(int status, String detail, String path) {
        super(status, detail, List.of(ProblemError.of(path, detail)));
    }
}
