package org.tsunagu.node.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.tsunagu.node.http.ApiException;
import org.tsunagu.node.http.ProblemError;
import org.tsunagu.node.staff.AuditLog;
import org.tsunagu.node.staff.Role;
import org.tsunagu.node.staff.Staff;
import org.tsunagu.node.staff.StaffAccount;
import org.tsunagu.node.staff.StaffException;

/** Staff accounts and the audit trail (admins only: {@link StaffPaths}). */
@AdminApi
@Path("/admin/v1")
@Produces(MediaType.APPLICATION_JSON)
public final class StaffAdminResource {
    /** {@code POST /admin/v1/accounts} body. */
    public record NewAccount(
            @JsonProperty("username") String username,
            @JsonProperty("role") String role,
            @JsonProperty("password") String password) {}

    /** An account as listed: never its password hash. */
    public record AccountView(
            @JsonProperty("username") String username,
            @JsonProperty("role") String role,
            @JsonProperty("created_at") String createdAt) {
        static AccountView of(StaffAccount account) {
            return new AccountView(account.username(), account.role().wire(), account.createdAt());
        }
    }

    private final Staff staff;

    public StaffAdminResource(Staff staff) {
        this.staff = staff;
    }

    @GET
    @Path("accounts")
    public List<AccountView> accounts() {
        return staff.accounts().list().stream().map(AccountView::of).toList();
    }

    @POST
    @Path("accounts")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewAccount body) {
        if (body == null) {
            throw new ApiException(400, "send {\"username\", \"role\", \"password\"}");
        }
        try {
            StaffAccount account = staff.accounts()
                    .create(body.username(), Role.of(body.role() == null ? "" : body.role()), body.password());
            return Response.created(URI.create("/admin/v1/accounts/" + account.username()))
                    .entity(AccountView.of(account))
                    .build();
        } catch (StaffException e) {
            throw invalid(e);
        }
    }

    @DELETE
    @Path("accounts/{username}")
    public Response delete(@PathParam("username") String username) {
        try {
            if (!staff.accounts().delete(username)) {
                throw ApiException.notFound("no account named " + username);
            }
        } catch (StaffException e) {
            throw ApiException.conflict(e.getMessage());
        }
        return Response.noContent().build();
    }

    @GET
    @Path("audit")
    public List<AuditLog.Entry> audit(@QueryParam("limit") Integer limit) {
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > 1000) {
            throw ApiException.badParameter("limit", "must be 1..1000");
        }
        return staff.audit().recent(n);
    }

    private static ApiException invalid(StaffException e) {
        return new ApiException(422, "invalid account", List.of(ProblemError.of("$." + e.field(), e.getMessage())));
    }
}
