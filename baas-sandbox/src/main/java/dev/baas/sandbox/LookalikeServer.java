package dev.baas.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.baas.sandbox.lookalike.LookalikeSite;
import dev.baas.sandbox.lookalike.LookalikeSites;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The look-alikes' HTTPS server on loopback. Browsers that join look-alikes resolve the real platforms' host names
 * to it ({@link #hostResolverRules}) and ignore its certificate, a self-signed one made at start with the JDK's
 * keytool (no key material is shipped). Requests go to the site serving the Host header.
 */
final class LookalikeServer implements AutoCloseable {
    private static final String STORE_PASSWORD = "sandbox";
    private final HttpsServer https;
    private final List<LookalikeSite> sites;
    private final Function<LookalikeSite, LookalikeSite.Lookup> lookups;

    LookalikeServer(List<LookalikeSite> sites, Function<LookalikeSite, LookalikeSite.Lookup> lookups) {
        this.sites = List.copyOf(sites);
        this.lookups = lookups;
        try {
            https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            https.setHttpsConfigurator(new HttpsConfigurator(sslContext(hostNames())));
            https.createContext("/", this::serve);
            https.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            https.start();
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new BaasException(ErrorCode.UNAVAILABLE, "the look-alike HTTPS server did not start: " + e.getMessage(), e);
        }
    }

    int port() { return https.getAddress().getPort(); }

    /** {@code --host-resolver-rules=MAP meet.google.com 127.0.0.1:<port>,...} for a browser that joins look-alikes. */
    String hostResolverRules() {
        List<String> rules = new ArrayList<>();
        for (String host : hostNames()) rules.add("MAP " + host + " 127.0.0.1:" + port());
        return "--host-resolver-rules=" + String.join(",", rules);
    }

    private List<String> hostNames() {
        return sites.stream().flatMap(s -> s.hosts().stream()).distinct().toList();
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String host = Optional.ofNullable(ex.getRequestHeaders().getFirst("Host")).orElse("")
                    .replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
            LookalikeSite site = sites.stream().filter(s -> LookalikeSites.serves(s, host)).findFirst().orElse(null);
            Optional<LookalikeSite.Page> page = site == null ? Optional.empty()
                    : site.serve(new LookalikeSite.Request(host, ex.getRequestURI().getPath(),
                    query(ex.getRequestURI().getRawQuery())), lookups.apply(site));
            LookalikeSite.Page p = page.orElse(new LookalikeSite.Page(404, "text/html; charset=utf-8",
                    "<!doctype html><title>Not found</title><h1>404. That’s an error.</h1>", Map.of()));
            byte[] body = p.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", p.contentType());
            ex.getResponseHeaders().add("Cache-Control", "no-store");
            p.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            ex.sendResponseHeaders(p.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) ex.getResponseBody().write(body);
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    private static SSLContext sslContext(List<String> hosts) throws IOException, java.security.GeneralSecurityException {
        Path dir = Files.createTempDirectory("baas-sandbox-tls");
        Path store = dir.resolve("sandbox.p12");
        List<String> san = new ArrayList<>(List.of("dns:localhost", "ip:127.0.0.1"));
        for (String h : hosts) san.add("dns:" + h);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "sandbox", "-keyalg", "EC",
                "-groupname", "secp256r1", "-validity", "30", "-dname", "CN=baas sandbox look-alikes",
                "-ext", "SAN=" + String.join(",", san), "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0)
                throw new IOException("keytool failed: " + output.strip());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the sandbox certificate", e);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, STORE_PASSWORD.toCharArray());
        } finally {
            Files.deleteIfExists(store);
            Files.deleteIfExists(dir);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, STORE_PASSWORD.toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        return ssl;
    }

    @Override public void close() { https.stop(0); }
}
