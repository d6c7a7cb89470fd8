package io.pixflow.adapter.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * Refuses request bodies over the limit before the JSON parser sees them. Content-Length is only a shortcut:
 * a chunked body has none and a client can lie, so the body itself is read with a bound.
 */
@JsonApi
final class BodySizeLimit implements ReaderInterceptor {

    private final int maxBytes;

    BodySizeLimit(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        byte[] body = readAtMost(maxBytes, context.getInputStream(),
                context.getHeaders().getFirst(HttpHeaders.CONTENT_LENGTH));
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /**
     * The whole body, for those who need its bytes before the parser does (the bank signature check).
     *
     * @param contentLength the Content-Length header, or {@code null}
     * @throws BodyTooLargeException when the body, or the length it declares, exceeds {@code maxBytes}
     */
    static byte[] readAtMost(int maxBytes, InputStream body, String contentLength) throws IOException {
        long declared = declaredLength(contentLength);
        if (declared > maxBytes) {
            throw new BodyTooLargeException(maxBytes);
        }
        // Reading one byte past the declared length is enough to see a lie; asking for the limit would make
        // readNBytes allocate and zero 8 KiB for a body of a few dozen bytes, on every create.
        byte[] bytes = body.readNBytes(declared < 0 ? maxBytes + 1 : (int) declared + 1);
        if (declared >= 0 && bytes.length > declared) {
            // More than it declared: read on to the limit, as for a body that declares no length.
            bytes = new SequenceInputStream(new ByteArrayInputStream(bytes), body).readNBytes(maxBytes + 1);
        }
        if (bytes.length > maxBytes) {
            throw new BodyTooLargeException(maxBytes);
        }
        return bytes;
    }

    private static long declaredLength(String length) {
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
