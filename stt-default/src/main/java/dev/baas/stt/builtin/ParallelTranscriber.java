package dev.baas.stt.builtin;

import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.Word;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes a stream chunk by chunk on the pool's workers. Only a few chunks are in flight at once (two per worker), so
 * memory stays flat however long the meeting; chunks without speech are skipped; word times are re-based on the
 * chunk's offset and come out in order.
 */
final class ParallelTranscriber {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final DecoderPool pool;
    private final double minChunkSeconds;
    private final double maxChunkSeconds;

    ParallelTranscriber(DecoderPool pool, double minChunkSeconds, double maxChunkSeconds) {
        this.pool = pool;
        this.minChunkSeconds = minChunkSeconds;
        this.maxChunkSeconds = maxChunkSeconds;
    }

    List<Word> transcribe(SampleSource source, Optional<String> language) throws InterruptedException, IOException {
        SilenceChunker chunker = new SilenceChunker(Resampler.to(SilenceChunker.RATE, source), minChunkSeconds, maxChunkSeconds);
        ExecutorService workers = Executors.newFixedThreadPool(pool.size(), r -> {
            Thread t = new Thread(r, "stt-default-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(pool.size() * 2);
        Deque<Future<List<Word>>> pending = new ArrayDeque<>();
        List<Word> words = new ArrayList<>();
        try {
            for (Optional<SilenceChunker.Chunk> next = chunker.next(); next.isPresent(); next = chunker.next()) {
                SilenceChunker.Chunk chunk = next.get();
                if (!chunk.hasSpeech()) continue;
                inFlight.acquire();
                pending.add(workers.submit(() -> {
                    try {
                        return pool.decode(chunk.samples(), language).stream().map(w -> w.shifted(chunk.startSeconds())).toList();
                    } finally {
                        inFlight.release();
                    }
                }));
                while (!pending.isEmpty() && pending.peekFirst().isDone()) words.addAll(result(pending.removeFirst()));
            }
            while (!pending.isEmpty()) words.addAll(result(pending.removeFirst()));
            return words;
        } finally {
            workers.shutdownNow();
            // Decoders go back to the pool only when their worker has stopped; wait so the next job finds them.
            boolean stopped = false;
            while (!stopped) {
                try {
                    stopped = workers.awaitTermination(1, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopped = true;
                }
            }
        }
    }

    private static List<Word> result(Future<List<Word>> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException ie) throw ie;
            if (cause instanceof BaasException be) throw be;
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "speech recognition failed: " + cause, cause);
        }
    }
}
