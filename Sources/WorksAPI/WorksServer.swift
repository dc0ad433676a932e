import Hummingbird
import Logging
import NIOCore
import Notifications
import ServiceLifecycle
import WorkIndexQuery
import WorkQuery

/// The HTTP read side as the command line runs it: opens the index read-only and serves it until
/// SIGTERM or SIGINT, then finishes the requests in flight (swift-service-lifecycle graceful
/// shutdown).
public struct WorksServer: Sendable {
    public var indexPath: String
    public var host: String
    public var port: Int
    public var rateLimit: RateLimitAdvice
    /// `/alerts`; answers 503 unless given a catalog and tokens.
    public var alerts: AlertRoutes
    public var logger: Logger
    /// The state file of `summarize` served at `/summaries/{period}` (nil: not served).
    public var summariesPath: String?

    public init(indexPath: String, host: String = "127.0.0.1", port: Int = 8080,
                rateLimit: RateLimitAdvice = RateLimitAdvice(), alerts: AlertRoutes = AlertRoutes(),
                logger: Logger = Logger(label: "works-api"), summariesPath: String? = nil) {
        self.indexPath = indexPath
        self.summariesPath = summariesPath
        self.host = host
        self.port = port
        self.rateLimit = rateLimit
        self.alerts = alerts
        self.logger = logger
    }

    /// The application over an index reader (tests pass any `WorkIndexReading`).
    /// - Parameter onRunning: called with the bound port once the server listens (useful with port 0).
    public func makeApplication(index: any WorkIndexReading, summaries: BatchSummaryStore? = nil,
                                onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = WorksRoutes(index: index, rateLimit: rateLimit, summaries: summaries).makeRouter()
        alerts.register(on: router)
        return Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "DepositIndexer"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// Opens the index (throws `IndexOpenError` with what to do when it is missing) and serves
    /// until a shutdown signal.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let index = try SQLiteWorkIndexReader(path: indexPath)
        let summaries = try summariesPath.map { try BatchSummaryStore(readingAt: $0) }
        logger.info("serving index", metadata: ["index": "\(indexPath)", "host": "\(host)", "port": "\(port)"])
        let application = makeApplication(index: index, summaries: summaries, onRunning: onRunning)
        guard let catalog = alerts.catalog else {
            try await application.runService(gracefulShutdownSignals: [.sigterm, .sigint])
            return
        }
        // The alert catalog is read whole before the first request, then followed alongside the server.
        try await catalog.load()
        try await ServiceGroup(configuration: .init(services: [application, catalog], gracefulShutdownSignals: [.sigterm, .sigint],
                                                    logger: logger)).run()
        await catalog.close()
    }
}
