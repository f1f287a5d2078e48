package dev.baas.bench;

import dev.baas.core.Baas;
import dev.baas.core.BotEvent;
import dev.baas.core.store.Account;
import dev.baas.server.BaasServer;
import dev.baas.server.ServerConfig;
import dev.baas.spi.BotStatusCode;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * 100 whole bot lifecycles through the HTTP API (joined, admitted, a second of audio recorded, meeting ended, recording
 * stored) on a browser-free platform, 10 at a time, after 10 that warm the server up. Threads, open file handles,
 * live heap and resident memory are read before and after; the run fails when any grew beyond its tolerance, which is
 * what a leak per bot would do (a thread, a handle or 1 MB per bot would show as 100, 100 and 100 MB).
 */
public final class SoakBench implements Benchmark {
    static final int LIFECYCLES = 100;
    static final int WARM_UP = 10;
    static final int AT_ONCE = 10;
    static final int THREAD_TOLERANCE = 5;
    static final int FILE_TOLERANCE = 10;
    static final long RSS_TOLERANCE_MB = 64;
    static final long HEAP_TOLERANCE_MB = 16;
    private static final Pattern BOT_ID = Pattern.compile("\"bot_id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    @Override public String name() { return "soak"; }

    @Override
    public String description() {
        return LIFECYCLES + " bot lifecycles (browser-free platform); fails if threads grow > " + THREAD_TOLERANCE
                + ", open files > " + FILE_TOLERANCE
                + ", live heap > " + HEAP_TOLERANCE_MB + " MB or RSS > " + RSS_TOLERANCE_MB + " MB";
    }

    /** What the process holds at one moment. */
    record Resources(int threads, int openFiles, long rssKb, long heapUsedKb, long heapCommittedKb) {
        static Resources now() throws IOException {
            System.gc();
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) rss = Long.parseLong(line.replaceAll("\\D", ""));
            }
            int files;
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                files = (int) fds.count();
            }
            var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            return new Resources(ManagementFactory.getThreadMXBean().getThreadCount(), files, rss, heap.getUsed() / 1024,
                    heap.getCommitted() / 1024);
        }
    }

    @Override
    public void run(Figures out) throws Exception {
        Path dir = Files.createTempDirectory("baas-soak");
        BenchPlatform platform = new BenchPlatform(BenchPlatform.Script.SHORT_MEETING);
        try (BaasServer server = BaasServer.start(ServerConfig.defaults(dir).withPort(0), b -> b.platform(platform))) {
            // a bot that starts recording hears a second of silence, then its meeting ends
            server.baas().onEvent(e -> {
                if (e instanceof BotEvent.StatusChanged s && s.code() == BotStatusCode.IN_CALL_RECORDING) {
                    Thread.ofVirtual().start(() -> platform.recordAndEnd(s.botId()));
                }
            });
            Account account = server.accounts().create("soak");
            String key = server.accounts().issueKey(account.id());
            lifecycles(server, key, WARM_UP);
            Resources before = Resources.now();
            nativeMemory("baseline");
            long start = System.nanoTime();
            int recorded = lifecycles(server, key, LIFECYCLES);
            double seconds = (System.nanoTime() - start) / 1e9;
            Resources after = Resources.now();
            nativeMemory("summary.diff").ifPresent(diff -> System.out.println("native memory since the start of the soak:\n" + diff));
            out.add("lifecycles", LIFECYCLES, "bots");
            out.add("lifecycles with a stored recording", recorded, "bots");
            out.add("lifecycle rate", LIFECYCLES / seconds, "bots/s");
            out.add("threads before", before.threads(), "");
            out.add("threads after", after.threads(), "");
            out.add("open files before", before.openFiles(), "");
            out.add("open files after", after.openFiles(), "");
            out.add("RSS before", before.rssKb() / 1024.0, "MB");
            out.add("RSS after", after.rssKb() / 1024.0, "MB");
            out.add("heap used after GC before", before.heapUsedKb() / 1024.0, "MB");
            out.add("heap used after GC after", after.heapUsedKb() / 1024.0, "MB");
            out.add("heap committed before", before.heapCommittedKb() / 1024.0, "MB");
            out.add("heap committed after", after.heapCommittedKb() / 1024.0, "MB");
            out.add("load average (1 min)", ApiThroughputBench.loadAverage(), "");
            List<String> grown = new ArrayList<>();
            if (after.threads() - before.threads() > THREAD_TOLERANCE) grown.add("threads " + before.threads() + " -> " + after.threads());
            if (after.openFiles() - before.openFiles() > FILE_TOLERANCE) grown.add("open files " + before.openFiles() + " -> " + after.openFiles());
            // a leak shows as live heap after a collection, or as resident memory; RSS only means something when the heap
            // cannot grow its committed size (./baas bench soak runs with -Xms=-Xmx and the heap pre-touched)
            if (after.heapUsedKb() - before.heapUsedKb() > HEAP_TOLERANCE_MB * 1024) {
                grown.add("heap used after GC " + before.heapUsedKb() / 1024 + " -> " + after.heapUsedKb() / 1024 + " MB");
            }
            if ((after.rssKb() - before.rssKb()) / 1024 > RSS_TOLERANCE_MB) {
                grown.add("RSS " + before.rssKb() / 1024 + " -> " + after.rssKb() / 1024 + " MB");
            }
            if (recorded != LIFECYCLES) grown.add("only " + recorded + " of " + LIFECYCLES + " bots stored a recording");
            if (!grown.isEmpty()) throw new IllegalStateException("the soak run leaked or lost work: " + String.join("; ", grown));
        } finally {
            ApiThroughputBench.deleteTree(dir);
        }
    }

    /**
     * The JVM's native memory tracking ({@code -XX:NativeMemoryTracking=summary}), through the diagnostic command
     * {@code VM.native_memory}: says where resident memory outside the heap went. Empty when tracking is off.
     */
    private static java.util.Optional<String> nativeMemory(String what) {
        try {
            Object answer = ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {what}}, new String[] {String[].class.getName()});
            String text = String.valueOf(answer);
            return text.contains("not enabled") ? java.util.Optional.empty() : java.util.Optional.of(text);
        } catch (javax.management.JMException e) {
            return java.util.Optional.empty();
        }
    }

    /** Sends {@code count} bots through the API, {@link #AT_ONCE} at a time; answers how many ended with a recording. */
    private static int lifecycles(BaasServer server, String key, int count) throws Exception {
        AtomicInteger recorded = new AtomicInteger();
        CountDownLatch ended = new CountDownLatch(count);

        Consumer<BotEvent> listener = e -> {
            if (!Baas.isFinal(e)) return;
            if (e instanceof BotEvent.Completed c && c.artifacts().audio().isPresent()) recorded.incrementAndGet();
            ended.countDown();
        };
        server.baas().onEvent(listener);
        try (LoopbackClient http = new LoopbackClient(server.port())) {
            for (int i = 0; i < count; i++) {
                // at most AT_ONCE bots in their meetings: wait for an end before sending the next
                while (count - ended.getCount() + AT_ONCE <= i) ended.await(50, TimeUnit.MILLISECONDS);
                LoopbackClient.Response r = http.send(LoopbackClient.request("POST", "/bots", key,
                        "{\"meeting_url\":\"" + BenchPlatform.PREFIX + "soak-" + UUID.randomUUID() + "\",\"bot_name\":\"Soak\"}"));
                if (r.status() != 200 || !BOT_ID.matcher(r.body()).find()) throw new IllegalStateException("join refused: " + r);
            }
            if (!ended.await(5, TimeUnit.MINUTES)) throw new IllegalStateException(ended.getCount() + " bots never ended");
        } finally {
            server.baas().removeListener(listener);
        }
        return recorded.get();
    }
}
