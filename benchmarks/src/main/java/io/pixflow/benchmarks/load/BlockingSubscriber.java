package io.pixflow.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;

/**
 * A subscriber on {@code WS /ws/payments/{id}} that the measuring thread reads itself, on a plain blocking socket.
 *
 * <p>The latency runs time a confirmation to its event. With the JDK's asynchronous client the event crosses two
 * more threads in the load generator (its selector, then a callback executor) before it is timed, and on an idle
 * two-core VM each sleeping thread costs up to a millisecond to wake: the client's hand-offs, not the server, would
 * set the figure. Here the thread that sent the confirmation is the one the kernel wakes with the event.
 */
final class BlockingSubscriber implements AutoCloseable {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int TEXT = 0x1;
    private static final int CONTINUATION = 0x0;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;

    private final String paymentId;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private BlockingSubscriber(String paymentId, Socket socket) throws IOException {
        this.paymentId = paymentId;
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 4096);
        this.out = socket.getOutputStream();
    }

    /** Connects and completes the opening handshake; the server's snapshot is still to be read. */
    static BlockingSubscriber open(InetSocketAddress server, String paymentId, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(server, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            BlockingSubscriber subscriber = new BlockingSubscriber(paymentId, socket);
            subscriber.handshake(server, timeout);
            return subscriber;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Reads messages until the snapshot: from then on the server has this subscriber and no event can miss it. */
    void awaitSnapshot(Duration timeout) throws IOException {
        awaitType("snapshot", timeout);
    }

    /** Reads messages until the {@code confirmed} event; returns {@link System#nanoTime()} when it was complete. */
    long awaitConfirmed(Duration timeout) throws IOException {
        return awaitType("confirmed", timeout);
    }

    /** Drops the TCP connection at once; the server sees the peer gone and forgets it. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing to do for a connection we are done with.
        }
    }

    private void handshake(InetSocketAddress server, Duration timeout) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String request = "GET /ws/payments/" + paymentId + " HTTP/1.1\r\n"
                + "Host: " + server.getHostString() + ":" + server.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = HttpConnection.line(in);
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("the server refused the WebSocket upgrade: " + status);
        }
        String accept = null;
        for (String header = HttpConnection.line(in); !header.isEmpty(); header = HttpConnection.line(in)) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Accept")) {
                accept = header.substring(colon + 1).trim();
            }
        }
        if (!acceptFor(key).equals(accept)) {
            throw new IOException("wrong Sec-WebSocket-Accept in the server's handshake: " + accept);
        }
    }

    private long awaitType(String wanted, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("no " + wanted + " message within " + timeout.toMillis() + " ms");
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            String message = nextText();
            long now = System.nanoTime();
            Matcher id = StatusSubscriber.ID.matcher(message);
            Matcher type = StatusSubscriber.TYPE.matcher(message);
            if (id.find() && id.group(1).equals(paymentId) && type.find() && type.group(1).equals(wanted)) {
                return now;
            }
        }
    }

    /** The next text message, answering pings on the way; the server does not mask its frames. */
    private String nextText() throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream(256);
        while (true) {
            int first = readByte();
            boolean fin = (first & 0x80) != 0;
            int opcode = first & 0x0F;
            byte[] payload = in.readNBytes(payloadLength());
            switch (opcode) {
                case TEXT, CONTINUATION -> {
                    message.write(payload);
                    if (fin) {
                        return message.toString(StandardCharsets.UTF_8);
                    }
                }
                case PING -> send(PONG, payload);
                case CLOSE -> throw new EOFException("closed by the server");
                default -> {
                    // A pong or a binary frame: nothing this subscriber waits for.
                }
            }
        }
    }

    private int payloadLength() throws IOException {
        int length = readByte() & 0x7F;
        if (length == 126) {
            return readByte() << 8 | readByte();
        }
        if (length == 127) {
            long longLength = 0;
            for (int i = 0; i < 8; i++) {
                longLength = longLength << 8 | readByte();
            }
            if (longLength > Integer.MAX_VALUE) {
                throw new IOException("a frame of " + longLength + " bytes");
            }
            return (int) longLength;
        }
        return length;
    }

    /** A client's frames are masked (RFC 6455 §5.3). */
    private void send(int opcode, byte[] payload) throws IOException {
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 6);
        frame.write(0x80 | opcode);
        frame.write(0x80 | payload.length);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed by the server");
        }
        return b;
    }

    private static String acceptFor(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
