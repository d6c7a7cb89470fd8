package io.pixflow.bootstrap;

/** {@code java -jar pixflow.jar}: reads the environment, starts the server, stops it on SIGTERM/Ctrl-C. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Settings settings;
        try {
            settings = Settings.fromEnvironment(System.getenv());
        } catch (InvalidSettingException e) {
            System.err.println("PixFlow cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        PixFlowServer server;
        try {
            server = PixFlowServer.start(settings);
        } catch (RuntimeException e) {
            System.err.println("PixFlow cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "pixflow-shutdown"));
    }
}
