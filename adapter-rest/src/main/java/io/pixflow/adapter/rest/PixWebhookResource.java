package io.pixflow.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pixflow.adapter.rest.PixNotification.Invalid;
import io.pixflow.adapter.rest.PixNotification.Item;
import io.pixflow.adapter.rest.PixNotification.Transfer;
import io.pixflow.adapter.rest.PixNotificationReport.TransferReport;
import io.pixflow.payment.domain.PixTransfer;
import io.pixflow.payment.domain.port.in.ReceivePixTransfers;
import io.pixflow.payment.domain.port.in.ReceivePixTransfers.Receipt;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/pix}: the bank's API Pix callback ({@code <webhook URL>/pix}), a batch of received
 * transfers. Answers 200 with what became of each one, whatever that was: a transfer that pays nothing is reported,
 * not refused, since the money arrived either way, and a redelivered batch gets the same report again.
 */
@Path("/webhooks/pix")
@JsonApi
public final class PixWebhookResource {

    private static final Logger LOG = LoggerFactory.getLogger(PixWebhookResource.class);

    private final ReceivePixTransfers receivePixTransfers;

    public PixWebhookResource(ReceivePixTransfers receivePixTransfers) {
        this.receivePixTransfers = Objects.requireNonNull(receivePixTransfers, "receivePixTransfers");
    }

    @POST
    @SignedByBank
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public PixNotificationReport receive(JsonNode body) {
        List<Item> items = PixNotification.read(body);
        List<PixTransfer> transfers = new ArrayList<>(items.size());
        for (Item item : items) {
            if (item instanceof Transfer transfer) {
                transfers.add(transfer.transfer());
            }
        }
        Iterator<Receipt> receipts = (transfers.isEmpty() ? List.<Receipt>of()
                : receivePixTransfers.receive(transfers)).iterator();
        List<TransferReport> received = new ArrayList<>(items.size());
        for (Item item : items) {
            received.add(item instanceof Invalid invalid ? TransferReport.of(invalid)
                    : TransferReport.of(receipts.next()));
        }
        // Nothing records an unreadable transfer, so the log is where an operator finds it: one line per
        // notification, in this adapter's own words only, since the sender's text could forge log lines.
        received.stream().map(TransferReport::detail).filter(Objects::nonNull).findFirst().ifPresent(first ->
                LOG.warn("a PIX notification had {} of {} transfers that could not be read, reported as invalid;"
                        + " the first: {}", items.size() - transfers.size(), items.size(), first));
        return new PixNotificationReport(PixNotificationReport.RECEIVED, received);
    }
}
