package io.pixflow.adapter.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A problem the HTTP server answers itself, before Jersey has the request: the same JSON and headers as the
 * adapter's other problems ({@link ProblemMapper}), for a server that does not speak JAX-RS.
 *
 * @param headers every header but Content-Length, Content-Type among them
 * @param json    the body
 */
public record ProblemAnswer(int status, Map<String, String> headers, String json) {

    private static final ObjectMapper MAPPER = ObjectMapperResolver.newObjectMapper();

    public ProblemAnswer {
        headers = Map.copyOf(headers);
    }

    /** 408: the request's body had not all arrived {@code waited} after its head. */
    public static ProblemAnswer requestTimeout(Duration waited) {
        return of(Problem.of(408, "Request Timeout", "request_timeout",
                "the request body did not arrive within " + waited.toSeconds() + " s of its head"));
    }

    private static ProblemAnswer of(Problem problem) {
        Map<String, String> headers = new HashMap<>(ProblemMapper.HEADERS);
        headers.put(HttpHeaders.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON);
        try {
            return new ProblemAnswer(problem.status(), headers, MAPPER.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem holds only strings and a number", e);
        }
    }
}
