package io.pixflow.adapter.rest;

/** The demo's answer to a creation or a confirmation: a sentence for people and the payment for programs. */
record PaymentMessage(String message, PaymentRepresentation payment) {
}
