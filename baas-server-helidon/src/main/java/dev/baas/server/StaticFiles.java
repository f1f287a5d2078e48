package dev.baas.server;

import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The dashboard's files, served from the class path: a fixed list, so no request can name any other file. */
final class StaticFiles {
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "style.css", "text/css; charset=utf-8");

    private StaticFiles() {}

    static void file(ServerRequest req, ServerResponse res) {
        serve(req.path().pathParameters().get("file"), res);
    }

    static void index(ServerRequest req, ServerResponse res) { serve("index.html", res); }

    static void home(ServerRequest req, ServerResponse res) {
        res.status(Status.FOUND_302).header(HeaderNames.LOCATION, "/dashboard/").send();
    }

    private static void serve(String name, ServerResponse res) {
        String type = FILES.get(name);
        if (type == null) throw new BaasException(ErrorCode.NOT_FOUND, "no dashboard file " + name);
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream("dashboard/" + name)) {
            if (in == null) throw new BaasException(ErrorCode.NOT_FOUND, "no dashboard file " + name);
            byte[] body = in.readAllBytes();
            res.header(HeaderNames.CONTENT_TYPE, type).header(HeaderNames.CACHE_CONTROL, "no-cache").send(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
