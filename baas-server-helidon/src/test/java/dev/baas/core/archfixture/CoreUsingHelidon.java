package dev.baas.core.archfixture;

/** Breaks a border on purpose (the engine using Helidon). Test code only. */
public class CoreUsingHelidon {
    public Object server() { return io.helidon.webserver.WebServer.builder(); }
}
