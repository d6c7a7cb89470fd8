package io.pixflow.bootstrap;

/** A configuration value the server cannot start with. The message names the variable and is one line. */
public final class InvalidSettingException extends RuntimeException {

    public InvalidSettingException(String variable, String problem) {
        super(variable + " " + problem, null, false, false);
    }
}
