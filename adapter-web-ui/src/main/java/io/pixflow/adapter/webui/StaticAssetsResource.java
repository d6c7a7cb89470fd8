package io.pixflow.adapter.webui;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * Serves the pages' script, styles and icon from the classpath, and nothing else: names outside the list in
 * {@link StaticAssets} are 404, whatever dots or slashes they carry.
 *
 * <p>Hashed names ({@code pixflow.1a2b3c4d5e.js}, what pages link) are cached for a year as immutable; plain
 * names for five minutes, since their content changes with each release. Both carry an ETag, so a revalidation
 * costs a 304.
 */
@Path("/static")
public final class StaticAssetsResource {

    private static final String VERSIONED = "public, max-age=31536000, immutable";
    private static final String UNVERSIONED = "public, max-age=300";

    private final StaticAssets assets;

    public StaticAssetsResource() {
        this.assets = new StaticAssets();
    }

    @GET
    @Path("{name}")
    public Response asset(@PathParam("name") String name, @Context Request request) {
        return assets.named(name)
                .map(asset -> serve(asset, request))
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                        .type("text/plain;charset=UTF-8")
                        .entity("Not found\n")
                        .build());
    }

    private static Response serve(StaticAssets.Served asset, Request request) {
        EntityTag etag = new EntityTag(asset.hash());
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        Response.ResponseBuilder response = notModified != null
                ? notModified
                : Response.ok(asset.content(), asset.contentType());
        return response.tag(etag)
                .header(HttpHeaders.CACHE_CONTROL, asset.versioned() ? VERSIONED : UNVERSIONED)
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
