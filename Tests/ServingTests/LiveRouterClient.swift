import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
@testable import Serving

/// Runs a router on a real socket (127.0.0.1, a free port) for the length of a test and sends it
/// real HTTP requests with URLSession. It keeps the shape of HummingbirdTesting's
/// `app.test(.router) { client in client.execute(...) { response in ... } }` without its
/// AsyncHTTPClient and NIOSSL dependencies, which would add minutes to every clean build.
struct LiveApp {
    enum Setup { case router }

    /// Builds the service answering on the port it is given through `ready`.
    let make: (_ logger: Logger, _ ready: @escaping @Sendable (Int) -> Void) -> any Service

    /// Hummingbird's router alone (every request through `ScoringRouter`).
    init(router: Router<BasicRequestContext>) {
        make = { logger, ready in
            Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                        onServerRunning: { channel in ready(channel.localAddress?.port ?? 0) }, logger: logger)
        }
    }

    /// The scoring host's own server (`ScoringHost.application`): the event-loop fast path in front of the router.
    init(host table: ServingTable) {
        make = { logger, ready in
            ScoringHost.application(table: table, port: 0, status: { "{}" }, eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                                    onServerRunning: ready, logger: logger)
        }
    }

    func test<Value: Sendable>(_ setup: Setup, _ body: @Sendable (LiveClient) async throws -> Value) async throws -> Value {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "mlopslab.tests.live-router")
        logger.logLevel = .critical
        let app = make(logger, { continuation.yield($0) })
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
        let running = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            await group.triggerGracefulShutdown()
            throw LiveClient.Failure.noPort
        }
        do {
            let value = try await body(LiveClient(port: port))
            await group.triggerGracefulShutdown()
            _ = try? await running.value
            return value
        } catch {
            await group.triggerGracefulShutdown()
            _ = try? await running.value
            throw error
        }
    }
}

/// Sends one request to the live router and hands the response to the test.
struct LiveClient: Sendable {
    enum Failure: Error { case noPort, notHTTP }

    struct Response: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: ByteBuffer
    }

    let port: Int

    func execute<Value>(
        uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: ByteBuffer? = nil,
        testCallback: (Response) async throws -> Value
    ) async throws -> Value {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(uri)") else { throw Failure.notHTTP }
        var request = URLRequest(url: url)
        request.httpMethod = method.rawValue
        for field in headers { request.addValue(field.value, forHTTPHeaderField: field.name.rawName) }
        if let body { request.httpBody = Data(buffer: body) }
        let (data, response) = try await send(request)
        guard let http = response as? HTTPURLResponse else { throw Failure.notHTTP }
        var fields = HTTPFields()
        for (key, value) in http.allHeaderFields {
            if let name = HTTPField.Name("\(key)") { fields.append(HTTPField(name: name, value: "\(value)")) }
        }
        return try await testCallback(Response(status: HTTPResponse.Status(code: http.statusCode), headers: fields, body: ByteBuffer(bytes: data)))
    }

    /// Sends on a session of its own: a request that times out (URLSession's libcurl loop can stall
    /// under load, and a stall on the shared session stalls every test at once) is sent once more
    /// on a fresh session.
    private func send(_ request: URLRequest) async throws -> (Data, URLResponse) {
        var request = request
        request.timeoutInterval = 30
        do {
            return try await send(request, on: URLSession(configuration: .ephemeral))
        } catch let error as URLError where error.code == .timedOut {
            return try await send(request, on: URLSession(configuration: .ephemeral))
        }
    }

    private func send(_ request: URLRequest, on session: URLSession) async throws -> (Data, URLResponse) {
        defer { session.finishTasksAndInvalidate() }
        return try await withCheckedThrowingContinuation { continuation in
            session.dataTask(with: request) { data, response, error in
                if let error { continuation.resume(throwing: error) }
                else if let response { continuation.resume(returning: (data ?? Data(), response)) }
                else { continuation.resume(throwing: Failure.notHTTP) }
            }.resume()
        }
    }
}
