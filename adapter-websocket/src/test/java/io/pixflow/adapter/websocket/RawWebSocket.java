package io.pixflow.adapter.websocket;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket peer written by hand: shows the handshake's HTTP status exactly as a browser gets it, sends frames
 * of any size, and, left alone, behaves as a peer that never reads and never answers a ping.
 */
final class RawWebSocket implements AutoCloseable {

    private static final int TEXT = 0x1;
    private static final int CONTINUATION = 0x0;
    private static final int CLOSE = 0x8;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final int status;

    private RawWebSocket(int port, String path, String origin) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) (RecordingClient.TIMEOUT_SECONDS * 1000));
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(randomBytes(16)) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        status = Integer.parseInt(readLine().split(" ")[1]);
        while (!readLine().isEmpty()) {
            // skip the response headers
        }
    }

    /** Opens the connection; {@code origin} {@code null} sends no Origin header. */
    static RawWebSocket open(int port, String path, String origin) throws IOException {
        return new RawWebSocket(port, path, origin);
    }

    /** {@code 101}, {@code 403}, … */
    int status() {
        return status;
    }

    void sendText(String text) throws IOException {
        sendFrame(true, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** One text message split into two frames. */
    void sendTextInTwoFrames(String first, String second) throws IOException {
        sendFrame(false, TEXT, first.getBytes(StandardCharsets.UTF_8));
        sendFrame(true, CONTINUATION, second.getBytes(StandardCharsets.UTF_8));
    }

    /** The next text message, skipping pings. */
    String nextText() throws IOException {
        while (true) {
            Frame frame = readFrame();
            if (frame.opcode() == TEXT) {
                return new String(frame.payload(), StandardCharsets.UTF_8);
            }
            if (frame.opcode() == CLOSE) {
                throw new EOFException("closed with " + closeCode(frame));
            }
        }
    }

    /** The status code of the server's close frame, skipping whatever comes before it. */
    int awaitCloseCode() throws IOException {
        while (true) {
            Frame frame = readFrame();
            if (frame.opcode() == CLOSE) {
                return closeCode(frame);
            }
        }
    }

    /** Reads whatever the server still sends until it closes the TCP connection; fails on the read timeout. */
    void awaitServerHangUp() throws IOException {
        while (in.read() != -1) {
            // skip pings and the close frame
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        }
        byte[] mask = randomBytes(4);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    private Frame readFrame() throws IOException {
        int opcode = in.readUnsignedByte() & 0x0F;
        int length = in.readUnsignedByte() & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = (int) in.readLong();
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Frame(opcode, payload);
    }

    private static int closeCode(Frame frame) {
        return ((frame.payload()[0] & 0xFF) << 8) | (frame.payload()[1] & 0xFF);
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c == -1) {
                throw new EOFException("connection closed during the handshake");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private record Frame(int opcode, byte[] payload) {
    }
}
