package io.pixflow.adapter.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;

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
        if (declaredLength(context) > maxBytes) {
            throw new BodyTooLargeException(maxBytes);
        }
        byte[] body = context.getInputStream().readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            throw new BodyTooLargeException(maxBytes);
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    private static long declaredLength(ReaderInterceptorContext context) {
        String length = context.getHeaders().getFirst(HttpHeaders.CONTENT_LENGTH);
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
