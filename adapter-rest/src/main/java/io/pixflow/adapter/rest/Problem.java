package io.pixflow.adapter.rest;

/**
 * An RFC 9457 problem detail, plus the stable {@code code} programs switch on and the demo's {@code message}
 * key (the same text as {@code detail}).
 */
record Problem(String type, String title, int status, String detail, String code, String message) {

    /** {@code about:blank}: the status says what kind of problem it is, {@code code} says which one. */
    static Problem of(int status, String title, String code, String detail) {
        return new Problem("about:blank", title, status, detail, code, detail);
    }
}
