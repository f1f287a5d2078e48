package dev.baas.spi.archfixture;

/** Breaks a border on purpose (the contract using a third-party library). Test code only. */
public class SpiUsingJackson {
    public Object mapper() { return new com.fasterxml.jackson.databind.ObjectMapper(); }
}
