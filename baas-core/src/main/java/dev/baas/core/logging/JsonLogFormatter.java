package dev.baas.core.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JSON object per log line: time, level, logger, thread, message, the bot it concerns (from the thread that
 * runs the bot, or a bot id in the message), and the stack trace when there is one. Secrets never reach a log line
 * because the engine never puts them in a message.
 */
public final class JsonLogFormatter extends Formatter {
    private static final JsonFactory JSON = new JsonFactory();
    /** Threads working for one bot are named after it: bot-, recorder-, screenshot-, retranscribe-, stream-in-, ... */
    private static final Pattern BOT_IN_THREAD = Pattern.compile("^[a-z]+(?:-[a-z]+)*-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$");
    private static final Pattern BOT_IN_MESSAGE = Pattern.compile("\\bbot ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\b");

    @Override
    public String format(LogRecord r) {
        StringWriter out = new StringWriter();
        String thread = Thread.currentThread().getName();
        String message = formatMessage(r);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.ofEpochMilli(r.getMillis()).toString());
            g.writeStringField("level", r.getLevel().getName());
            g.writeStringField("logger", r.getLoggerName());
            g.writeStringField("thread", thread);
            String bot = botId(thread, message);
            if (bot != null) g.writeStringField("bot_id", bot);
            g.writeStringField("message", message);
            if (r.getThrown() != null) {
                StringWriter trace = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(trace));
                g.writeStringField("error", r.getThrown().toString());
                g.writeStringField("stack", trace.toString());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + System.lineSeparator();
    }

    static String botId(String thread, String message) {
        Matcher t = BOT_IN_THREAD.matcher(thread);
        if (t.matches()) return t.group(1);
        Matcher m = BOT_IN_MESSAGE.matcher(message == null ? "" : message);
        return m.find() ? m.group(1) : null;
    }
}
