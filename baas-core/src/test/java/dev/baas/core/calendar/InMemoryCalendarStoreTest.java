package dev.baas.core.calendar;

class InMemoryCalendarStoreTest extends CalendarStoreContract {
    @Override CalendarStore store() { return new InMemoryCalendarStore(); }
}
