package io.pixflow.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection on a plain blocking socket: write a request, read its response.
 *
 * <p>The load generator shares two cores with the server it measures, so it must cost as little as possible per
 * request: requests are prepared byte arrays, and a response is read with nothing kept but its status, its body
 * and a {@code Location}. The JDK {@code HttpClient}, asynchronous and general, costs several times more per
 * request; with it the client, not the server, would set the figures.
 */
final class HttpConnection implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean reusable = true;

    HttpConnection(InetSocketAddress server, Duration timeout) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(server, (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = socket.getOutputStream();
    }

    /** A request as it goes on the wire; built once, sent many times. */
    static byte[] request(String method, String path, InetSocketAddress server, String jsonBody) {
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(server.getHostString()).append(':').append(server.getPort()).append("\r\n")
                .append("Accept: */*\r\n");
        if (jsonBody != null) {
            head.append("Content-Type: application/json\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    Response exchange(byte[] request) throws IOException {
        send(request);
        return receive();
    }

    /** Writes a request; {@link #receive()} reads its response. */
    void send(byte[] request) throws IOException {
        out.write(request);
        out.flush();
    }

    /** Whether the server let the connection live on after the last response. */
    boolean reusable() {
        return reusable && !socket.isClosed();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing to do for a connection we are done with.
        }
    }

    /** Reads the response to the request {@link #send sent} last. */
    Response receive() throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        String location = null;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> reusable = !value.equalsIgnoreCase("close");
                case "location" -> location = value;
                default -> {
                }
            }
        }
        byte[] body;
        if (chunked) {
            body = chunkedBody();
        } else if (contentLength >= 0) {
            body = in.readNBytes((int) contentLength);
            if (body.length != contentLength) {
                throw new EOFException("body cut short");
            }
        } else if (status == 204 || status == 304) {
            body = new byte[0];
        } else {
            body = in.readAllBytes();
            reusable = false;
        }
        return new Response(status, body, location);
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers, ignored
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new EOFException("chunk cut short");
            }
            body.write(chunk);
            line();
        }
    }

    private String line() throws IOException {
        return line(in);
    }

    /** One header line of an HTTP/1.1 message, without its CRLF; also read by the WebSocket handshake. */
    static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed mid-response");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) b);
        }
    }

    record Response(int status, byte[] body, String location) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
