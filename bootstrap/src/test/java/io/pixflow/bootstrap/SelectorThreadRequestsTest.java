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
 * client that sends its body slowly holds up nobody else, neither on its selector thread nor among the threads
 * that wait for bodies.
 */
class SelectorThreadRequestsTest {

    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final String BODY = "{\"value\": 1500}";

    @Test
    void aClientSendingItsBodySlowlyHoldsUpNoOtherConnection(@TempDir Path data) throws IOException {
        try (PixFlowServer server = PixFlowServer.start(TestServers.sandbox(data));
             Socket slow = connect(server)) {
            OutputStream slowOut = slow.getOutputStream();
            slowOut.write((head(false) + BODY.substring(0, 5)).getBytes(StandardCharsets.US_ASCII));
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

    @Test
    void slowClientsOutnumberingTheCoresDoNotHoldUpAnotherClientsBody(@TempDir Path data) throws IOException {
        List<Socket> slowOnes = new ArrayList<>();
        try (PixFlowServer server = PixFlowServer.start(TestServers.sandbox(data))) {
            // With "Expect: 100-continue" the server has the head alone when it hands the request on: each of these
            // holds a thread that waits for a body that does not come.
            for (int i = 0; i < 4 * Runtime.getRuntime().availableProcessors(); i++) {
                Socket slow = connect(server);
                slowOnes.add(slow);
                assertThat(sendHeadAwaitingContinue(slow, reader(slow))).isEqualTo("HTTP/1.1 100 Continue");
            }

            try (Socket client = connect(server)) {
                BufferedReader answer = reader(client);
                assertThat(sendHeadAwaitingContinue(client, answer)).isEqualTo("HTTP/1.1 100 Continue");
                client.getOutputStream().write(BODY.getBytes(StandardCharsets.US_ASCII));

                assertThat(nextStatusLine(answer)).isEqualTo("HTTP/1.1 201 Created");
            }
        } finally {
            for (Socket slow : slowOnes) {
                slow.close();
            }
        }
    }

    private static String sendHeadAwaitingContinue(Socket socket, BufferedReader answer) throws IOException {
        socket.getOutputStream().write(head(true).getBytes(StandardCharsets.US_ASCII));
        return answer.readLine();
    }

    private static String head(boolean expectContinue) {
        return "POST /payments/pix HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + (expectContinue ? "Expect: 100-continue\r\n" : "")
                + "Content-Length: " + BODY.length() + "\r\n\r\n";
    }

    /** The status line after the interim 100 response and the blank line that ends it. */
    private static String nextStatusLine(BufferedReader answer) throws IOException {
        String line = answer.readLine();
        while (line != null && !line.startsWith("HTTP/1.1 ")) {
            line = answer.readLine();
        }
        return line;
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static Socket connect(PixFlowServer server) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        // A request held up behind the slow body would fail here instead of hanging the build.
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    private static String statusLine(Socket socket) throws IOException {
        return reader(socket).readLine();
    }
}
