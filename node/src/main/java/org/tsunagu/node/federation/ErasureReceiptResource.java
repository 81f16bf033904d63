package org.tsunagu.node.federation;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.tsunagu.protocol.ErasureReceipt;

/**
 * {@code POST /v1/erasure-receipts}: a node that applied one of this hub's erases says so (SPEC §6.11).
 * The receipt carries its own signature, checked with the key it names before anything is stored; a
 * malformed or forged one is a problem document naming the member at fault.
 */
@Path("v1/erasure-receipts")
public final class ErasureReceiptResource {
    private final ErasureReceipts receipts;

    ErasureReceiptResource(ErasureReceipts receipts) {
        this.receipts = receipts;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(byte[] body) {
        ErasureReceipt receipt = ErasureReceipt.parseVerified(body == null ? new byte[0] : body);
        receipts.receive(receipt);
        return Response.accepted(Map.of("status", "kept")).build();
    }
}
