import ArgumentParser
import Foundation
import Unixref
import WorkModel

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse deposit XML files into REST API work JSON, one work per line.",
        discussion: """
        Accepts unixsd query results, unixref doi_records/doi_record/crossref, OAI-PMH ListRecords pages \
        and member doi_batch deposits, in any mix. A PATH is a file, a directory (every file below it, \
        whatever its extension) or - for standard input; .gz files are decompressed on the fly.

        Works go to standard output as JSON lines. Records that cannot be read go to standard error as \
        JSON lines {"file", "code", "record-index", "DOI", "line", "message"}; the records around them \
        are still read.

        Exit status: 0 when every record parsed, 1 when some failed, 2 for bad usage.

        Examples:
          deposit-indexer parse ../shared/fixtures/oai-pmh/journal.xml | head -1
          deposit-indexer parse --stats --jobs 2 ../shared/fixtures > /dev/null
          zcat page.xml.gz | deposit-indexer parse --pretty -
        """
    )

    @Flag(help: "Indent the JSON for reading (one work spans several lines).")
    var pretty = false

    @Flag(help: "Print counts by type, warnings by kind, errors by code and records/s to standard error at the end.")
    var stats = false

    @Flag(help: "Also print each record's warnings (dropped dates, identifiers, unknown elements) to standard error.")
    var warnings = false

    @Option(help: "Parse this many files at once (default: 1; use the core count for big directories).")
    var jobs: Int = 1

    @Argument(help: "Files, directories, or - for standard input.")
    var paths: [String]

    func validate() throws {
        guard jobs >= 1 && jobs <= 256 else { throw ValidationError("--jobs must be between 1 and 256, not \(jobs)") }
        guard !paths.isEmpty else { throw ValidationError("name at least one PATH (a file, a directory, or - for standard input)") }
    }

    func run() throws {
        let files: [DepositFile]
        do { files = try DepositFile.expand(paths) } catch {
            throw CommandFailure("\(error)")
        }
        let run = ParseRun(files: files, jobs: jobs, pretty: pretty, reportWarnings: warnings)
        let summary = run.execute()
        if stats { FileHandle.standardError.write(Data(summary.report().utf8)) }
        if summary.failed > 0 || summary.unreadableFiles > 0 { throw ExitCode(1) }
    }
}
