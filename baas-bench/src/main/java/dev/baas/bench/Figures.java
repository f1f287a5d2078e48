package dev.baas.bench;

import java.util.ArrayList;
import java.util.List;

/** The figures a benchmark run produced, each with a unit, in the order reported. */
public final class Figures {
    public record Figure(String benchmark, String name, double value, String unit) {}

    private final List<Figure> figures = new ArrayList<>();
    private String current = "";

    void start(String benchmark) { current = benchmark; }

    public void add(String name, double value, String unit) {
        figures.add(new Figure(current, name, value, unit));
        System.out.printf("  %-52s %12.3f %s%n", name, value, unit);
    }

    public List<Figure> all() { return List.copyOf(figures); }
}
