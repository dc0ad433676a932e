@testable import Unixref
import Testing

/// libxml2 2.9 frees its global mutexes in a library destructor at exit (when its allocator is the
/// C library's), under any thread still freeing a parser: a worker aborted so once. Its parsers here
/// set an allocator of their own first, which turns that destructor off.
@Suite struct LibraryExitTests {
    @Test func libxml2DoesNotTearItselfDownAtExitOnceAParserIsMade() {
        _ = DepositParser()
        #expect(!LibXML2.cleansUpAtExit)
        // The splitter, which may be the first user of libxml2 (`publish`), prepares it the same way.
        _ = RecordSplitter().split(Array("<doi_records><doi_record/></doi_records>".utf8))
        #expect(!LibXML2.cleansUpAtExit)
    }
}
