/// Every filter of the `/works` route, by the name clients write, and what each one tests.
public enum FilterName: String, CaseIterable, Hashable, Sendable {
    case hasFunder = "has-funder"
    case funder
    case location
    case prefix
    case member
    case fromIndexDate = "from-index-date"
    case untilIndexDate = "until-index-date"
    case fromDepositDate = "from-deposit-date"
    case untilDepositDate = "until-deposit-date"
    case fromUpdateDate = "from-update-date"
    case untilUpdateDate = "until-update-date"
    case fromCreatedDate = "from-created-date"
    case untilCreatedDate = "until-created-date"
    case fromPubDate = "from-pub-date"
    case untilPubDate = "until-pub-date"
    case fromOnlinePubDate = "from-online-pub-date"
    case untilOnlinePubDate = "until-online-pub-date"
    case fromPrintPubDate = "from-print-pub-date"
    case untilPrintPubDate = "until-print-pub-date"
    case fromPostedDate = "from-posted-date"
    case untilPostedDate = "until-posted-date"
    case fromAcceptedDate = "from-accepted-date"
    case untilAcceptedDate = "until-accepted-date"
    case hasLicense = "has-license"
    case licenseURL = "license.url"
    case licenseVersion = "license.version"
    case licenseDelay = "license.delay"
    case hasFullText = "has-full-text"
    case fullTextVersion = "full-text.version"
    case fullTextType = "full-text.type"
    case fullTextApplication = "full-text.application"
    case hasReferences = "has-references"
    case referenceVisibility = "reference-visibility"
    case hasArchive = "has-archive"
    case archive
    case hasOrcid = "has-orcid"
    case hasAuthenticatedOrcid = "has-authenticated-orcid"
    case orcid
    case issn
    case isbn
    case type
    case directory
    case doi
    case updates
    case isUpdate = "is-update"
    case hasUpdatePolicy = "has-update-policy"
    case containerTitle = "container-title"
    case categoryName = "category-name"
    case typeName = "type-name"
    case awardNumber = "award.number"
    case awardFunder = "award.funder"
    case hasAssertion = "has-assertion"
    case assertionGroup = "assertion-group"
    case assertion
    case hasAffiliation = "has-affiliation"
    case alternativeID = "alternative-id"
    case articleNumber = "article-number"
    case hasAbstract = "has-abstract"
    case hasClinicalTrialNumber = "has-clinical-trial-number"
    case contentDomain = "content-domain"
    case hasContentDomain = "has-content-domain"
    case hasDomainRestriction = "has-domain-restriction"
    case hasRelation = "has-relation"
    case relationType = "relation.type"
    case relationObject = "relation.object"
    case relationObjectType = "relation.object-type"

    /// What a filter tests, which decides how its value is parsed and what predicate it becomes.
    public enum Kind: Hashable, Sendable {
        /// `true`/`false`: whether the work has a `has` term with this value.
        case presence(hasValue: String)
        /// The value equals a term of this field.
        case term(field: String)
        /// A dotted filter: a term of `field` within one nested object of `group`.
        case nested(group: String, field: String)
        /// `license.delay`: a license (of the same nested object) with delay ≤ N days.
        case nestedNumberAtMost(group: String, field: String)
        /// The value equals a text column (normalized as identifiers are).
        case column(WorkColumn)
        case dateFrom(WorkColumn)
        case dateUntil(WorkColumn)
        /// A type id from `/types`.
        case typeID
        /// A type label from `/types` (`Journal Article`).
        case typeLabel
        case referenceVisibility
        /// A filter of the brief that this index cannot answer (no data for it).
        case notIndexed(reason: String)
        /// A filter that exists on another route only.
        case otherRoute(String)
    }

    public var kind: Kind {
        switch self {
        case .hasFunder: return .presence(hasValue: TermField.HasValue.funder)
        case .funder: return .term(field: TermField.funder)
        case .location: return .otherRoute("/funders")
        case .prefix: return .column(.prefix)
        case .member: return .column(.member)
        case .fromIndexDate: return .dateFrom(.indexedMillis)
        case .untilIndexDate: return .dateUntil(.indexedMillis)
        case .fromDepositDate, .fromUpdateDate: return .dateFrom(.depositedMillis)
        case .untilDepositDate, .untilUpdateDate: return .dateUntil(.depositedMillis)
        case .fromCreatedDate: return .dateFrom(.createdMillis)
        case .untilCreatedDate: return .dateUntil(.createdMillis)
        case .fromPubDate: return .dateFrom(.issuedStartDay)
        case .untilPubDate: return .dateUntil(.issuedStartDay)
        case .fromOnlinePubDate: return .dateFrom(.onlineStartDay)
        case .untilOnlinePubDate: return .dateUntil(.onlineStartDay)
        case .fromPrintPubDate: return .dateFrom(.printStartDay)
        case .untilPrintPubDate: return .dateUntil(.printStartDay)
        case .fromPostedDate: return .dateFrom(.postedStartDay)
        case .untilPostedDate: return .dateUntil(.postedStartDay)
        case .fromAcceptedDate: return .dateFrom(.acceptedStartDay)
        case .untilAcceptedDate: return .dateUntil(.acceptedStartDay)
        case .hasLicense: return .presence(hasValue: TermField.HasValue.license)
        case .licenseURL: return .nested(group: "license", field: TermField.licenseURL)
        case .licenseVersion: return .nested(group: "license", field: TermField.licenseVersion)
        case .licenseDelay: return .nestedNumberAtMost(group: "license", field: TermField.licenseDelay)
        case .hasFullText: return .presence(hasValue: TermField.HasValue.fullText)
        case .fullTextVersion: return .nested(group: "full-text", field: TermField.fullTextVersion)
        case .fullTextType: return .nested(group: "full-text", field: TermField.fullTextType)
        case .fullTextApplication: return .nested(group: "full-text", field: TermField.fullTextApplication)
        case .hasReferences: return .presence(hasValue: TermField.HasValue.references)
        case .referenceVisibility: return .referenceVisibility
        case .hasArchive: return .presence(hasValue: TermField.HasValue.archive)
        case .archive: return .term(field: TermField.archive)
        case .hasOrcid: return .presence(hasValue: TermField.HasValue.orcid)
        case .hasAuthenticatedOrcid: return .presence(hasValue: TermField.HasValue.authenticatedOrcid)
        case .orcid: return .term(field: TermField.orcid)
        case .issn: return .term(field: TermField.issn)
        case .isbn: return .term(field: TermField.isbn)
        case .type: return .typeID
        case .directory:
            return .notIndexed(reason: "deposits do not say which directories list a journal, so the index has no directory data")
        case .doi: return .column(.doi)
        case .updates: return .term(field: TermField.updates)
        case .isUpdate: return .presence(hasValue: TermField.HasValue.update)
        case .hasUpdatePolicy: return .presence(hasValue: TermField.HasValue.updatePolicy)
        case .containerTitle: return .term(field: TermField.containerTitle)
        case .categoryName:
            return .notIndexed(reason: "category labels come from an external subject list that is not loaded into this index")
        case .typeName: return .typeLabel
        case .awardNumber: return .nested(group: "award", field: TermField.awardNumber)
        case .awardFunder: return .nested(group: "award", field: TermField.awardFunder)
        case .hasAssertion: return .presence(hasValue: TermField.HasValue.assertion)
        case .assertionGroup: return .term(field: TermField.assertionGroup)
        case .assertion: return .term(field: TermField.assertion)
        case .hasAffiliation: return .presence(hasValue: TermField.HasValue.affiliation)
        case .alternativeID: return .term(field: TermField.alternativeID)
        case .articleNumber: return .term(field: TermField.articleNumber)
        case .hasAbstract: return .presence(hasValue: TermField.HasValue.abstract)
        case .hasClinicalTrialNumber: return .presence(hasValue: TermField.HasValue.clinicalTrialNumber)
        case .contentDomain: return .term(field: TermField.contentDomain)
        case .hasContentDomain: return .presence(hasValue: TermField.HasValue.contentDomain)
        case .hasDomainRestriction: return .presence(hasValue: TermField.HasValue.domainRestriction)
        case .hasRelation: return .presence(hasValue: TermField.HasValue.relation)
        case .relationType: return .nested(group: "relation", field: TermField.relationType)
        case .relationObject: return .nested(group: "relation", field: TermField.relationObject)
        case .relationObjectType: return .nested(group: "relation", field: TermField.relationObjectType)
        }
    }
}
