package dev.baas.core.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.*;

class JsonLogFormatterTest {
    final ObjectMapper json = new ObjectMapper();

    @Test
    void oneJsonObjectPerLineWithTheBotIdFromTheMessage() throws Exception {
        LogRecord r = new LogRecord(Level.WARNING, "bot 3ae71b66-9f23-446c-ae6d-ee14902b4107: output stream disconnected");
        r.setLoggerName("dev.baas.core.streaming.BotStreams");
        r.setThrown(new IllegalStateException("boom"));
        String line = new JsonLogFormatter().format(r);
        assertEquals(1, line.strip().lines().count());
        JsonNode j = json.readTree(line);
        assertEquals("WARNING", j.get("level").asText());
        assertEquals("3ae71b66-9f23-446c-ae6d-ee14902b4107", j.get("bot_id").asText());
        assertTrue(j.get("stack").asText().contains("IllegalStateException: boom"));
    }

    @Test
    void theBotIdComesFromTheBotsThreadToo() throws Exception {
        String[] line = new String[1];
        Thread t = Thread.ofVirtual().name("bot-3ae71b66-9f23-446c-ae6d-ee14902b4107").start(() ->
                line[0] = new JsonLogFormatter().format(new LogRecord(Level.INFO, "admitted")));
        t.join();
        assertEquals("3ae71b66-9f23-446c-ae6d-ee14902b4107", json.readTree(line[0]).get("bot_id").asText());
        assertFalse(json.readTree(new JsonLogFormatter().format(new LogRecord(Level.INFO, "started"))).has("bot_id"));
        for (String worker : new String[]{"recorder", "retranscribe", "screenshot", "stream-out"}) {
            assertEquals("3ae71b66-9f23-446c-ae6d-ee14902b4107",
                    JsonLogFormatter.botId(worker + "-3ae71b66-9f23-446c-ae6d-ee14902b4107", "done"), worker);
        }
        assertEquals(null, JsonLogFormatter.botId("ready-database", "done"));
    }
}
