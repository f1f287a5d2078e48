package dev.baas.bench;

/** Runs benchmarks by name and prints a table of figures. */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) {
        System.out.println("no benchmarks yet");
    }
}
