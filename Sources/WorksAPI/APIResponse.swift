import Hummingbird
import WorkQuery

/// The HTTP responses of the API: JSON bodies, plain-text 404s as the REST API sends them.
enum APIResponse {
    static let jsonContentType = "application/json;charset=utf-8"

    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, headOnly: Bool = false) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = jsonContentType
        headers[.contentLength] = String(bytes.count)
        let body = headOnly ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        return Response(status: status, headers: headers, body: body)
    }

    static func validationFailure(_ error: RequestValidationError) -> Response {
        json(APIMessage.validationFailure(error.failures), status: .badRequest)
    }

    static func notFound(headOnly: Bool = false) -> Response {
        let bytes = Array("Resource not found.".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "text/plain;charset=utf-8"
        headers[.contentLength] = String(bytes.count)
        return Response(status: .notFound, headers: headers,
                        body: headOnly ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
