import ArgumentParser
import Foundation
import Kafka

/// How every command that talks to Kafka finds it: `--brokers` (or DEPOSIT_INDEXER_BROKERS, or a
/// bootstrap file written by `deposit-indexer broker`), plus librdkafka properties passed through.
struct KafkaOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Kafka bootstrap servers, host:port[,host:port]. Defaults to $DEPOSIT_INDEXER_BROKERS.",
                                            valueName: "host:port"))
    var brokers: String?

    @Option(name: .customLong("bootstrap-file"), help: ArgumentHelp("Read the bootstrap servers from this file (as written by `deposit-indexer broker --bootstrap-file`).", valueName: "path"))
    var bootstrapFile: String?

    @Option(name: .customLong("kafka"), help: ArgumentHelp("A librdkafka property passed through, e.g. --kafka security.protocol=SASL_SSL (repeatable).", valueName: "key=value"))
    var properties: [String] = []

    func configuration() throws -> KafkaConfiguration {
        try Self.configuration(brokers: brokers, bootstrapFile: bootstrapFile, properties: properties)
    }

    static func configuration(brokers: String?, bootstrapFile: String?, properties: [String]) throws -> KafkaConfiguration {
        var servers = brokers ?? ProcessInfo.processInfo.environment["DEPOSIT_INDEXER_BROKERS"]
        if servers == nil, let bootstrapFile {
            guard let text = try? String(contentsOfFile: bootstrapFile, encoding: .utf8) else {
                throw CommandFailure("cannot read the bootstrap file \(bootstrapFile); is `deposit-indexer broker --bootstrap-file \(bootstrapFile)` running?")
            }
            servers = text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let servers, !servers.isEmpty else {
            throw CommandFailure("no Kafka brokers: pass --brokers host:port, set DEPOSIT_INDEXER_BROKERS, or --bootstrap-file FILE (start a local one with `deposit-indexer broker`)")
        }
        do { return try KafkaConfiguration(brokers: servers, overrideStrings: properties) } catch {
            throw CommandFailure("\(error)")
        }
    }
}

/// Where the topic specs live: --topics, else Topics/ in the working directory, else the Topics/ of
/// the source tree the binary was built in (`.build/<config>/deposit-indexer` sits two levels below
/// it), so `broker` and `topics` work from any directory on a machine that built the binary.
struct TopicsOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The directory of topic specs (*.json). Default: ./Topics, else the Topics/ of the source tree this binary was built in.",
                               valueName: "dir"))
    var topics: String?

    func load() throws -> [TopicSpec] {
        if let topics {
            guard Self.isDirectory(topics) else { throw CommandFailure("no topic specs at \(topics): --topics takes a directory of *.json specs") }
            return try TopicCatalog.load(directory: URL(fileURLWithPath: topics))
        }
        guard let found = Self.defaultDirectory() else {
            throw CommandFailure("no Topics/ directory here or in the source tree of this binary: run from the source tree or pass --topics DIR")
        }
        return try TopicCatalog.load(directory: found)
    }

    private static func defaultDirectory() -> URL? {
        let here = URL(fileURLWithPath: "Topics")
        if isDirectory(here.path) { return here }
        guard let executable = Bundle.main.executableURL else { return nil }
        var directory = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("Topics")
            if isDirectory(candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
