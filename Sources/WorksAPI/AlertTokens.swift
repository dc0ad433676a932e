import Foundation

/// Who may use `/alerts`: bearer tokens, each standing for one subscriber (the owner of the alerts
/// it creates). Read from a text file, one subscriber per line:
///
///     # token                          owner
///     3f9c2e7a51d84b6f9e0c1a2b3c4d5e6f  library@example.org
///
/// Blank lines and lines starting with `#` are ignored; a token is at least 16 characters of
/// letters, digits, `-`, `_`, `.` or `~`; the owner is the rest of the line.
public struct AlertTokens: Sendable {
    public static let minimumTokenLength = 16
    private let owners: [String: String]

    public init(owners: [String: String]) {
        self.owners = owners
    }

    public static func load(path: String) throws(AlertTokensError) -> AlertTokens {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw .unreadable(path: path) }
        return try parse(text, source: path)
    }

    public static func parse(_ text: String, source: String) throws(AlertTokensError) -> AlertTokens {
        var owners: [String: String] = [:]
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_.~"))
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let parts = line.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\t" })
            let token = String(parts[0])
            let owner = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            guard token.count >= minimumTokenLength, token.unicodeScalars.allSatisfy(allowed.contains), !owner.isEmpty else {
                throw .badLine(source: source, line: index + 1)
            }
            guard owners[token] == nil else { throw .duplicateToken(source: source, line: index + 1) }
            owners[token] = owner
        }
        guard !owners.isEmpty else { throw .empty(source: source) }
        return AlertTokens(owners: owners)
    }

    /// The subscriber an `Authorization: Bearer <token>` header names, or nil.
    public func owner(authorization: String?) -> String? {
        guard let authorization else { return nil }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return owners[parts[1].trimmingCharacters(in: .whitespaces)]
    }
}

public enum AlertTokensError: Error, CustomStringConvertible {
    case unreadable(path: String)
    case badLine(source: String, line: Int)
    case duplicateToken(source: String, line: Int)
    case empty(source: String)

    public var description: String {
        switch self {
        case .unreadable(let path):
            return "cannot read the alert token file \(path)"
        case .badLine(let source, let line):
            return "\(source):\(line): write one subscriber per line as TOKEN OWNER; the token is at least \(AlertTokens.minimumTokenLength) characters of letters, digits, -, _, . or ~ (e.g. from `openssl rand -hex 16`)"
        case .duplicateToken(let source, let line):
            return "\(source):\(line): this token is already given to another subscriber; every subscriber needs its own"
        case .empty(let source):
            return "\(source) names no subscriber: add a line TOKEN OWNER"
        }
    }
}
