// Generated once from the schema names seen in deposits; edit freely.

/// The elements the parser acts on, by local name. Anything else is `.other`.
enum Tag: UInt8 {
    case other
    case oaiPMH
    case ListRecords
    case record
    case header
    case identifier
    case metadata
    case resumptionToken
    case crossref_result
    case query_result
    case query
    case doi_records
    case doi_record
    case crossref
    case doi_batch
    case head
    case body
    case crmItem
    case doi_batch_id
    case timestamp
    case crossmark_data
    case fundref_data
    case lic_ref_data
    case doi_resources
    case journal
    case book
    case conference
    case report_paper
    case standard
    case database
    case dissertation
    case posted_content
    case peer_review
    case sa_component
    case component_list
    case component
    case journal_metadata
    case journal_issue
    case journal_volume
    case journal_article
    case book_metadata
    case book_series_metadata
    case book_set_metadata
    case series_metadata
    case set_metadata
    case content_item
    case proceedings_metadata
    case proceedings_series_metadata
    case event_metadata
    case conference_paper
    case report_paper_metadata
    case report_paper_series_metadata
    case standard_metadata
    case standard_series_metadata
    case database_metadata
    case dataset
    case titles
    case title
    case subtitle
    case original_language_title
    case abbrev_title
    case full_title
    case proceedings_title
    case contributors
    case person_name
    case organization
    case given_name
    case surname
    case suffix
    case affiliation
    case affiliations
    case orcid
    case publication_date
    case year
    case month
    case day
    case posted_date
    case acceptance_date
    case approval_date
    case pages
    case first_page
    case last_page
    case other_pages
    case volume
    case issue
    case issn
    case isbn
    case publisher
    case publisher_name
    case publisher_place
    case publisher_item
    case item_number
    case edition_number
    case degree
    case institution
    case institution_name
    case institution_acronym
    case institution_place
    case institution_department
    case standards_body
    case standards_body_name
    case standards_body_acronym
    case archive_locations
    case archive
    case abstract
    case doi_data
    case doi
    case resource
    case collection
    case item
    case program
    case license_ref
    case free_to_read
    case assertion
    case crossmark
    case crossmark_policy
    case crossmark_domains
    case crossmark_domain
    case domain
    case crossmark_domain_exclusive
    case custom_metadata
    case updates
    case update
    case citation_list
    case citation
    case journal_title
    case author
    case cYear
    case article_title
    case volume_title
    case series_title
    case component_number
    case unstructured_citation
    case std_designator
    case related_item
    case intra_work_relation
    case inter_work_relation
    case clinicalTrialNumber
    case group_title
    case running_number
    case competing_interest_statement
    case preprint
    case crossref_metadata

    init(localName: String) {
        switch localName {
        case "OAI-PMH": self = .oaiPMH
        case "ListRecords": self = .ListRecords
        case "record": self = .record
        case "header": self = .header
        case "identifier": self = .identifier
        case "metadata": self = .metadata
        case "resumptionToken": self = .resumptionToken
        case "crossref_result": self = .crossref_result
        case "query_result": self = .query_result
        case "query": self = .query
        case "doi_records": self = .doi_records
        case "doi_record": self = .doi_record
        case "crossref": self = .crossref
        case "doi_batch": self = .doi_batch
        case "head": self = .head
        case "body": self = .body
        case "crm-item": self = .crmItem
        case "doi_batch_id": self = .doi_batch_id
        case "timestamp": self = .timestamp
        case "crossmark_data": self = .crossmark_data
        case "fundref_data": self = .fundref_data
        case "lic_ref_data": self = .lic_ref_data
        case "doi_resources": self = .doi_resources
        case "journal": self = .journal
        case "book": self = .book
        case "conference": self = .conference
        case "report-paper": self = .report_paper
        case "standard": self = .standard
        case "database": self = .database
        case "dissertation": self = .dissertation
        case "posted_content": self = .posted_content
        case "peer_review": self = .peer_review
        case "sa_component": self = .sa_component
        case "component_list": self = .component_list
        case "component": self = .component
        case "journal_metadata": self = .journal_metadata
        case "journal_issue": self = .journal_issue
        case "journal_volume": self = .journal_volume
        case "journal_article": self = .journal_article
        case "book_metadata": self = .book_metadata
        case "book_series_metadata": self = .book_series_metadata
        case "book_set_metadata": self = .book_set_metadata
        case "series_metadata": self = .series_metadata
        case "set_metadata": self = .set_metadata
        case "content_item": self = .content_item
        case "proceedings_metadata": self = .proceedings_metadata
        case "proceedings_series_metadata": self = .proceedings_series_metadata
        case "event_metadata": self = .event_metadata
        case "conference_paper": self = .conference_paper
        case "report-paper_metadata": self = .report_paper_metadata
        case "report-paper_series_metadata": self = .report_paper_series_metadata
        case "standard_metadata": self = .standard_metadata
        case "standard_series_metadata": self = .standard_series_metadata
        case "database_metadata": self = .database_metadata
        case "dataset": self = .dataset
        case "titles": self = .titles
        case "title": self = .title
        case "subtitle": self = .subtitle
        case "original_language_title": self = .original_language_title
        case "abbrev_title": self = .abbrev_title
        case "full_title": self = .full_title
        case "proceedings_title": self = .proceedings_title
        case "contributors": self = .contributors
        case "person_name": self = .person_name
        case "organization": self = .organization
        case "given_name": self = .given_name
        case "surname": self = .surname
        case "suffix": self = .suffix
        case "affiliation": self = .affiliation
        case "affiliations": self = .affiliations
        case "ORCID": self = .orcid
        case "publication_date": self = .publication_date
        case "year": self = .year
        case "month": self = .month
        case "day": self = .day
        case "posted_date": self = .posted_date
        case "acceptance_date": self = .acceptance_date
        case "approval_date": self = .approval_date
        case "pages": self = .pages
        case "first_page": self = .first_page
        case "last_page": self = .last_page
        case "other_pages": self = .other_pages
        case "volume": self = .volume
        case "issue": self = .issue
        case "issn": self = .issn
        case "isbn": self = .isbn
        case "publisher": self = .publisher
        case "publisher_name": self = .publisher_name
        case "publisher_place": self = .publisher_place
        case "publisher_item": self = .publisher_item
        case "item_number": self = .item_number
        case "edition_number": self = .edition_number
        case "degree": self = .degree
        case "institution": self = .institution
        case "institution_name": self = .institution_name
        case "institution_acronym": self = .institution_acronym
        case "institution_place": self = .institution_place
        case "institution_department": self = .institution_department
        case "standards_body": self = .standards_body
        case "standards_body_name": self = .standards_body_name
        case "standards_body_acronym": self = .standards_body_acronym
        case "archive_locations": self = .archive_locations
        case "archive": self = .archive
        case "abstract": self = .abstract
        case "doi_data": self = .doi_data
        case "doi": self = .doi
        case "resource": self = .resource
        case "collection": self = .collection
        case "item": self = .item
        case "program": self = .program
        case "license_ref": self = .license_ref
        case "free_to_read": self = .free_to_read
        case "assertion": self = .assertion
        case "crossmark": self = .crossmark
        case "crossmark_policy": self = .crossmark_policy
        case "crossmark_domains": self = .crossmark_domains
        case "crossmark_domain": self = .crossmark_domain
        case "domain": self = .domain
        case "crossmark_domain_exclusive": self = .crossmark_domain_exclusive
        case "custom_metadata": self = .custom_metadata
        case "updates": self = .updates
        case "update": self = .update
        case "citation_list": self = .citation_list
        case "citation": self = .citation
        case "journal_title": self = .journal_title
        case "author": self = .author
        case "cYear": self = .cYear
        case "article_title": self = .article_title
        case "volume_title": self = .volume_title
        case "series_title": self = .series_title
        case "component_number": self = .component_number
        case "unstructured_citation": self = .unstructured_citation
        case "std_designator": self = .std_designator
        case "related_item": self = .related_item
        case "intra_work_relation": self = .intra_work_relation
        case "inter_work_relation": self = .inter_work_relation
        case "clinical-trial-number": self = .clinicalTrialNumber
        case "group_title": self = .group_title
        case "running_number": self = .running_number
        case "competing_interest_statement": self = .competing_interest_statement
        case "preprint": self = .preprint
        case "crossref_metadata": self = .crossref_metadata
        default: self = .other
        }
    }

    /// Names of the deposit schemas that are read and knowingly ignored (no unknown-element warning).
    static let knownIgnored: Set<String> = [
        "about", "alt-name", "alt-name_type", "alternate_names", "anonymous", "archive_location",
        "b", "coden", "conference_acronym", "conference_date", "conference_location", "conference_name",
        "conference_number", "conference_sponsor", "conference_theme", "contract_number", "crossmark_version", "datestamp",
        "depositor", "description", "designators", "email_address", "font", "format", "formula",
        "i", "institution_id", "isni", "language", "list", "list-item",
        "math", "mathml", "name", "name_alias", "noisbn", "ovl",
        "p", "part_number", "proceedings_subject", "program_type", "publication_type",
        "registrant", "request", "responseDate", "review_date", "ror", "sc",
        "scn_policies", "scn_policy_ref", "scn_policy_set", "scp", "sec", "setSpec",
        "special_numbering", "std_adopted_from", "std_alt_as_published", "std_alt_script", "std_as_published", "std_obsolete",
        "std_org", "std_supersedes", "std_undated", "std_variform", "strike", "sub",
        "sup", "tex", "tt", "u", "wikidata",
    ]
}
