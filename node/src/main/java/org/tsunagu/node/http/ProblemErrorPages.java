package org.tsunagu.node.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.util.List;
import org.glassfish.grizzly.http.server.ErrorPageGenerator;
import org.glassfish.grizzly.http.server.Request;

/**
 * Errors Grizzly answers itself, before or around Jersey (a malformed request target, an exception
 * escaping the container), as problem documents too; Grizzly's default page is HTML with a stack
 * trace. A malformed percent-escape in the path is the client's fault: 400, not Grizzly's 500.
 */
final class ProblemErrorPages implements ErrorPageGenerator {
    private final ObjectMapper json;

    ProblemErrorPages(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String generate(Request request, int status, String reasonPhrase, String description, Throwable exception) {
        int answered = status;
        String detail = null;
        if (status == 500 && badUri(exception)) {
            answered = 400;
            detail = "the request target is not a valid URI";
            request.getResponse().setStatus(answered);
        }
        // HtmlHelper keeps a content type that is already set.
        request.getResponse().setContentType(Problem.MEDIA_TYPE);
        Problem problem = new Problem("about:blank", ProblemMapper.phrase(answered), answered, detail, null, List.of());
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            return "{\"type\":\"about:blank\",\"status\":" + answered + "}";
        }
    }

    /** Jersey's container wraps the URISyntaxException of a malformed request target. */
    private static boolean badUri(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof URISyntaxException) {
                return true;
            }
        }
        return false;
    }
}
