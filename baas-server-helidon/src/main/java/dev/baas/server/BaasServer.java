package dev.baas.server;

import dev.baas.core.Baas;
import dev.baas.core.BotEvent;
import dev.baas.browser.BrowserRuntime;
import dev.baas.browser.BrowserSettings;
import dev.baas.core.EngineSettings;
import dev.baas.core.SystemScheduler;
import dev.baas.core.calendar.CalendarOperations;
import dev.baas.core.calendar.CalendarService;
import dev.baas.core.calendar.JdbcCalendarStore;
import dev.baas.core.calendar.TokenCipher;
import dev.baas.core.calendar.ZoomConnectionOperations;
import dev.baas.core.calendar.ZoomConnections;
import dev.baas.core.db.Database;
import dev.baas.core.media.RecorderFactory;
import dev.baas.core.media.RecordingSettings;
import dev.baas.sandbox.SandboxService;
import dev.baas.spi.calendar.ZoomAuthorization;
import java.util.ServiceLoader;
import dev.baas.core.security.SecretBox;
import dev.baas.core.storage.ArtifactStorage;
import dev.baas.core.webhook.JooqOutboxStore;
import dev.baas.core.webhook.RetrySchedule;
import dev.baas.core.webhook.UrlGuard;
import dev.baas.core.webhook.WebhookDispatcher;
import dev.baas.core.webhook.WebhookPlanner;
import dev.baas.core.webhook.WebhookSender;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.baas.core.storage.LocalArtifactStorage;
import dev.baas.core.storage.S3ArtifactStorage;
import dev.baas.core.store.Account;
import dev.baas.core.store.JooqAccountStore;
import dev.baas.core.store.JooqBotStore;
import io.helidon.webserver.WebServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static io.helidon.http.Method.GET;
import static io.helidon.http.Method.POST;
import static io.helidon.http.Method.PATCH;
import static io.helidon.http.Method.DELETE;

/**
 * The running server, wired by hand top to bottom: database, stores, artifact storage, the engine with the plugins
 * on the class path, the API routes, the web server.
 */
public final class BaasServer implements AutoCloseable {
    /** How long stopping waits for bots to leave their meetings and store their recordings. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(15);

    private final ServerConfig config;
    private final Database database;
    private final JooqAccountStore accounts;
    private final JooqBotStore bots;
    private final Baas baas;
    private final BotApi botApi;
    private final WebServer web;
    private final Optional<String> generatedKey;
    private final JooqOutboxStore outbox;
    private final WebhookDispatcher dispatcher;
    private final PrometheusMeterRegistry meters;
    private final Optional<BrowserRuntime> browsers;
    private final Optional<SandboxService> sandbox;
    private final SystemScheduler scheduler;
    private final CalendarService calendars;
    private final ArtifactStorage storage;
    private final dev.baas.core.RecoveryReport recovered;

    private BaasServer(ServerConfig config, Consumer<Baas.Builder> engineHook, Consumer<CalendarService.Builder> calendarHook) {
        this.config = config;
        if (config.node().role() != NodeConfig.Role.ALL
                && !config.databaseUrl().map(u -> u.startsWith("jdbc:postgresql:")).orElse(false)) {
            throw dev.baas.spi.BaasException.invalid("BAAS_ROLE", "api and worker nodes share a PostgreSQL database (BAAS_DATABASE_URL)");
        }
        Clock clock = Clock.systemUTC();
        Path data = config.dataDirectory();
        createDirectories(data);
        this.database = Database.open(config.databaseUrl(), data);
        String secretKey = SecretBox.key(config.secretKey(), data);
        SecretBox box = new SecretBox(java.util.Base64.getDecoder().decode(secretKey));
        this.accounts = new JooqAccountStore(database, clock, Optional.of(box));
        this.outbox = new JooqOutboxStore(database);
        String publicUrl = config.publicUrl().orElse("http://localhost:" + config.port());
        ArtifactStorage storage = switch (config.storage()) {
            case StorageConfig.Local l -> new LocalArtifactStorage(data.resolve("artifacts"), publicUrl,
                    signingKey(data.resolve("artifact-signing.key")), clock);
            case StorageConfig.S3 s3 -> bucket(s3);
        };
        this.storage = storage;
        WebhookPlanner planner = new WebhookPlanner(
                account -> accountNumber(account).flatMap(accounts::find).flatMap(Account::webhookUrl),
                (bot, file) -> storage.url(ArtifactStorage.key(bot, file.getFileName().toString()), Artifacts.LINK_TTL));
        // a bot's webhooks are written in the transaction of the events that cause them
        this.bots = new JooqBotStore(database, (tx, bot, events) -> JooqOutboxStore.enqueue(tx, planner.plan(bot, events), clock.instant()));
        this.generatedKey = bootstrapAccounts();
        this.meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        UrlGuard guard = new UrlGuard(config.webhookAllowPrivate());
        this.dispatcher = new WebhookDispatcher(outbox, new WebhookSender(WebhookSender.Settings.DEFAULT, guard, clock),
                account -> new WebhookSender.Credentials(accountNumber(account).flatMap(accounts::webhookKey),
                        accountNumber(account).flatMap(accounts::find).map(Account::webhookSecret)
                                .orElseThrow(() -> new IllegalStateException("webhook for unknown account " + account))),
                clock, RetrySchedule.STANDARD, 16, Duration.ofMinutes(2), Duration.ofSeconds(1)).measuredBy(meters);
        Artifacts artifacts = new Artifacts(storage);
        Baas.Builder engine = Baas.builder().discoverPlugins().store(bots).clock(clock).dataDirectory(data)
                .artifactStorage(storage).urlGuard(guard).meterRegistry(meters)
                .recorders(RecorderFactory.media(RecordingSettings.defaults()))
                .settings(EngineSettings.defaults(data).withScreenshotInterval(config.screenshotInterval()))
                .capacity(config.node().capacity());
        if (database.dialect() == org.jooq.SQLDialect.POSTGRES) {
            // nodes sharing PostgreSQL hold their bots by lease; a lone H2 node needs none
            engine.cluster(bots, config.node().cluster());
        }
        this.sandbox = config.sandbox() ? Optional.of(SandboxService.start(SandboxService.Settings.defaults())) : Optional.empty();
        if (sandbox.isEmpty()) engine.withoutPlatform("sandbox");
        if (config.browser() || config.sandbox()) {
            BrowserSettings browserSettings = BrowserSettings.fromEnvironment(System.getenv());
            List<String> args = new ArrayList<>(config.browserArgs().isEmpty() ? browserSettings.extraArgs() : config.browserArgs());
            // with the sandbox on, the bots reach its look-alikes by the real platforms' host names
            sandbox.ifPresent(sb -> args.add(sb.hostResolverRules()));
            this.browsers = Optional.of(BrowserRuntime.start(browserSettings.withExtraArgs(args)));
            engine.service(BrowserRuntime.class, browsers.get());
        } else {
            this.browsers = Optional.empty();
        }
        engineHook.accept(engine);
        this.baas = engine.build();
        this.recovered = recoverLeftovers(baas);
        JdbcCalendarStore calendarStore = new JdbcCalendarStore(database.dsl());
        TokenCipher cipher = TokenCipher.fromBase64(secretKey);
        this.scheduler = new SystemScheduler();
        CalendarConfig calendarConfig = config.calendar();
        CalendarService.Builder calendarBuilder = CalendarService.builder(baas, calendarStore, cipher, scheduler).discoverProviders()
                .providers(p -> p.configured(switch (p.name()) {
                    case "Google" -> calendarConfig.google();
                    case "Microsoft" -> calendarConfig.microsoft();
                    default -> java.util.Map.of();
                }))
                .settings(calendarConfig.calendarSettings())
                .webhooks(outbox, account -> accountNumber(account).flatMap(accounts::find).flatMap(Account::webhookUrl));
        calendarHook.accept(calendarBuilder);
        this.calendars = calendarBuilder.build();
        calendars.start();
        ZoomConnections zoom = new ZoomConnections(ServiceLoader.load(ZoomAuthorization.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no Zoom OAuth implementation on the class path"))
                .configured(calendarConfig.zoom()),
                calendarStore, cipher, baas.clock(), dev.baas.core.IdGenerator.RANDOM);
        CalendarApi calendarApi = new CalendarApi(new CalendarOperations(calendars), new ZoomConnectionOperations(zoom), config.maxBodyBytes());
        baas.onEvent(e -> dispatcher.wake());
        WebhookUrls webhooks = new WebhookUrls(config.webhookAllowPrivate());
        this.botApi = new BotApi(baas, bots, artifacts, new JoinRequests(webhooks), config.maxBodyBytes());
        ConsoleApi console = new ConsoleApi(outbox, dispatcher, accounts, clock, config.maxBodyBytes());
        LiveEvents live = new LiveEvents(baas, bots);
        Optional<RateLimit> perKey = config.rateLimits().enabled()
                ? Optional.of(new RateLimit(config.rateLimits().perMinute(), config.rateLimits().burst(), clock, "api_key"))
                : Optional.empty();
        ApiRoutes routes = new ApiRoutes(new Auth(accounts, perKey, config.authCache()), accounts, webhooks, botApi, config.maxBodyBytes())
                .own(GET, "/bots/{uuid}/events", "bot_events", "Everything that happened to a bot, oldest first", botApi::events)
                .own(GET, "/events", "live_events", "The account's bot events as server-sent events, live", live::stream)
                .own(GET, "/webhooks/deliveries", "list_webhook_deliveries", "The webhook delivery log (query: bot_id, limit, before)", console::deliveries)
                .own(GET, "/webhooks/deliveries/{id}", "get_webhook_delivery", "One webhook delivery with its body and attempts", console::delivery)
                .own(POST, "/webhooks/deliveries/{id}/resend", "resend_webhook_delivery", "Deliver a webhook again, same message id", console::resend)
                .v1(POST, "/calendars/raw", "list_raw_calendars", "List the calendars of an OAuth account", calendarApi::listRaw)
                .v1(POST, "/calendars/resync_all", "resync_all_calendars", "Resynchronise every calendar", calendarApi::resyncAll)
                .v1(GET, "/calendars/", "list_calendars", "List calendars", calendarApi::list)
                .v1(POST, "/calendars/", "create_calendar", "Connect a calendar", calendarApi::create)
                .v1(GET, "/calendars/{uuid}", "get_calendar", "A calendar", calendarApi::get)
                .v1(PATCH, "/calendars/{uuid}", "update_calendar", "Update a calendar's credentials", calendarApi::update)
                .v1(DELETE, "/calendars/{uuid}", "delete_calendar", "Disconnect a calendar", calendarApi::delete)
                .v1(GET, "/calendar_events/", "list_events", "List a calendar's events", calendarApi::events)
                .v1(POST, "/calendar_events/{uuid}/bot", "schedule_record_event", "Schedule a bot for an event", calendarApi::schedule)
                .v1(PATCH, "/calendar_events/{uuid}/bot", "patch_bot", "Change the bot scheduled for an event", calendarApi::patch)
                .v1(DELETE, "/calendar_events/{uuid}/bot", "unschedule_record_event", "Unschedule the bot of an event", calendarApi::unschedule)
                .v1(GET, "/calendar_events/{uuid}", "get_event", "A calendar event", calendarApi::event)
                .v1(GET, "/zoom_oauth_connections/", "list_zoom_oauth_connections", "List Zoom OAuth connections", calendarApi::zoomList)
                .v1(POST, "/zoom_oauth_connections/", "create_zoom_oauth_connection", "Connect a Zoom account", calendarApi::zoomCreate)
                .v1(GET, "/zoom_oauth_connections/{uuid}", "get_zoom_oauth_connection", "A Zoom OAuth connection", calendarApi::zoomGet)
                .v1(DELETE, "/zoom_oauth_connections/{uuid}", "delete_zoom_oauth_connection", "Disconnect a Zoom account", calendarApi::zoomDelete)
                .own(GET, "/api_keys", "list_api_keys", "The account's API keys, by prefix", console::keys)
                .own(POST, "/api_keys", "create_api_key", "A new API key, shown once", console::createKey)
                .open(GET, "/health/ready", "readiness", "Readiness: database, browsers, artifact storage, webhook queue; 503 when not ready",
                        new Readiness(accounts, browsers, storage, outbox, clock, config.readyTimeout())::handle)
                .open(GET, "/metrics", "metrics", "Prometheus metrics", (req, res) -> res
                        .header(io.helidon.http.HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8").send(meters.scrape()))
                .open(GET, "/", "home", "Redirects to the dashboard", StaticFiles::home)
                .open(GET, "/dashboard", "dashboard", "The dashboard", StaticFiles::index)
                .open(GET, "/dashboard/", "dashboard_index", "The dashboard", StaticFiles::index)
                .open(GET, "/dashboard/{file}", "dashboard_file", "The dashboard's files", StaticFiles::file);
        sandbox.ifPresent(sb -> {
            SandboxApi api = new SandboxApi(sb, config.maxBodyBytes());
            routes.own(POST, "/sandbox/meetings", "create_sandbox_meeting", "A look-alike meeting with scripted participants", api::create)
                    .own(GET, "/sandbox/meetings/{id}", "get_sandbox_meeting", "Who is in a sandbox meeting, and its chat", api::get)
                    .own(POST, "/sandbox/meetings/{id}/{action}", "sandbox_host_action", "Act as host: admit, deny, remove, end, start_host", api::act)
                    .open(GET, "/sandbox/meetings/{id}/join", "join_sandbox_meeting", "The meeting page, to join from a browser", api::page);
        });
        this.web = WebServer.builder()
                .host(config.host())
                .port(config.port())
                .routing(r -> routes.register(r, artifacts))
                .build()
                .start();
    }

    /** Finishes the bots a previous process of this node left behind (killed, crashed) before new ones come. */
    private static dev.baas.core.RecoveryReport recoverLeftovers(Baas baas) {
        try {
            dev.baas.core.RecoveryReport r = baas.recover();
            if (r.total() > 0) {
                System.getLogger(BaasServer.class.getName()).log(System.Logger.Level.WARNING, "recovered " + r.total()
                        + " bots left unfinished by the previous run in " + r.took().toMillis() + " ms: " + r.completed()
                        + " completed with their recording, " + r.failed() + " failed, " + r.restarted() + " run again");
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recovering unfinished bots", e);
        }
    }

    /** What the start-up recovery did with the bots the previous run left unfinished. */
    public dev.baas.core.RecoveryReport recovered() { return recovered; }

    /** Accounts of this server are numbered; a bot's account id is that number as text. */
    private static Optional<Long> accountNumber(String account) {
        try {
            return Optional.of(Long.parseLong(account));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Starts a server; port 0 picks a free port first, so download links can name it. */
    public static BaasServer start(ServerConfig config) { return start(config, b -> { }); }

    /** Starts a server, letting {@code engineHook} add to the engine (extra platforms, a clock, ...). */
    public static BaasServer start(ServerConfig config, Consumer<Baas.Builder> engineHook) {
        return start(config, engineHook, c -> { });
    }

    /** Starts a server, letting {@code calendarHook} change its calendar service too (a scheduler, settings, ...). */
    public static BaasServer start(ServerConfig config, Consumer<Baas.Builder> engineHook, Consumer<CalendarService.Builder> calendarHook) {
        ServerConfig effective = config.port() == 0 ? config.withPort(freePort(config.host())) : config;
        return new BaasServer(effective, engineHook, calendarHook);
    }

    /**
     * Makes sure someone can log in: the operator's key gets an account on first sight; a server with no account at
     * all gets one with a fresh key, returned so it can be shown once.
     */
    private Optional<String> bootstrapAccounts() {
        if (config.apiKey().isPresent() && !accounts.keyExists(config.apiKey().get())) {
            Account a = accounts.create("operator");
            accounts.addKey(a.id(), config.apiKey().get());
        }
        if (accounts.count() == 0) {
            Account a = accounts.create("default");
            return Optional.of(accounts.issueKey(a.id()));
        }
        return Optional.empty();
    }

    public int port() { return web.port(); }

    public ServerConfig config() { return config; }

    /** The key of the account made at first start, when the operator gave none: print it once. */
    public Optional<String> generatedKey() { return generatedKey; }

    public Baas baas() { return baas; }

    public JooqAccountStore accounts() { return accounts; }

    public JooqBotStore bots() { return bots; }

    public Database database() { return database; }

    public JooqOutboxStore outbox() { return outbox; }

    public Optional<SandboxService> sandbox() { return sandbox; }

    public CalendarService calendars() { return calendars; }

    /** The retranscription last started for a bot, if any. */
    public Optional<CompletableFuture<Void>> retranscription(UUID botId) { return botApi.retranscription(botId); }

    /** Stops taking requests, asks every bot to leave, lets them write their last state, then closes the database. */
    @Override
    public void close() {
        web.stop();
        Object finished = new Object();
        Consumer<BotEvent> wake = e -> {
            if (Baas.isFinal(e)) synchronized (finished) { finished.notifyAll(); }
        };
        baas.onEvent(wake);
        baas.close();
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        synchronized (finished) {
            // a bot leaves the running set just after its final event: re-check in short slices
            while (baas.runningBots() > 0 && System.nanoTime() < deadline) {
                try {
                    finished.wait(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        baas.removeListener(wake);
        calendars.close();
        scheduler.close();
        dispatcher.close();
        sandbox.ifPresent(SandboxService::close);
        browsers.ifPresent(BrowserRuntime::close);
        if (storage instanceof S3ArtifactStorage s3) s3.close();
        database.close();
    }

    /** The operator's bucket, created on first start if the store does not have it yet. */
    private static S3ArtifactStorage bucket(StorageConfig.S3 config) {
        S3ArtifactStorage s3 = new S3ArtifactStorage(config.settings());
        try {
            s3.createBucketIfMissing();
            return s3;
        } catch (IOException e) {
            s3.close();
            throw new UncheckedIOException("artifact storage unavailable: " + e.getMessage(), e);
        }
    }

    private static int freePort(String host) {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("data directory " + dir + " cannot be created", e);
        }
    }

    /** The key download links are signed with: made once, kept in the data directory, readable by the owner only. */
    private static byte[] signingKey(Path file) {
        try {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return dev.baas.core.security.KeyFile.readOrCreate(file, key);
        } catch (IOException e) {
            throw new UncheckedIOException("signing key " + file + " cannot be read or written", e);
        }
    }
}
