package io.pixflow.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the embedded database requests run on the selector threads, except those whose body is still arriving: a
 * client that sends its body slowly holds up nobody else.
 */
class SelectorThreadRequestsTest {

    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final String BODY = "{\"value\": 1500}";

    @Test
    void aClientSendingItsBodySlowlyHoldsUpNoOtherConnection(@TempDir Path data) throws IOException {
        try (PixFlowServer server = PixFlowServer.start(TestServers.sandbox(data));
             Socket slow = connect(server)) {
            OutputStream slowOut = slow.getOutputStream();
            slowOut.write(("POST /payments/pix HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + BODY.length() + "\r\n\r\n" + BODY.substring(0, 5))
                    .getBytes(StandardCharsets.US_ASCII));
            slowOut.flush();

            // Connections go to the selector threads in turn, so some of these share the slow one's.
            List<Socket> others = new ArrayList<>();
            try {
                for (int i = 0; i < 4 * Runtime.getRuntime().availableProcessors(); i++) {
                    Socket other = connect(server);
                    others.add(other);
                    other.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                }
                for (Socket other : others) {
                    assertThat(statusLine(other)).isEqualTo("HTTP/1.1 200 OK");
                }
            } finally {
                for (Socket other : others) {
                    other.close();
                }
            }

            slowOut.write(BODY.substring(5).getBytes(StandardCharsets.US_ASCII));
            slowOut.flush();
            assertThat(statusLine(slow)).isEqualTo("HTTP/1.1 201 Created");
        }
    }

    private static Socket connect(PixFlowServer server) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        // A request held up behind the slow body would fail here instead of hanging the build.
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    private static String statusLine(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                .readLine();
    }
}
