package dev.baas.stt.builtin;

import dev.baas.spi.Word;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * Up to {@code size} decoders, created on first need and reused: a native decoder takes a second and tens of megabytes
 * to load, and may only be used by one thread at a time.
 */
final class DecoderPool implements AutoCloseable {
    private final Supplier<ChunkDecoder> factory;
    private final BlockingQueue<ChunkDecoder> idle;
    private final List<ChunkDecoder> all = new ArrayList<>();
    private final int size;

    DecoderPool(int size, Supplier<ChunkDecoder> factory) {
        this.size = size;
        this.factory = factory;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    List<Word> decode(short[] samples, Optional<String> language) throws InterruptedException {
        ChunkDecoder decoder = borrow();
        try {
            return decoder.decode(samples, language);
        } finally {
            idle.add(decoder);
        }
    }

    private ChunkDecoder borrow() throws InterruptedException {
        ChunkDecoder free = idle.poll();
        if (free != null) return free;
        synchronized (all) {
            if (all.size() < size) {
                ChunkDecoder created = factory.get();
                all.add(created);
                return created;
            }
        }
        return idle.take();
    }

    int size() { return size; }

    @Override
    public void close() {
        synchronized (all) {
            all.forEach(ChunkDecoder::close);
            all.clear();
            idle.clear();
        }
    }
}
