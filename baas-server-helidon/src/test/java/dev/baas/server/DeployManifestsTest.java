package dev.baas.server;

import io.helidon.config.Config;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Kubernetes manifests in {@code deploy/} parse, name only settings the server reads, probe {@code /health},
 * ask for resources, and give each node a configuration the server accepts.
 */
class DeployManifestsTest {
    static final Path DEPLOY = Path.of("..", "deploy", "kubernetes");
    static final Path SERVER_SOURCES = Path.of("src", "main", "java", "dev", "baas", "server");

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents() throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(DEPLOY)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object doc : new Yaml().loadAll(Files.readString(f))) {
                    assertInstanceOf(Map.class, doc, f + " holds a mapping per document");
                    docs.add((Map<String, Object>) doc);
                }
            }
        }
        assertFalse(docs.isEmpty(), "manifests found in " + DEPLOY.toAbsolutePath());
        return docs;
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, String... path) {
        Object o = node;
        for (String key : path) {
            assertInstanceOf(Map.class, o, "no '" + key + "' in " + node);
            o = ((Map<String, Object>) o).get(key);
        }
        return (T) o;
    }

    static Map<String, Object> kind(List<Map<String, Object>> docs, String kind, String name) {
        return docs.stream().filter(d -> kind.equals(d.get("kind")) && name.equals(at(d, "metadata", "name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    /** Every environment variable the server's configuration code reads, as the string literals it names. */
    static String configSources() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String f : List.of("ServerConfig.java", "NodeConfig.java", "StorageConfig.java", "CalendarConfig.java", "Main.java")) {
            all.append(Files.readString(SERVER_SOURCES.resolve(f)));
        }
        return all.toString();
    }

    @Test
    void everyManifestParsesAndNamesOnlySettingsTheServerReads() throws IOException {
        List<Map<String, Object>> docs = documents();
        for (Map<String, Object> d : docs) {
            assertNotNull(d.get("apiVersion"), d.toString());
            assertNotNull(at(d, "metadata", "name"), d.toString());
        }
        Map<String, String> shared = new HashMap<>();
        Map<String, Object> configMap = kind(docs, "ConfigMap", "baas-config");
        Map<String, Object> secret = kind(docs, "Secret", "baas-secrets");
        ((Map<String, Object>) at(configMap, "data")).forEach((k, v) -> shared.put(k, String.valueOf(v)));
        ((Map<String, Object>) at(secret, "stringData")).forEach((k, v) -> shared.put(k, String.valueOf(v)));

        String sources = configSources();
        Set<String> names = new LinkedHashSet<>(shared.keySet());
        for (String deployment : List.of("baas-api", "baas-worker")) {
            Map<String, Object> d = kind(docs, "Deployment", deployment);
            List<Map<String, Object>> containers = at(d, "spec", "template", "spec", "containers");
            assertEquals((Object) at(d, "spec", "selector", "matchLabels"), at(d, "spec", "template", "metadata", "labels"));
            for (Map<String, Object> c : containers) {
                Map<String, String> env = new HashMap<>(shared);
                for (Map<String, Object> e : (List<Map<String, Object>>) c.get("env")) {
                    names.add((String) e.get("name"));
                    env.put((String) e.get("name"), e.containsKey("value") ? (String) e.get("value") : deployment + "-0");
                }
                List<Map<String, Object>> from = (List<Map<String, Object>>) c.get("envFrom");
                assertEquals(List.of("baas-config", "baas-secrets"), from.stream().map(r -> r.containsKey("configMapRef")
                        ? (String) at(r, "configMapRef", "name") : (String) at(r, "secretRef", "name")).toList());
                for (String probe : List.of("livenessProbe", "readinessProbe")) {
                    assertEquals("/health", at(c, probe, "httpGet", "path"), deployment + " " + probe);
                }
                assertNotNull(at(c, "resources", "requests", "cpu"), deployment + " asks for CPU");
                assertNotNull(at(c, "resources", "requests", "memory"), deployment + " asks for memory");

                ServerConfig config = ServerConfig.load(Config.empty(), env);
                assertEquals(deployment.equals("baas-api") ? NodeConfig.Role.API : NodeConfig.Role.WORKER, config.node().role());
                assertEquals(deployment + "-0", config.node().nodeId());
                assertTrue(config.databaseUrl().orElseThrow().startsWith("jdbc:postgresql:"), "nodes share PostgreSQL");
                assertInstanceOf(StorageConfig.S3.class, config.storage(), "nodes share a bucket");
            }
        }
        for (String name : names) {
            assertTrue(sources.contains("\"" + name + "\""), name + " is not a setting the server reads");
        }
        Map<String, Object> service = kind(docs, "Service", "baas-api");
        assertEquals((Object) at(kind(docs, "Deployment", "baas-api"), "spec", "selector", "matchLabels"), at(service, "spec", "selector"));
    }

    @Test
    void aWorkerAsksForWhatItsCapacityNeeds() throws IOException {
        Map<String, Object> worker = kind(documents(), "Deployment", "baas-worker");
        Map<String, Object> c = ((List<Map<String, Object>>) at(worker, "spec", "template", "spec", "containers")).getFirst();
        int units = ((List<Map<String, Object>>) c.get("env")).stream().filter(e -> "BAAS_CAPACITY_UNITS".equals(e.get("name")))
                .map(e -> Integer.parseInt((String) e.get("value"))).findFirst().orElseThrow();
        double cpu = Integer.parseInt(((String) at(c, "resources", "requests", "cpu")).replace("m", "")) / 1000.0;
        String mem = at(c, "resources", "requests", "memory");
        long memoryMb = mem.endsWith("Gi") ? Long.parseLong(mem.replace("Gi", "")) * 1024 : Long.parseLong(mem.replace("Mi", ""));
        // measured: an audio-only bot (one unit) ~0.25 CPU all in and ~150 MB
        assertTrue(cpu >= units * 0.25, cpu + " CPU for " + units + " units");
        assertTrue(memoryMb >= units * 150, memoryMb + " MB for " + units + " units");
    }

    @Test
    void workersShareTheirRecordingFolderSoATakeoverFindsTheDeadOnesSegments() throws IOException {
        List<Map<String, Object>> docs = documents();
        Map<String, Object> worker = kind(docs, "Deployment", "baas-worker");
        List<Map<String, Object>> volumes = at(worker, "spec", "template", "spec", "volumes");
        Map<String, Object> data = volumes.stream().filter(v -> "data".equals(v.get("name"))).findFirst().orElseThrow();
        String claim = at(data, "persistentVolumeClaim", "claimName");
        Map<String, Object> pvc = kind(docs, "PersistentVolumeClaim", claim);
        assertEquals(List.of("ReadWriteMany"), at(pvc, "spec", "accessModes"));
        Map<String, Object> c = ((List<Map<String, Object>>) at(worker, "spec", "template", "spec", "containers")).getFirst();
        Map<String, Object> mount = ((List<Map<String, Object>>) c.get("volumeMounts")).stream()
                .filter(m -> "data".equals(m.get("name"))).findFirst().orElseThrow();
        Map<String, Object> configMap = kind(docs, "ConfigMap", "baas-config");
        assertEquals(at(configMap, "data", "BAAS_DATA_DIR"), mount.get("mountPath"), "the data directory is the shared volume");
    }
}
