package io.pixflow.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixflow.adapter.rest.RestApi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request whose body is still arriving waits for it without a thread (on the embedded database requests run on
 * the selector threads, SelectorThreadRequests): a client that sends its body slowly holds up nobody else, however
 * many such clients there are.
 */
class SlowClientsTest {

    private static final int READ_TIMEOUT_MILLIS = 10_000;
    private static final String BODY = "{\"value\": 1500}";
    private static final int SLOW_CLIENTS = 100;

    Settings settings(Path data) {
        return TestServers.sandbox(data);
    }

    @Test
    void aClientSendingItsBodySlowlyHoldsUpNoOtherConnection(@TempDir Path data) throws IOException {
        try (PixFlowServer server = PixFlowServer.start(settings(data));
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
            BufferedReader answers = reader(slow);
            assertThat(statusLineSkippingBody(answers)).isEqualTo("HTTP/1.1 201 Created");

            // The connection goes on to its next request, as after any other.
            slowOut.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(statusLineSkippingBody(answers)).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    /** The status line of the next answer, whose head and body are read past. */
    private static String statusLineSkippingBody(BufferedReader answer) throws IOException {
        return nextAnswer(answer).status();
    }

    /** An answer as read off the socket: its status line, its header lines in lower case, and its body. */
    private record Answer(String status, List<String> headers, String body) {
    }

    private static Answer nextAnswer(BufferedReader answer) throws IOException {
        String status = answer.readLine();
        List<String> headers = new ArrayList<>();
        int length = 0;
        for (String line = answer.readLine(); line != null && !line.isEmpty(); line = answer.readLine()) {
            String header = line.toLowerCase(Locale.ROOT);
            headers.add(header);
            if (header.startsWith("content-length:")) {
                length = Integer.parseInt(header.substring("content-length:".length()).strip());
            }
        }
        char[] body = new char[length];
        int read = 0;
        for (int n = 0; read < length && n >= 0; read += n) {
            n = answer.read(body, read, length - read);
        }
        assertThat(read).isEqualTo(length);
        return new Answer(status, headers, new String(body));
    }

    @Test
    void slowClientsByTheHundredDoNotHoldUpAnotherClientsBody(@TempDir Path data) throws IOException {
        List<Socket> slowOnes = new ArrayList<>();
        try (PixFlowServer server = PixFlowServer.start(settings(data))) {
            // With "Expect: 100-continue" the server has the head alone when it takes the request up, and then waits
            // for a body that does not come. More of them than any pool of threads that waited for bodies would have.
            for (int i = 0; i < SLOW_CLIENTS; i++) {
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

    @Test
    void aBodyOverTheLimitIsRefusedWithoutWaitingForItsEnd(@TempDir Path data) throws IOException {
        try (PixFlowServer server = PixFlowServer.start(settings(data));
             Socket client = connect(server)) {
            OutputStream out = client.getOutputStream();
            out.write(("POST /payments/pix HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader answer = reader(client);
            // The server takes the request up on the head alone. Then more than any route accepts, and no end.
            int size = RestApi.MAX_BODY_BYTES + 1024;
            out.write((Integer.toHexString(size) + "\r\n" + "x".repeat(size) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            assertThat(nextStatusLine(answer)).isEqualTo("HTTP/1.1 413 Request Entity Too Large");
            assertThat(requestsTimedWithStatus(server, 413)).isEqualTo(1);
        }
    }

    @Test
    void aRequestOfferingAnUpgradeIsAnswered(@TempDir Path data) throws IOException, InterruptedException {
        try (PixFlowServer server = PixFlowServer.start(settings(data))) {
            // The JDK's client offers HTTP/2 with "Upgrade: h2c" unless told otherwise: the request has no body, but
            // Grizzly keeps its input open for the protocol it might become.
            HttpResponse<String> health = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                    .connectTimeout(Duration.ofMillis(READ_TIMEOUT_MILLIS)).build()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                            .timeout(Duration.ofMillis(READ_TIMEOUT_MILLIS)).build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        }
    }

    @Test
    void aBodyThatDoesNotArriveInTimeIsAnswered408AndItsConnectionClosed(@TempDir Path data) throws IOException {
        Settings impatient = TestServers.withRequestBodyTimeout(settings(data), Duration.ofSeconds(1));
        try (PixFlowServer server = PixFlowServer.start(impatient);
             Socket client = connect(server)) {
            client.getOutputStream().write((head(false) + BODY.substring(0, 5)).getBytes(StandardCharsets.US_ASCII));
            BufferedReader answer = reader(client);

            Answer timedOut = nextAnswer(answer);
            assertThat(timedOut.status()).isEqualTo("HTTP/1.1 408 Request Timeout");
            assertThat(timedOut.headers()).contains("content-type: application/problem+json", "connection: close",
                    "cache-control: no-store");
            assertThat(timedOut.body()).contains("\"status\":408", "\"code\":\"request_timeout\"",
                    "did not arrive within 1 s");
            // Closed: what the client sends next would otherwise be read as the rest of this body.
            assertThat(answer.read()).isEqualTo(-1);
            assertThat(requestsTimedWithStatus(server, 201)).isZero();
            assertThat(new Api(server.port()).get("metrics", "text/plain").body().lines())
                    .contains("pixflow_request_body_timeouts_total 1.0");
        }
    }

    private static double requestsTimedWithStatus(PixFlowServer server, int status) {
        return new Api(server.port()).get("metrics", "text/plain").body().lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{")
                        && line.contains("status=\"" + status + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
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
