package io.pixflow.payment.domain;

/** A PIX "copia e cola" payload that breaks the EMV TLV layout, its CRC or a PIX rule. */
public final class InvalidBrCodeException extends PaymentException {

    public InvalidBrCodeException(String problem) {
        super("invalid BR Code: " + problem);
    }
}
