import WorkModel

/// Where each element's attributes and text go.
extension RecordAssembler {
    func capturesText(_ tag: Tag, ns: Namespace) -> Bool {
        switch tag {
        case .identifier, .title, .subtitle, .original_language_title, .abbrev_title, .full_title,
             .proceedings_title, .series_title, .given_name, .surname, .suffix, .affiliation, .orcid,
             .organization, .year, .month, .day, .first_page, .last_page, .other_pages, .volume, .issue,
             .issn, .isbn, .publisher_name, .publisher_place, .item_number, .edition_number, .degree,
             .institution_name, .institution_acronym, .institution_place, .institution_department,
             .standards_body_name, .standards_body_acronym, .doi, .resource, .license_ref, .assertion,
             .crossmark_policy, .domain, .crossmark_domain_exclusive, .update, .journal_title, .author,
             .cYear, .article_title, .volume_title, .component_number, .unstructured_citation,
             .std_designator, .intra_work_relation, .inter_work_relation, .clinicalTrialNumber,
             .group_title, .running_number, .competing_interest_statement, .crmItem, .doi_batch_id,
             .timestamp:
            return true
        default:
            return false
        }
    }

    func handleStart(_ tag: Tag, ns: Namespace, parent: Tag, attributes: SAXAttributes, frame: inout Frame) {
        switch tag {
        case .record where ns == .oai || ns == .none:
            if record == nil, envelope == .oai { beginRecord() }
        case .query where ns == .query, .crossref_metadata:
            // `crossref_metadata` is what unixsd inside OAI-PMH pages calls a query.
            if record == nil { beginRecord() }
        case .doi_record, .crossref:
            if record == nil, envelope != .batch { beginRecord() }
            if tag == .doi_record, let timestamp = attributes.value("timestamp") { record?.doiRecordTimestamp = timestamp }
        case .crmItem:
            crmAttributes = (attributes.value("name"), attributes.value("type"), attributes.value("claim"))
        default:
            break
        }
        if record == nil, envelope == .batch, parent == .body {
            // In a member deposit each body element (journal, book, …) is read on its own.
            beginRecord()
            self.record?.topLevel = tag
        }
        guard let record else { return }
        if tag.isWorkElement && ns.isDepositBody {
            let fields = WorkFields(kind: tag)
            fields.language = attributes.value("language") ?? builders.last?.language ?? record.containers.last?.language
            fields.isPartial = tag.isPartialDeposit
            switch tag {
            case .content_item: fields.typeAttribute = attributes.value("component_type")
            case .posted_content: fields.typeAttribute = attributes.value("type")
            case .peer_review:
                var review = Review()
                review.type = attributes.value("type")
                review.stage = attributes.value("stage")
                review.recommendation = attributes.value("recommendation")
                review.revisionRound = attributes.value("revision-round")
                review.language = attributes.value("language")
                fields.review = review
            default: break
            }
            builders.append(fields)
            frame.opensBuilder = true
            return
        }
        startBodyElement(tag, attributes, ns: ns, parent: parent, frame: &frame)
    }

    private func startBodyElement(_ tag: Tag, _ attributes: SAXAttributes, ns: Namespace, parent: Tag, frame: inout Frame) {
        guard let record else { return }
        switch tag {
        case .book:
            record.bookType = attributes.value("book_type")
            record.topLevel = .book
        case .journal, .conference, .report_paper, .standard, .database, .sa_component:
            record.topLevel = tag
        case .person_name, .organization:
            guard !inCitation else { return }
            person = (attributes.value("contributor_role") ?? "author",
                      Contributor(sequence: attributes.value("sequence")))
            inPerson = true
            if parent == .dissertation { person?.role = "author" }
        case .affiliations:
            inPersonAffiliations = inPerson
        case .orcid:
            orcidAuthenticated = attributes.value("authenticated")
        case .publication_date, .posted_date, .acceptance_date, .approval_date:
            guard !inCitation else { return }
            date = (tag, attributes.value("media_type") ?? "print", nil, nil, nil)
        case .citation_list:
            builders.last?.sawCitationList = true
        case .citation:
            reference = Reference(key: attributes.value("key") ?? "ref\((builders.last?.references.count ?? 0) + 1)")
            inCitation = true
        case .doi:
            citationDOIProvider = attributes.value("provider")
        case .issn, .isbn:
            issnMedia = attributes.value("media_type")
        case .item_number:
            itemNumberType = attributes.value("item_number_type")
        case .identifier:
            identifierType = attributes.value("id_type")
        case .institution:
            if !inPersonAffiliations { institution = Institution(name: "") }
        case .standards_body:
            standardsBodyName = nil; standardsBodyAcronym = nil
        case .archive:
            if let name = attributes.value("name"), let current = builders.last { current.archives.append(name) }
        case .abstract:
            if builders.last != nil { beginAbstract() }
        case .collection:
            collectionProperty = attributes.value("property")
        case .item:
            itemCrawler = attributes.value("crawler")
        case .resource:
            resourceAttributes = (attributes.value("mime_type"), attributes.value("content_version"))
        case .program:
            let name = attributes.value("name")?.lowercased()
            // Older deposits write the FundRef program with neither a namespace nor a name.
            if ns == .fundRef || name == "fundref" || (name == nil && ns.isDepositBody) { funderProgramDepth = stack.count + 1; funder = nil }
        case .license_ref:
            licenseAttributes = (attributes.value("applies_to"), attributes.value("start_date"))
        case .free_to_read:
            builders.last?.freeToRead = FreeToRead(startDate: attributes.value("start_date"), endDate: attributes.value("end_date"))
        case .assertion:
            let name = attributes.value("name")
            if funderProgramDepth > 0 || ns == .fundRef {
                frame.funderPart = FunderPart(name: name)
                if frame.funderPart == .fundgroup { flushFunder(); funder = Funder() }
                else if frame.funderPart == .funderName {
                    // A flat program lists funders one after another without fundgroups.
                    if let current = funder, current.name != nil || current.DOI != nil, !inFundGroup { flushFunder() }
                    if funder == nil { funder = Funder() }
                }
            } else {
                var assertion = Assertion(name: name ?? "")
                assertion.label = attributes.value("label")
                assertion.URL = attributes.value("href")
                if let explanation = attributes.value("explanation") { assertion.explanation = .init(URL: explanation) }
                if let group = attributes.value("group_name") { assertion.group = .init(name: group, label: attributes.value("group_label")) }
                if let order = attributes.value("order") { assertion.order = Int(order) }
                pendingAssertion = assertion
            }
        case .crossmark:
            builders.last?.sawCrossmark = true
        case .update:
            updateAttributes = (attributes.value("type"), attributes.value("label"), attributes.value("date"))
        case .intra_work_relation, .inter_work_relation:
            relationAttributes = (attributes.value("relationship-type"), attributes.value("identifier-type"))
        case .clinicalTrialNumber:
            trialAttributes = (attributes.value("registry"), attributes.value("type"))
        default:
            break
        }
    }

    private var inFundGroup: Bool {
        stack.contains { $0.funderPart == .fundgroup }
    }

    func handleEnd(_ frame: Frame, text value: String?) {
        let tag = frame.tag
        let parent = stack.last?.tag ?? .other
        if frame.opensBuilder {
            if let fields = builders.popLast() { finishBuilder(fields) }
            if envelope == .batch, parent == .body { finishRecord() }
            return
        }
        switch tag {
        case .record where frame.ns == .oai || frame.ns == .none:
            if envelope == .oai { finishRecord() }
            return
        case .query where frame.ns == .query, .crossref_metadata:
            if envelope == .unixsd { finishRecord() }
            return
        case .doi_record, .crossref:
            if envelope == .unixref, stack.allSatisfy({ $0.tag != .doi_record }) { finishRecord() }
            return
        default:
            break
        }
        if envelope == .batch, parent == .body, record != nil { finishRecord(); return }
        guard let record else {
            if tag == .doi_batch_id { depositID = value } else if tag == .timestamp, parent == .head { batchTimestamp = value }
            return
        }
        let current = builders.last
        switch tag {
        // Envelope and registry data
        case .identifier:
            guard let value else { return }
            if parent == .header {
                record.recordDOI = Identifiers.doi(value)
                if record.recordDOI == nil { warn(.invalidDOI, "OAI-PMH identifier \(value)") }
            } else if parent == .publisher_item, let current, !value.isEmpty {
                current.alternativeIDs.append(value)
            }
        case .crmItem:
            guard let value, let name = crmAttributes.name else { return }
            switch name {
            case "publisher-name": record.publisherName = value
            case "member-id": record.member = value
            case "owner-prefix": record.ownerPrefix = value
            case "last-update": record.lastUpdate = value
            case "created": record.created = value
            case "citedby-count": record.citedBy = value
            case "deposit-timestamp": record.depositTimestamp = value
            case "relation":
                if let claim = crmAttributes.claim { record.relationClaims.append((claim, crmAttributes.type ?? "doi", value)) }
            default: break
            }
        case .doi_batch_id where parent == .head: depositID = value
        case .timestamp:
            if parent == .doi_data { current?.doiTimestamp = value } else if parent == .head { batchTimestamp = value }
        case .doi:
            guard let value else { return }
            if parent == .query || parent == .crossref_metadata {
                record.recordDOI = Identifiers.doi(value)
            } else if inCitation {
                if let doi = Identifiers.doi(value) {
                    reference!.DOI = doi
                    reference!.doiAssertedBy = citationDOIProvider == "crossref" ? "crossref" : "publisher"
                } else { warn(.invalidDOI, "reference \(reference!.key): \(value)") }
            } else if parent == .doi_data || (parent.isPartialDeposit), let current {
                current.rawDOI = value
                if let doi = Identifiers.doi(value) { current.doi = doi } else { warn(.invalidDOI, "doi_data: \(value)") }
            }

        // Titles
        case .title:
            guard let value, !value.isEmpty else { return }
            if parent == .titles { current?.titles.append(value) }
            else if parent == .original_language_title { current?.originalTitles.append(value) }
        case .subtitle: if let value, !value.isEmpty { current?.subtitles.append(value) }
        case .original_language_title: if let value, !value.isEmpty, parent == .titles { current?.originalTitles.append(value) }
        case .abbrev_title: if let value, !value.isEmpty { current?.abbrevTitles.append(value) }
        case .full_title, .proceedings_title: if let value, !value.isEmpty { current?.containerName = value }
        case .group_title: current?.groupTitle = value

        // Contributors
        case .given_name: person?.contributor.given = value
        case .surname: person?.contributor.family = value
        case .suffix: person?.contributor.suffix = value
        case .affiliation: if let value, !value.isEmpty { person?.contributor.affiliation.append(Affiliation(name: value)) }
        case .institution_name where inPersonAffiliations:
            if let value, !value.isEmpty { person?.contributor.affiliation.append(Affiliation(name: value)) }
        case .affiliations: inPersonAffiliations = false
        case .orcid:
            guard let value, inPerson else { return }
            if let orcid = Identifiers.orcid(value) {
                person?.contributor.ORCID = orcid
                person?.contributor.authenticatedOrcid = orcidAuthenticated.map { $0 == "true" || $0 == "1" } ?? false
            } else { warn(.invalidORCID, value) }
        case .person_name:
            if inPerson, let current { current.contributors.append(person.take()!) }
            person = nil
            inPerson = false
        case .organization:
            if inPerson, let current {
                person!.contributor.name = value ?? ""
                current.contributors.append(person.take()!)
            }
            person = nil
            inPerson = false

        // Dates
        case .year: if date != nil { date?.year = value }
        case .month: if date != nil { date?.month = value }
        case .day: if date != nil { date?.day = value }
        case .publication_date, .posted_date, .acceptance_date, .approval_date:
            guard let pending = date, let current else { date = nil; return }
            date = nil
            guard let parsed = partialDate(year: pending.year, month: pending.month, day: pending.day, element: tag) else { return }
            switch tag {
            case .publication_date: current.publicationDates.append((pending.media, parsed))
            case .posted_date: current.posted = parsed
            case .acceptance_date: current.accepted = parsed
            default: current.approved = parsed
            }

        // Pages, numbering, identifiers
        case .first_page:
            if inCitation { reference!.firstPage = value } else { current?.firstPage = value }
        case .last_page: if !inCitation { current?.lastPage = value }
        case .volume:
            if inCitation { reference!.volume = value } else if let current, current.volume == nil { current.volume = value }
        case .issue:
            if inCitation { reference!.issue = value } else { current?.issue = value }
        case .issn:
            guard let value else { return }
            if let issn = Identifiers.issn(value) {
                let type = issnMedia == "electronic" ? "electronic" : "print"
                if inCitation { reference!.ISSN = issn; reference!.issnType = type }
                else { current?.issns.append(TypedIdentifier(value: issn, type: type)) }
            } else { warn(.invalidISSN, value) }
        case .isbn:
            guard let value else { return }
            if let isbn = Identifiers.isbn(value) {
                let type = issnMedia == "electronic" ? "electronic" : "print"
                if inCitation { reference!.ISBN = isbn; reference!.isbnType = type }
                else { current?.isbns.append(TypedIdentifier(value: isbn, type: type)) }
            } else { warn(.invalidISBN, value) }
        case .publisher_name where parent == .publisher: current?.publisherName = value
        case .publisher_place where parent == .publisher: current?.publisherPlace = value
        case .item_number:
            if let value, itemNumberType == "article_number" || itemNumberType == "article-number" { current?.articleNumber = value }
        case .edition_number:
            if inCitation { reference!.edition = value } else { current?.editionNumber = value }
        case .degree: if let value, !value.isEmpty { current?.degrees.append(value) }
        case .institution_name: institution?.name = value ?? ""
        case .institution_acronym: if let value, institution != nil { institution!.acronym = (institution!.acronym ?? []) + [value] }
        case .institution_place: if let value, institution != nil { institution!.place = (institution!.place ?? []) + [value] }
        case .institution_department: if let value, institution != nil { institution!.department = (institution!.department ?? []) + [value] }
        case .institution:
            if let institution, !institution.name.isEmpty { current?.institutions.append(institution) }
            institution = nil
        case .standards_body_name:
            if inCitation { reference!.standardsBody = value } else { standardsBodyName = value }
        case .standards_body_acronym: standardsBodyAcronym = value
        case .standards_body:
            if let name = standardsBodyName { current?.standardsBody = StandardsBody(name: name, acronym: standardsBodyAcronym) }

        // Access: resources, links, licenses, funders
        case .resource:
            guard let value, !value.isEmpty, let current else { return }
            if parent == .doi_data { current.primaryResource = value }
            else if parent == .item { addLink(value, to: current) }
        case .license_ref:
            guard let value, !value.isEmpty, let current else { return }
            var start: PartialDate?
            if let raw = licenseAttributes.start {
                start = PartialDate(iso: raw)
                if start == nil { warn(.invalidDate, "license start_date \(raw)") }
            }
            current.licenses.append((value, licenseAttributes.appliesTo, start))
        case .assertion:
            if funderProgramDepth > 0 || frame.ns == .fundRef {
                endFunderAssertion(frame.funderPart, value: value)
            } else if var assertion = pendingAssertion {
                assertion.value = value
                current?.assertions.append(assertion)
                pendingAssertion = nil
            }
        case .program:
            if funderProgramDepth == stack.count + 1 { flushFunder(); funderProgramDepth = 0 }

        // Crossmark
        case .crossmark_policy:
            if let value, let doi = Identifiers.doi(value) { current?.updatePolicy = "https://doi.org/" + doi }
            else if let value { warn(.invalidDOI, "crossmark_policy \(value)") }
        case .domain: if let value, !value.isEmpty { current?.domains.append(value) }
        case .crossmark_domain_exclusive: if let value { current?.domainExclusive = value == "true" }
        case .update:
            guard let value, let current else { return }
            guard let doi = Identifiers.doi(value) else { warn(.invalidDOI, "update \(value)"); return }
            let type = updateAttributes.type ?? "update"
            var updated: DateObject?
            if let raw = updateAttributes.date {
                if let day = PartialDate(iso: raw) { updated = DateObject(day: day) } else { warn(.invalidDate, "update date \(raw)") }
            }
            current.updates.append(Update(DOI: doi, type: type, label: updateAttributes.label ?? Update.displayLabel(forType: type),
                                          updated: updated, source: "publisher"))

        // References
        case .citation:
            if inCitation, let current { current.references.append(reference.take()!) }
            reference = nil
            inCitation = false
        case .unstructured_citation: if inCitation { reference!.unstructured = value }
        case .journal_title: if inCitation { reference!.journalTitle = value }
        case .article_title: if inCitation { reference!.articleTitle = value }
        case .series_title: if inCitation { reference!.seriesTitle = value }
        case .volume_title: if inCitation { reference!.volumeTitle = value }
        case .author: if inCitation { reference!.author = value }
        case .cYear: if inCitation { reference!.year = value }
        case .component_number: if inCitation { reference!.component = value }
        case .std_designator: if inCitation { reference!.standardDesignator = value }

        // Relations, trials, peer review
        case .intra_work_relation, .inter_work_relation:
            guard let value, let type = relationAttributes.type, let current else { return }
            let idType = relationAttributes.idType ?? "doi"
            let id = idType == "doi" ? (Identifiers.doi(value) ?? value) : value
            current.relations.append((Relation.kebabCase(type), Relation(idType: idType, id: id, assertedBy: "subject")))
        case .clinicalTrialNumber:
            guard let value, let current else { return }
            current.clinicalTrials.append(ClinicalTrial(clinicalTrialNumber: value, registry: trialAttributes.registry ?? "",
                                                        type: trialAttributes.type))
        case .running_number: current?.review?.runningNumber = value
        case .competing_interest_statement: current?.review?.competingInterestStatement = value
        default:
            break
        }
    }

    private func addLink(_ url: String, to current: WorkFields) {
        let application: String
        switch collectionProperty {
        case "text-mining": application = "text-mining"
        case "unspecified": application = "unspecified"
        case "syndication": application = "syndication"
        case "crawler-based" where itemCrawler == "iParadigms": application = "similarity-checking"
        default: return
        }
        current.links.append(Link(URL: url, contentType: resourceAttributes.mime ?? "unspecified",
                                  contentVersion: resourceAttributes.version ?? "unspecified",
                                  intendedApplication: application))
    }

    private func endFunderAssertion(_ part: FunderPart, value: String?) {
        switch part {
        case .funderName:
            if let value, !value.isEmpty { funder?.name = value }
        case .funderIdentifier:
            guard let value else { return }
            if let doi = Identifiers.funderDOI(value) {
                // In a flat program a second identifier names the next funder, not a new id for this one.
                if funder?.DOI != nil, !inFundGroup { flushFunder() }
                if funder == nil { funder = Funder() }
                funder?.DOI = doi
                funder?.doiAssertedBy = "publisher"
            } else { warn(.invalidFunderID, value) }
        case .award:
            if let value, !value.isEmpty {
                if funder == nil { funder = Funder() }
                funder?.award.append(value)
            }
        case .fundgroup:
            flushFunder()
        case .none, .other:
            break
        }
    }

    func flushFunder() {
        guard let funder, funder.name != nil || funder.DOI != nil || !funder.award.isEmpty else { self.funder = nil; return }
        builders.last?.funders.append(funder)
        self.funder = nil
    }

    /// Reads a deposited date, dropping (with a warning) the parts that cannot be right.
    private func partialDate(year: String?, month: String?, day: String?, element tag: Tag) -> PartialDate? {
        // Named only for warnings: interpolating an enum case costs a reflection lookup.
        var element: String { "\(tag)" }
        func number(_ s: String?) -> Int?? {
            guard let s, !s.isEmpty else { return .some(nil) }
            guard let n = Int(s) else { return .none }
            return .some(n)
        }
        guard let y = number(year) else {
            warn(.invalidDate, "\(element) year \(year ?? "") is not a number")
            return nil
        }
        // "Sept." for a month: keep the year, drop what cannot be read.
        var m = number(month) ?? nil
        var d = number(day) ?? nil
        if number(month) == nil || number(day) == nil {
            warn(.invalidDate, "\(element) \(year ?? "")-\(month ?? "")-\(day ?? "") is not numeric; kept the year")
            m = nil
            d = nil
        }
        guard y != nil else {
            if m != nil || d != nil { warn(.invalidDate, "\(element) has no year") }
            return nil
        }
        let (date, dropped) = PartialDate.validated(year: y, month: m, day: d)
        if dropped {
            warn(.invalidDate, "\(element) \(year ?? "")-\(month ?? "")-\(day ?? "") kept as \(date.parts.map(String.init).joined(separator: "-"))")
        }
        return date.isKnown ? date : nil
    }
}
