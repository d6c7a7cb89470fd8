package io.pixflow.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pixflow.payment.domain.InvalidValueException;
import io.pixflow.payment.domain.Money;
import io.pixflow.payment.domain.PixTransfer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /webhooks/pix}, the Banco Central API Pix callback:
 * {@code {"pix": [{"endToEndId", "txid"?, "valor": "123.45", "horario": "2020-09-09T20:15:00.358Z", ...}]}}.
 *
 * <p>A body of another shape is the sender's bug and is refused whole (400). A well-formed body with one unreadable
 * transfer is not: refusing it would make the bank resend the whole batch forever and hold back the good transfers
 * in it, so each transfer is read on its own and an unreadable one is reported back as {@link Invalid}.
 */
final class PixNotification {

    /** Far more than a bank batches; the 64 KiB body limit comes first for real transfers. */
    static final int MAX_TRANSFERS = 1000;
    /** API Pix txids have at most 35 characters; the transfer log keeps up to 255, so nothing real is refused. */
    static final int MAX_TXID_LENGTH = 255;

    private static final String EXAMPLE_TIME = "2020-09-09T20:15:00.358Z";

    private PixNotification() {
    }

    /** One transfer of the notification, in the order sent. */
    sealed interface Item permits Transfer, Invalid {
    }

    record Transfer(PixTransfer transfer) implements Item {
    }

    /**
     * @param endToEndId what was sent, when it was a string
     * @param txid       what was sent, when it was a string
     * @param detail     what is wrong, in the words of the API Pix fields
     */
    record Invalid(String endToEndId, String txid, String detail) implements Item {
    }

    /** @throws InvalidValueException when the body is not a notification at all */
    static List<Item> read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidValueException("the request body", "must be a JSON object such as {\"pix\": [...]}");
        }
        JsonNode pix = body.get("pix");
        if (pix == null || !pix.isArray() || pix.isEmpty() || pix.size() > MAX_TRANSFERS) {
            throw new InvalidValueException("pix", "must be an array of 1 to " + MAX_TRANSFERS + " transfers");
        }
        List<Item> items = new ArrayList<>(pix.size());
        pix.forEach(item -> items.add(item(item)));
        return items;
    }

    private static Item item(JsonNode item) {
        if (!item.isObject()) {
            return new Invalid(null, null, "each transfer in pix must be a JSON object");
        }
        JsonNode endToEndId = item.get("endToEndId");
        JsonNode txid = item.get("txid");
        try {
            return new Transfer(new PixTransfer(required(endToEndId, "endToEndId"), txid(txid),
                    valor(item.get("valor")), horario(item.get("horario"))));
        } catch (InvalidValueException e) {
            return new Invalid(textOrNull(endToEndId), textOrNull(txid), e.getMessage());
        }
    }

    private static String required(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            throw new InvalidValueException(field, "is required");
        }
        if (!node.isTextual()) {
            throw new InvalidValueException(field, "must be a JSON string");
        }
        return node.textValue();
    }

    /** Absent when the paid code had no txid. */
    private static String txid(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String txid = required(node, "txid");
        if (txid.length() > MAX_TXID_LENGTH) {
            throw new InvalidValueException("txid", "must be at most " + MAX_TXID_LENGTH + " characters");
        }
        return txid;
    }

    /** A string, as API Pix sends it, read exactly: never a JSON number, which a float may have rounded. */
    private static Money valor(JsonNode node) {
        String valor = required(node, "valor");
        try {
            return Money.ofReais(valor);
        } catch (InvalidValueException e) {
            // Money names its field "value"; the sender knows this one as "valor".
            throw new InvalidValueException("valor", e.getMessage().substring(e.field().length() + 1));
        }
    }

    private static Instant horario(JsonNode node) {
        String horario = required(node, "horario");
        try {
            return OffsetDateTime.parse(horario, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("horario",
                    "must be an ISO-8601 date and time with an offset, such as " + EXAMPLE_TIME);
        }
    }

    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}
