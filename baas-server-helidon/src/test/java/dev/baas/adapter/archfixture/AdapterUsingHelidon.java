package dev.baas.adapter.archfixture;

/** Breaks a border on purpose (a plugin using Helidon). Test code only. */
public class AdapterUsingHelidon {
    public Object server() { return io.helidon.webserver.WebServer.builder(); }
}
