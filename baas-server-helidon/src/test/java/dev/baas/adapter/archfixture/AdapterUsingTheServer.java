package dev.baas.adapter.archfixture;

/** Breaks a border on purpose (a plugin depending on the server). Test code only. */
public class AdapterUsingTheServer {
    public void start() { dev.baas.server.Main.main(new String[0]); }
}
