package dev.baas.core.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/** Nodes sharing a data directory that start at the same moment all end up with one and the same key. */
class KeyFileTest {
    @TempDir Path data;

    @Test
    void writersRacingForTheFileAllReadTheFirstOnesKey() throws Exception {
        Path file = data.resolve("shared").resolve("secret.key");
        int writers = 16;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<byte[]>> keys = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            for (int i = 0; i < writers; i++) {
                byte[] mine = new byte[32];
                Arrays.fill(mine, (byte) i);
                keys.add(pool.submit(() -> {
                    go.await();
                    return KeyFile.readOrCreate(file, mine);
                }));
            }
            go.countDown();
            byte[] first = keys.getFirst().get();
            for (Future<byte[]> k : keys) assertArrayEquals(first, k.get());
        }
        assertArrayEquals(keys.getFirst().get(), Files.readAllBytes(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var left = Files.list(file.getParent())) {
            assertEquals(List.of(file), left.toList(), "no key written aside is left behind");
        }
    }

    @Test
    void anExistingKeyIsKept() throws Exception {
        Path file = data.resolve("artifact-signing.key");
        Files.write(file, new byte[]{1, 2, 3});
        assertArrayEquals(new byte[]{1, 2, 3}, KeyFile.readOrCreate(file, new byte[]{9}));
    }
}
