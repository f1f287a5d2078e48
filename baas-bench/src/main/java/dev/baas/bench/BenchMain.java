package dev.baas.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Runs benchmarks by name (all when none is named), prints one table of figures with units and writes the same
 * figures as JSON under {@code bench-results/}, so runs can be compared side by side.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws IOException {
        Map<String, Benchmark> all = new LinkedHashMap<>();
        ServiceLoader.load(Benchmark.class).forEach(b -> all.put(b.name(), b));
        if (args.length == 1 && (args[0].equals("--list") || args[0].equals("-l"))) {
            all.values().forEach(b -> System.out.printf("%-20s %s%n", b.name(), b.description()));
            return;
        }
        List<Benchmark> chosen = new ArrayList<>();
        if (args.length == 0) chosen.addAll(all.values());
        for (String name : args) {
            Benchmark b = all.get(name);
            if (b == null) {
                System.err.println("unknown benchmark '" + name + "'; known: " + String.join(", ", all.keySet()));
                System.exit(2);
            }
            chosen.add(b);
        }
        Figures figures = new Figures();
        int failures = 0;
        for (Benchmark b : chosen) {
            System.out.println("== " + b.name() + ": " + b.description());
            figures.start(b.name());
            try {
                b.run(figures);
            } catch (Exception e) {
                failures++;
                System.out.println("  FAILED: " + e);
                e.printStackTrace(System.err);
            }
        }
        printTable(figures.all());
        Path out = writeJson(figures.all());
        System.out.println("figures written to " + out);
        if (failures > 0) System.exit(1);
    }

    private static void printTable(List<Figures.Figure> all) {
        System.out.println();
        System.out.printf("%-16s %-52s %12s  %s%n", "benchmark", "figure", "value", "unit");
        for (Figures.Figure f : all) {
            System.out.printf("%-16s %-52s %12.3f  %s%n", f.benchmark(), f.name(), f.value(), f.unit());
        }
    }

    private static Path writeJson(List<Figures.Figure> all) throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC).format(Instant.now());
        Path dir = Path.of(System.getProperty("baas.bench.dir", "bench-results"));
        Files.createDirectories(dir);
        StringBuilder json = new StringBuilder("{\n  \"at\": \"" + Instant.now() + "\",\n  \"figures\": [\n");
        for (int i = 0; i < all.size(); i++) {
            Figures.Figure f = all.get(i);
            json.append(String.format(Locale.ROOT, "    {\"benchmark\": \"%s\", \"name\": \"%s\", \"value\": %.6f, \"unit\": \"%s\"}%s%n",
                    esc(f.benchmark()), esc(f.name()), f.value(), esc(f.unit()), i + 1 < all.size() ? "," : ""));
        }
        json.append("  ]\n}\n");
        Path file = dir.resolve("bench-" + stamp + ".json");
        Files.writeString(file, json);
        return file;
    }

    private static String esc(String s) { return s.replace("\\", "\\\\").replace("\"", "\\\""); }
}
