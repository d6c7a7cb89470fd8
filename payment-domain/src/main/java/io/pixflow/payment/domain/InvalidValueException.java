package io.pixflow.payment.domain;

/** An input that no payment could accept, such as an amount with three decimals or a malformed PIX key. */
public final class InvalidValueException extends PaymentException {

    private final String field;

    public InvalidValueException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
