extension PartialDate: Codable {
    enum CodingKeys: String, CodingKey { case dateParts = "date-parts" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let parts = try c.decode([[Int?]].self, forKey: .dateParts).first ?? []
        self.init(year: parts.count > 0 ? parts[0] : nil, month: parts.count > 1 ? parts[1] : nil,
                  day: parts.count > 2 ? parts[2] : nil)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(isKnown ? [parts.map { Optional($0) }] : [[nil]], forKey: .dateParts)
    }
}

extension DateObject: Codable {
    enum CodingKeys: String, CodingKey {
        case dateParts = "date-parts", dateTime = "date-time", timestamp
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(epochMillis: try c.decode(Int64.self, forKey: .timestamp))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode([dateParts], forKey: .dateParts)
        try c.encode(dateTime, forKey: .dateTime)
        try c.encode(timestamp, forKey: .timestamp)
    }
}
