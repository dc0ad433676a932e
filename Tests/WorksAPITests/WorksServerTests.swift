import Foundation
import Hummingbird
import HummingbirdTesting
import ReadSideTestSupport
import Testing
import WorkIndexQuery
import WorksAPI

@Suite struct WorksServerTests {
    @Test func servesOverARealSocket() async throws {
        try await APITestSupport.application().test(.live) { client in
            let doi = SampleWorks.doi(6)
            try await client.execute(uri: "/v1/works/\(APITestSupport.encoded(doi.uppercased()))", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"DOI\":\"\(doi)\""))
            }
        }
    }

    @Test func aMissingIndexFailsWithAnActionableError() async throws {
        let server = WorksServer(indexPath: "/tmp/no-index-\(UUID().uuidString).sqlite", port: 0)
        await #expect {
            try await server.run()
        } throws: { error in
            guard case IndexOpenError.indexFileMissing = error else { return false }
            return String(describing: error).contains("deposit-indexer run")
        }
    }
}
