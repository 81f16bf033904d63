package org.tsunagu.node.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tsunagu.node.db.StorageFullException;
import org.tsunagu.protocol.ChainException;
import org.tsunagu.protocol.InvalidSignatureException;
import org.tsunagu.protocol.ProtocolException;
import org.tsunagu.protocol.ValidationException;

/**
 * The one place where exceptions become HTTP answers: every error, Jersey's own included (404 for an
 * unknown path, 405, 415), leaves as {@code application/problem+json}. Unexpected failures answer 500
 * with no detail; the stack trace goes to the log only.
 */
public final class ProblemMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);
    private static final String TYPE_BASE = "urn:tsunagu:problem:";
    private static final Map<Integer, String> EXTRA_PHRASES = Map.of(
            413,
            "Content Too Large",
            422,
            "Unprocessable Content",
            429,
            "Too Many Requests",
            507,
            "Insufficient Storage");

    private final ObjectMapper json;

    @Context
    private UriInfo uriInfo;

    public ProblemMapper(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable cause = meaningfulCause(thrown);
        Problem problem = problemFor(cause);
        if (uriInfo != null) {
            problem = problem.withInstance("/" + uriInfo.getPath());
        }
        Response.ResponseBuilder response =
                Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(render(problem));
        if (cause instanceof WebApplicationException wae) {
            // Keep what Jersey put there on purpose, e.g. Allow on a 405.
            wae.getResponse().getStringHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(v -> response.header(name, v));
                }
            });
        }
        if (problem.status() == 401) {
            response.header("WWW-Authenticate", "Bearer realm=\"tsunagu-admin\"");
        }
        if (problem.status() == 503) {
            long retryAfter = cause instanceof ApiException e ? e.retryAfterSeconds() : 0;
            response.header("Retry-After", Long.toString(Math.max(1, retryAfter)));
        }
        if (problem.status() == 429 && cause instanceof ApiException e && e.retryAfterSeconds() > 0) {
            response.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        if (problem.status() == 408 || problem.status() == 413 || problem.status() == 503) {
            // The body may be unread (or be arriving slowly): the connection cannot serve another request.
            response.header("Connection", "close");
        }
        return response.build();
    }

    /** Jersey wraps reader failures; the interesting exception is the innermost one we know. */
    private static Throwable meaningfulCause(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ProtocolException
                    || t instanceof PayloadTooLargeException
                    || t instanceof ApiException
                    || t instanceof JacksonException
                    || t instanceof StorageFullException) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return thrown;
    }

    static Problem problemFor(Throwable t) {
        if (t instanceof ValidationException e) {
            return new Problem(
                    TYPE_BASE + "invalid",
                    "The request is well-formed but invalid",
                    422,
                    e.errors().size() == 1 ? e.getMessage() : e.errors().size() + " fields are invalid",
                    null,
                    e.errors().stream().map(ProblemError::of).toList());
        }
        if (t instanceof ChainException e) {
            return typed("chain", 409, "The update does not follow its log", e.getMessage(), e.path());
        }
        if (t instanceof InvalidSignatureException e) {
            return typed("signature", 400, "A signature does not verify", e.getMessage(), e.path());
        }
        if (t instanceof ProtocolException e) {
            return typed("malformed", 400, "The request body is malformed", e.getMessage(), e.path());
        }
        if (t instanceof UnrecognizedPropertyException e) {
            return typed(
                    "malformed",
                    400,
                    "The request body is malformed",
                    "unknown member \"" + e.getPropertyName() + "\"",
                    jsonPath(e));
        }
        if (t instanceof JsonMappingException e) {
            return typed("malformed", 400, "The request body is malformed", e.getOriginalMessage(), jsonPath(e));
        }
        if (t instanceof JacksonException e) {
            return typed(
                    "malformed",
                    400,
                    "The request body is malformed",
                    "malformed JSON: " + e.getOriginalMessage(),
                    "$");
        }
        if (t instanceof StorageFullException) {
            // Not the client's fault and not a bug: say so, so the admin frees space; reads still work.
            LOG.warn("a write was refused: the disk is full");
            return new Problem(
                    TYPE_BASE + "disk-full",
                    "The node's disk is full",
                    507,
                    "the disk holding the database is full: nothing of this write was stored; reads still"
                            + " work, and writes succeed again once space is freed",
                    null,
                    List.of());
        }
        if (t instanceof PayloadTooLargeException e) {
            return plain(413, e.getMessage());
        }
        if (t instanceof ApiException e) {
            return new Problem("about:blank", phrase(e.status()), e.status(), e.getMessage(), null, e.errors());
        }
        if (t instanceof WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 500) {
                LOG.warn("request failed", e);
            }
            return plain(status, status == 404 ? "no resource at this path" : null);
        }
        LOG.warn("request failed", t);
        return plain(500, null);
    }

    private static Problem typed(String type, int status, String title, String detail, String path) {
        return new Problem(TYPE_BASE + type, title, status, detail, null, List.of(ProblemError.of(path, detail)));
    }

    private static Problem plain(int status, String detail) {
        return new Problem("about:blank", phrase(status), status, detail, null, List.of());
    }

    static String phrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return EXTRA_PHRASES.getOrDefault(status, "HTTP " + status);
    }

    /** Jackson's reference chain as a JSON path: {@code $.parties[1].role}. */
    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder("$");
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private String render(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JacksonException e) {
            // Cannot happen for this record; answer something well-formed anyway.
            return "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500}";
        }
    }
}
