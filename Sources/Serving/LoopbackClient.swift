import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A blocking HTTP client for 127.0.0.1 (commands are synchronous; the host is on the same machine).
public enum LoopbackClient {
    /// The answer of one request.
    public struct Reply: Sendable {
        public var status: Int
        public var body: String
        public var headers: [String: String]
    }

    private final class Box: @unchecked Sendable {
        var reply: Reply?
        var error: (any Error)?
    }

    /// Sends one request and waits for the answer (nil when nothing listens).
    public static func send(_ url: URL, method: String = "GET", headers: [String: String] = [:], body: Data? = nil, timeout: TimeInterval = 30) -> Reply? {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let session = URLSession(configuration: .ephemeral)
        let task = session.dataTask(with: request) { data, response, error in
            if let http = response as? HTTPURLResponse {
                var fields: [String: String] = [:]
                for (key, value) in http.allHeaderFields { fields[String(describing: key).lowercased()] = String(describing: value) }
                box.reply = Reply(status: http.statusCode, body: String(decoding: data ?? Data(), as: UTF8.self), headers: fields)
            }
            box.error = error
            done.signal()
        }
        task.resume()
        done.wait()
        session.finishTasksAndInvalidate()
        return box.reply
    }
}
