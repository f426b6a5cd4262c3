/// Why a scoring request is answered with an error status (the body names the problem; never the key).
public struct ScoringError: Error, Sendable, Equatable {
    /// HTTP status: 400 bad payload, 401 auth, 404 routing, 408 timeout, 413 size, 424 model error, 429 too many requests.
    public var status: Int
    public var code: String
    public var message: String

    public init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    static func badRequest(_ message: String) -> ScoringError { ScoringError(status: 400, code: "BAD_REQUEST", message: message) }

    /// `{"error_code": ..., "message": ...}` as the MLflow scoring server writes errors.
    public var body: String {
        "{\"error_code\": \(ResponseWriter.quote(code)), \"message\": \(ResponseWriter.quote(message))}"
    }
}
