package dev.baas.core.webhook;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Delivers the outbox. One loop claims due deliveries (one per bot at a time, so each bot's events keep their
 * order) and sends each on a virtual thread, at most {@code concurrency} at once; a slow receiver holds only its
 * own bot's queue. Results go back to the store, which decides nothing: the {@link RetrySchedule} does.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(WebhookDispatcher.class.getName());

    private final OutboxStore store;
    private final WebhookSender sender;
    private final Function<String, WebhookSender.Credentials> credentials;
    private final Clock clock;
    private final RetrySchedule schedule;
    private final Duration lease;
    private final Duration idlePoll;
    private final Semaphore slots;
    private final int concurrency;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final RandomGenerator random = RandomGenerator.getDefault();
    private volatile boolean running = true;
    private boolean woken;
    private final Thread loop;
    private volatile MeterRegistry meters;

    public WebhookDispatcher(OutboxStore store, WebhookSender sender, Function<String, WebhookSender.Credentials> credentials,
                             Clock clock, RetrySchedule schedule, int concurrency, Duration lease, Duration idlePoll) {
        this.store = store;
        this.sender = sender;
        this.credentials = credentials;
        this.clock = clock;
        this.schedule = schedule;
        this.concurrency = concurrency;
        this.slots = new Semaphore(concurrency);
        this.lease = lease;
        this.idlePoll = idlePoll;
        this.loop = Thread.ofPlatform().daemon().name("baas-webhooks").start(this::run);
    }

    /** Tells the loop that new deliveries may be due, so it does not wait for its next poll. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (running) {
            try {
                int free = slots.availablePermits();
                List<Delivery> due = free == 0 ? List.of() : store.claimDue(clock.instant(), clock.instant().plus(lease), free);
                for (Delivery d : due) {
                    slots.acquire();
                    workers.submit(() -> {
                        try {
                            deliver(d);
                        } finally {
                            slots.release();
                            wake();
                        }
                    });
                }
                if (due.isEmpty()) sleepUntilDue();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "webhook dispatch loop failed; retrying", e);
                try {
                    sleep(idlePoll);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void sleepUntilDue() throws InterruptedException {
        Duration wait = idlePoll;
        if (slots.availablePermits() > 0) {
            Optional<Instant> next = store.nextDue();
            if (next.isPresent()) {
                Duration until = Duration.between(clock.instant(), next.get());
                if (until.compareTo(wait) < 0) wait = until.isNegative() ? Duration.ofMillis(1) : until;
            }
        }
        sleep(wait);
    }

    private void sleep(Duration d) throws InterruptedException {
        lock.lock();
        try {
            long nanos = Math.max(1, d.toNanos());
            while (!woken && running && nanos > 0) nanos = wake.awaitNanos(nanos);
            woken = false;
        } finally {
            lock.unlock();
        }
    }

    void deliver(Delivery d) {
        Attempt a = sender.send(d, credentials.apply(d.accountId()));
        int made = d.attempts() + 1;
        if (a.succeeded()) {
            store.recordAttempt(a, Delivery.State.DELIVERED, Optional.empty());
            measure(a, d, "delivered");
            return;
        }
        boolean retry = a.status().isEmpty() || RetrySchedule.retryable(a.status().getAsInt());
        Optional<Duration> delay = retry ? schedule.next(made, a.retryAfter(), random) : Optional.empty();
        if (delay.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "webhook " + d.webhookId() + " (" + d.eventName()
                    + d.botId().map(b -> " of bot " + b).orElse("") + ") to " + d.url()
                    + " is dead after " + made + " attempt(s): " + a.error().orElse("refused"));
            store.recordAttempt(a, Delivery.State.DEAD, Optional.empty());
            measure(a, d, "dead");
        } else {
            store.recordAttempt(a, Delivery.State.PENDING, Optional.of(clock.instant().plus(delay.get())));
            measure(a, d, "retry");
        }
    }

    public int concurrency() { return concurrency; }

    /** Publishes queue depth, attempt latency and outcomes on {@code registry}. */
    public WebhookDispatcher measuredBy(MeterRegistry registry) {
        Gauge.builder("baas.webhook.queue.depth", store, OutboxStore::pendingCount).register(registry);
        deliveryLatency(registry); // published from the start, before the first delivery
        meters = registry;
        return this;
    }

    private void measure(Attempt a, Delivery d, String outcome) {
        MeterRegistry m = meters;
        if (m == null) return;
        Timer.builder("baas.webhook.attempt.latency").tag("outcome", outcome).register(m).record(a.latency());
        if (outcome.equals("delivered")) {
            deliveryLatency(m).record(Duration.between(d.createdAt(), clock.instant()));
        }
    }

    private static Timer deliveryLatency(MeterRegistry m) {
        return Timer.builder("baas.webhook.delivery.latency").description("from the event to its delivery").register(m);
    }

    @Override
    public void close() {
        running = false;
        wake();
        loop.interrupt();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
