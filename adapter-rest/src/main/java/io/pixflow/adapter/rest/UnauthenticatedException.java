package io.pixflow.adapter.rest;

/**
 * A live-mode request without valid credentials; answered with 401 before the resource method runs.
 *
 * @see ProblemMapper
 */
final class UnauthenticatedException extends RuntimeException {

    private final String code;
    private final String challenge;

    /**
     * @param code      the problem's stable {@code code}, e.g. {@code invalid_signature}
     * @param challenge the {@code WWW-Authenticate} value that tells the client which credentials to send
     */
    UnauthenticatedException(String code, String detail, String challenge) {
        super(detail, null, false, false);
        this.code = code;
        this.challenge = challenge;
    }

    String code() {
        return code;
    }

    String challenge() {
        return challenge;
    }
}
