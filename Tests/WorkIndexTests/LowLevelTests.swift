import Testing
@testable import WorkIndex
import WorkModel

@Suite("Content hash and JSON members")
struct LowLevelTests {
    @Test func xxh64MatchesReferenceVectors() {
        #expect(ContentHash.xxh64([]) == 0xEF46_DB37_51D8_E999)
        #expect(ContentHash.xxh64(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        let long = Array("Nobody inspects the spammish repetition".utf8)
        #expect(ContentHash.xxh64(long) == 0xFBCE_A83C_8A37_8BF1)
        #expect(ContentHash.hex(Array("abc".utf8)) == "44bc2cf5ad770999")
    }

    @Test func membersAreFoundChangedAndRemoved() throws {
        let old = try #require(JSONObjectMembers(Array(#"{"a":1,"b":{"x":"}\"]"},"c":[1,[2]],"d":"s"}"#.utf8)))
        #expect(old.keys == ["a", "b", "c", "d"])
        let new = try #require(JSONObjectMembers(Array(#"{"a":1,"b":{"x":"changed"},"c":[1,[2]],"e":true}"#.utf8)))
        #expect(JSONObjectMembers.changedKeys(from: old, to: new) == ["b", "e", "d"])
        #expect(String(decoding: old.bytes(without: "a"), as: UTF8.self) == #"{"b":{"x":"}\"]"},"c":[1,[2]],"d":"s"}"#)
        #expect(String(decoding: old.bytes(without: "c"), as: UTF8.self) == #"{"a":1,"b":{"x":"}\"]"},"d":"s"}"#)
        #expect(String(decoding: old.bytes(without: "d"), as: UTF8.self) == #"{"a":1,"b":{"x":"}\"]"},"c":[1,[2]]}"#)
        let merged = JSONObjectMembers.merged(old, replacing: ["b", "d"], from: new)
        #expect(String(decoding: merged, as: UTF8.self) == #"{"a":1,"c":[1,[2]],"b":{"x":"changed"}}"#)
        #expect(JSONObjectMembers(Array("[1]".utf8)) == nil)
    }

    @Test func hashIgnoresIndexedOnly() throws {
        var work = Fixtures.realistic(3)
        work.indexed = DateObject(epochMillis: 1)
        let a = try #require(JSONObjectMembers(work.jsonBytes))
        work.indexed = DateObject(epochMillis: 2)
        let b = try #require(JSONObjectMembers(work.jsonBytes))
        #expect(ContentHash.hex(a.bytes(without: "indexed")) == ContentHash.hex(b.bytes(without: "indexed")))
        work.title = ["Other"]
        let c = try #require(JSONObjectMembers(work.jsonBytes))
        #expect(ContentHash.hex(a.bytes(without: "indexed")) != ContentHash.hex(c.bytes(without: "indexed")))
    }
}
