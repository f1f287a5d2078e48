package dev.baas.bench;

/** One benchmark: a name for the command line and a run that reports figures. */
public interface Benchmark {
    String name();

    /** One line saying what it measures. */
    String description();

    void run(Figures out) throws Exception;
}
