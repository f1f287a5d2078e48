package dev.baas.spi.calendar;

/** A calendar the account can read, as the provider lists it. */
public record RawCalendar(String id, String name, String email, boolean primary) {}
