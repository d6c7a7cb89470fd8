package io.pixflow.adapter.webui;

/**
 * What the pages need to know about how the server runs.
 *
 * @param sandbox {@code true} when confirmations need no signature: the pages then say so with a banner and
 *                offer a button that simulates the bank's confirmation
 */
public record WebUiSettings(boolean sandbox) {
}
