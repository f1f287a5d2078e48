package dev.baas.spi.calendar;

import java.util.List;

/**
 * The outcome of one sync round.
 *
 * @param events        changed events (all events of the window after a full sync), cancelled ones included
 * @param nextSyncToken what to pass to the next round (Google's {@code nextSyncToken}, Graph's {@code @odata.deltaLink})
 * @param full          a full sync was run (no token, or the provider rejected the old one with 410 Gone): events
 *                      the caller holds but this batch lacks are gone
 */
public record SyncBatch(List<CalendarEvent> events, String nextSyncToken, boolean full) {
    public SyncBatch {
        events = List.copyOf(events);
    }
}
