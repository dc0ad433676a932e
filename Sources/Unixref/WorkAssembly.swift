import WorkModel

/// Turns the fields read for one work element into a `Work`: type, inheritance from its
/// containers (titles, ISSN/ISBN, volume/issue, publisher, language, dates when it has none),
/// registry data, and the derived fields (issued, license delays, counts).
struct WorkAssembly {
    let fields: WorkFields
    let record: RecordAssembler.RecordState
    let batchTimestamp: String?
    private(set) var warnings: [RecordWarning] = []
    private(set) var version: Int64?
    private(set) var partialFields: Set<String>?

    init(fields: WorkFields, record: RecordAssembler.RecordState, batchTimestamp: String?) {
        self.fields = fields
        self.record = record
        self.batchTimestamp = batchTimestamp
    }

    /// Containers read before this work in the same record, nearest last; never the work itself.
    private var containers: [WorkFields] {
        guard fields.kind != .component else { return [] }
        return record.containers.filter { $0 !== fields }
    }

    mutating func build() -> Work {
        let doi = fields.doi ?? ""
        var work = Work(DOI: doi, type: workType())
        if fields.kind == .posted_content { work.subtype = fields.typeAttribute?.lowercased() }
        // The first posted-content schema called preprints <preprint>.
        if fields.kind == .preprint { work.subtype = "preprint" }

        // Registry data (unixsd crm-items), else what the DOI itself says.
        work.prefix = record.ownerPrefix ?? Identifiers.prefix(ofDOI: doi)
        if let raw = record.member {
            if let member = Identifiers.member(raw) { work.member = member } else { warnings.append(.init(.invalidNumber, "member-id \(raw)")) }
        }
        if let raw = record.citedBy {
            if let count = Int(raw) { work.isReferencedByCount = count } else { warnings.append(.init(.invalidNumber, "citedby-count \(raw)")) }
        }
        if let raw = record.created {
            if let ms = DepositTimestamp.epochMillis(raw) { work.created = DateObject(epochMillis: ms) }
            else { warnings.append(.init(.invalidDate, "created \(raw)")) }
        }
        for (name, raw) in [("last-update", record.lastUpdate), ("doi_record/@timestamp", record.doiRecordTimestamp),
                            ("deposit-timestamp", record.depositTimestamp),
                            ("doi_data/timestamp", fields.doiTimestamp), ("doi_batch timestamp", batchTimestamp)] {
            guard let raw else { continue }
            if let ms = DepositTimestamp.epochMillis(raw) {
                version = ms
                work.deposited = DateObject(epochMillis: ms)
                break
            }
            warnings.append(.init(.invalidDate, "\(name) \(raw)"))
        }

        // Publisher: the body's own, then its containers', then the registry's.
        work.publisher = fields.publisherName ?? containers.reversed().lazy.compactMap(\.publisherName).first ?? record.publisherName
        work.publisherLocation = fields.publisherPlace ?? containers.reversed().lazy.compactMap(\.publisherPlace).first
        work.language = fields.language ?? containers.reversed().lazy.compactMap(\.language).first

        assignTitles(&work)
        assignContributors(&work)
        assignDates(&work)
        assignNumbering(&work)
        assignAccess(&work)
        assignCrossmark(&work)
        assignReferencesAndRelations(&work)

        work.alternativeID = fields.alternativeIDs.nonEmpty
        work.articleNumber = fields.articleNumber
        work.editionNumber = fields.editionNumber
        work.degree = fields.degrees.nonEmpty
        work.institution = fields.institutions.nonEmpty
        work.standardsBody = fields.standardsBody
        work.archive = fields.archives.nonEmpty
        work.abstract = fields.abstract
        work.review = fields.review
        if let primary = fields.primaryResource { work.resource = Resource(primaryURL: primary) }

        if fields.isPartial { partialFields = partialKeys(of: work) }
        return work
    }

    // MARK: - Type

    private func workType() -> String {
        switch fields.kind {
        case .journal_article: return "journal-article"
        case .journal_issue: return "journal-issue"
        case .journal_volume: return "journal-volume"
        case .journal_metadata: return "journal"
        case .book_metadata, .book_series_metadata, .book_set_metadata:
            switch record.bookType?.lowercased() {
            case "edited_book": return "edited-book"
            case "monograph": return "monograph"
            case "reference": return "reference-book"
            default: return "book"
            }
        case .series_metadata:
            switch record.topLevel {
            case .conference: return "proceedings-series"
            case .report_paper: return "report-series"
            case .standard: return "standard-series"
            default: return "book-series"
            }
        case .set_metadata: return "book-set"
        case .content_item:
            switch record.topLevel {
            case .report_paper: return "report-component"
            case .standard: return "standard"
            default: break
            }
            switch fields.typeAttribute?.lowercased() {
            case "chapter": return "book-chapter"
            case "section": return "book-section"
            case "part": return "book-part"
            case "track": return "book-track"
            case "reference_entry": return "reference-entry"
            default: return "other"
            }
        case .proceedings_metadata: return "proceedings"
        case .proceedings_series_metadata: return "proceedings-series"
        case .conference_paper: return "proceedings-article"
        case .report_paper_metadata: return "report"
        case .report_paper_series_metadata: return "report-series"
        case .standard_metadata: return "standard"
        case .standard_series_metadata: return "standard-series"
        case .database_metadata: return "database"
        case .dataset: return "dataset"
        case .dissertation: return "dissertation"
        case .posted_content, .preprint: return "posted-content"
        case .peer_review: return "peer-review"
        case .component: return "component"
        default: return "other"
        }
    }

    // MARK: - Titles

    private func assignTitles(_ work: inout Work) {
        work.title = fields.titles.nonEmpty
        work.subtitle = fields.subtitles.nonEmpty
        work.originalTitle = fields.originalTitles.nonEmpty
        work.groupTitle = fields.groupTitle
        // A journal's abbreviation is its own short title; for everything else it is a container's.
        if fields.kind == .journal_metadata {
            work.title = work.title ?? fields.containerName.map { [$0] }
            work.shortTitle = fields.abbrevTitles.nonEmpty
        } else if fields.kind == .proceedings_metadata || fields.kind == .proceedings_series_metadata, work.title == nil,
                  let name = fields.containerName {
            work.title = [name]
        } else {
            work.shortTitle = nil
        }
        var containerTitles: [String] = []
        var shortContainerTitles: [String] = []
        // Series first (outermost), then the book, journal or proceedings.
        for container in containers where container.kind == .series_metadata || container.kind == .set_metadata {
            containerTitles.append(contentsOf: container.titles)
            shortContainerTitles.append(contentsOf: container.abbrevTitles)
        }
        for container in containers where container.kind != .series_metadata && container.kind != .set_metadata
            && container.kind != .journal_issue && container.kind != .journal_volume {
            if let name = container.containerName { containerTitles.append(name) } else { containerTitles.append(contentsOf: container.titles) }
            shortContainerTitles.append(contentsOf: container.abbrevTitles)
        }
        work.containerTitle = dedupe(containerTitles).nonEmpty
        work.shortContainerTitle = dedupe(shortContainerTitles).nonEmpty
    }

    // MARK: - Contributors

    private func assignContributors(_ work: inout Work) {
        var byRole: [String: [Contributor]] = [:]
        for (role, contributor) in fields.contributors {
            let key = role == "reviewer" ? "author" : role
            byRole[key, default: []].append(contributor)
        }
        work.author = byRole["author"]
        work.editor = byRole["editor"]
        work.chair = byRole["chair"]
        work.translator = byRole["translator"]
    }

    // MARK: - Dates

    private mutating func assignDates(_ work: inout Work) {
        // A work without publication dates of its own takes its nearest container's.
        var source = fields.publicationDates
        if source.isEmpty, let nearest = containers.last(where: { !$0.publicationDates.isEmpty }) {
            source = nearest.publicationDates
        }
        for (media, date) in source {
            switch media {
            case "online": work.publishedOnline = earliest(work.publishedOnline, date)
            case "other": work.publishedOther = earliest(work.publishedOther, date)
            default: work.publishedPrint = earliest(work.publishedPrint, date)
            }
        }
        work.posted = fields.posted
        work.accepted = fields.accepted
        work.approved = fields.approved
        let candidates = [work.publishedPrint, work.publishedOnline, work.publishedOther, work.posted].compactMap { $0 }
        if let first = candidates.min() {
            work.issued = first
            work.published = first
        } else if let approved = work.approved {
            work.issued = approved
        }
    }

    private func earliest(_ a: PartialDate?, _ b: PartialDate) -> PartialDate {
        guard let a else { return b }
        return b < a ? b : a
    }

    // MARK: - Numbering and identifiers

    private func assignNumbering(_ work: inout Work) {
        let issueFields = containers.last { $0.kind == .journal_issue }
        work.volume = fields.volume ?? issueFields?.volume ?? containers.reversed().lazy.compactMap(\.volume).first
        work.issue = fields.issue ?? issueFields?.issue
        if let issueFields, fields.kind == .journal_article {
            var print: PartialDate?
            var online: PartialDate?
            for (media, date) in issueFields.publicationDates {
                if media == "online" { online = earliest(online, date) } else if media == "print" { print = earliest(print, date) }
            }
            if issueFields.issue != nil || print != nil || online != nil {
                work.journalIssue = JournalIssue(issue: issueFields.issue, publishedPrint: print, publishedOnline: online)
            }
        }
        if let first = fields.firstPage, !first.isEmpty {
            if let last = fields.lastPage, !last.isEmpty, last != first { work.page = first + "-" + last } else { work.page = first }
        }
        var issns = fields.issns
        for container in containers { issns.append(contentsOf: container.issns) }
        issns = dedupeIdentifiers(issns)
        if !issns.isEmpty {
            work.ISSN = dedupe(issns.map(\.value))
            work.issnType = issns
        }
        var isbns = fields.isbns
        for container in containers { isbns.append(contentsOf: container.isbns) }
        isbns = dedupeIdentifiers(isbns)
        if !isbns.isEmpty {
            work.ISBN = dedupe(isbns.map(\.value))
            work.isbnType = isbns
        }
    }

    // MARK: - Access

    private func assignAccess(_ work: inout Work) {
        var licenses: [License] = []
        for (url, appliesTo, start) in fields.licenses {
            let issuedDay = work.issued.startDay
            let startDate = start ?? (work.issued.isKnown ? work.issued : nil)
            let startObject = startDate.map { DateObject(day: $0) } ?? work.deposited ?? DateObject(epochMillis: 0)
            var delay = 0
            if let issuedDay, let startDay = startDate?.startDay { delay = max(0, startDay - issuedDay) }
            let license = License(URL: url, start: startObject, delayInDays: delay, contentVersion: appliesTo ?? "unspecified")
            if !licenses.contains(license) { licenses.append(license) }
        }
        work.license = licenses.nonEmpty
        work.freeToRead = fields.freeToRead
        var links: [Link] = []
        for link in fields.links where !links.contains(link) { links.append(link) }
        work.link = links.nonEmpty

        // Funders with the same DOI are one funder with the awards of both.
        var funders: [Funder] = []
        for funder in fields.funders {
            if let doi = funder.DOI, let i = funders.firstIndex(where: { $0.DOI == doi }) {
                for award in funder.award where !funders[i].award.contains(award) { funders[i].award.append(award) }
                if funders[i].name == nil { funders[i].name = funder.name }
            } else {
                var funder = funder
                funder.award = dedupe(funder.award)
                funders.append(funder)
            }
        }
        work.funder = funders.nonEmpty
    }

    // MARK: - Crossmark

    private func assignCrossmark(_ work: inout Work) {
        work.updatePolicy = fields.updatePolicy
        if !fields.domains.isEmpty || fields.domainExclusive != nil {
            work.contentDomain = ContentDomain(domain: fields.domains,
                                               crossmarkRestriction: fields.kind == .peer_review ? nil : (fields.domainExclusive ?? false))
        }
        work.assertion = fields.assertions.nonEmpty
        var updates = fields.updates
        updates = updates.enumerated().filter { i, u in !updates[..<i].contains(u) }.map(\.1)
        work.updateTo = updates.nonEmpty
    }

    // MARK: - References and relations

    private func assignReferencesAndRelations(_ work: inout Work) {
        if fields.sawCitationList || !fields.references.isEmpty {
            work.reference = fields.references.nonEmpty
            work.referencesCount = fields.references.count
            work.referenceCount = fields.references.count
        }
        var relation: [String: [Relation]] = [:]
        for (type, object) in fields.relations where !(relation[type]?.contains(object) ?? false) {
            relation[type, default: []].append(object)
        }
        var updatedBy: [Update] = []
        for claim in record.relationClaims {
            // A registry claim names this work as the object: it shows here as the inverse type,
            // unless it is an editorial update (erratum, retraction, …), which is `updated-by`.
            let lowerClaim = claim.claim.lowercased()
            let id = claim.idType == "doi" ? (Identifiers.doi(claim.id) ?? claim.id) : claim.id
            if Update.knownTypes.contains(lowerClaim) || Update.knownTypes.contains(Relation.kebabCase(claim.claim).replacingDashes()) {
                let type = Update.knownTypes.contains(lowerClaim) ? lowerClaim : Relation.kebabCase(claim.claim).replacingDashes()
                updatedBy.append(Update(DOI: id, type: type, label: Update.displayLabel(forType: type), updated: nil, source: "publisher"))
                continue
            }
            let type = Relation.kebabCase(Relation.inverse(of: claim.claim))
            let object = Relation(idType: claim.idType, id: id, assertedBy: "object")
            if !(relation[type]?.contains(object) ?? false) { relation[type, default: []].append(object) }
        }
        work.relation = relation.isEmpty ? nil : relation
        work.updatedBy = updatedBy.nonEmpty
        work.clinicalTrialNumber = fields.clinicalTrials.nonEmpty
    }

    // MARK: - Partial deposits

    private func partialKeys(of work: Work) -> Set<String> {
        switch fields.kind {
        case .lic_ref_data: return ["license", "free-to-read"]
        case .fundref_data: return ["funder"]
        case .doi_resources:
            return work.resource == nil ? ["link"] : ["link", "resource"]
        default:
            var keys: Set<String> = ["update-policy", "content-domain", "assertion", "update-to"]
            if work.license != nil { keys.insert("license") }
            if work.funder != nil { keys.insert("funder") }
            return keys
        }
    }

    // MARK: - Helpers

    private func dedupe(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    private func dedupeIdentifiers(_ values: [TypedIdentifier]) -> [TypedIdentifier] {
        var seen = Set<String>()
        return values.filter { seen.insert($0.value).inserted }
    }
}

extension Array {
    /// nil for an empty array: the API leaves out keys the deposit said nothing about.
    var nonEmpty: [Element]? { isEmpty ? nil : self }
}

private extension String {
    func replacingDashes() -> String { String(map { $0 == "-" ? "_" : $0 }) }
}
