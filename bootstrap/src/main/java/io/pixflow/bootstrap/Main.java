package io.pixflow.bootstrap;

import java.util.concurrent.CountDownLatch;

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
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "pixflow-shutdown"));
        // The server's threads are daemons: this thread is what keeps the process running until it is told to stop.
        awaitUninterruptibly(stopped);
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
