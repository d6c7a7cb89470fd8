package io.pixflow.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bound on a body read directly: what the Content-Length says is believed only as far as it goes. */
class BodySizeLimitTest {

    private static final int LIMIT = 16;

    @Test
    void aBodyOfTheLengthItDeclaresIsReadWhole() throws Exception {
        assertThat(read("{\"value\": 10}", "13")).isEqualTo("{\"value\": 10}");
    }

    @Test
    void aBodyLongerThanItDeclaresIsReadOnToTheEnd() throws Exception {
        assertThat(read("{\"value\": 10}", "4")).isEqualTo("{\"value\": 10}");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWhateverLengthItDeclares() {
        String oversized = "x".repeat(LIMIT + 1);

        assertThatThrownBy(() -> read(oversized, "4")).isInstanceOf(BodyTooLargeException.class);
        assertThatThrownBy(() -> read(oversized, null)).isInstanceOf(BodyTooLargeException.class);
        assertThatThrownBy(() -> read("{}", Integer.toString(LIMIT + 1))).isInstanceOf(BodyTooLargeException.class);
    }

    private static String read(String body, String contentLength) throws Exception {
        byte[] bytes = BodySizeLimit.readAtMost(LIMIT, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                contentLength);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
