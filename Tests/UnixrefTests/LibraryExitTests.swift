@testable import Unixref
import Testing

/// libxml2 2.9 frees its global mutexes in a library destructor at exit (when its allocator is the
/// C library's), under any thread still freeing a parser: a worker aborted so once. Its parsers here
/// set an allocator of their own first (`LibXML2.prepare()`, which the record splitter calls too),
/// which turns that destructor off.
@Suite struct LibraryExitTests {
    @Test func libxml2DoesNotTearItselfDownAtExitOnceAParserIsMade() {
        _ = DepositParser()
        #expect(!LibXML2.cleansUpAtExit)
    }
}
