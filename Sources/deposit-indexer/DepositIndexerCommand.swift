import ArgumentParser
import Foundation

@main
struct DepositIndexerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deposit-indexer",
        abstract: "Turns scholarly-metadata deposits (unixref/unixsd XML) into a live, queryable index of REST API works.",
        discussion: """
        Deposits arrive on a Kafka topic; workers parse them into REST API work JSON, index them and publish \
        what changed. Start with `deposit-indexer parse FILE` to see the JSON a deposit becomes.
        """,
        subcommands: [ParseCommand.self, BrokerCommand.self, TopicsCommand.self, PublishCommand.self, RunCommand.self,
                      StatusCommand.self, ReplayCommand.self, ServeCommand.self, AlertsCommand.self,
                      SummarizeCommand.self]
    )

    /// Usage errors exit with 2 (not ArgumentParser's 64), as scripts expect of a Unix tool.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
