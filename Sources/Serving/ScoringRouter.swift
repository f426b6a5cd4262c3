import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Workspace

/// The host's HTTP routes: `POST /endpoints/<name>/score` (auth, routing, mirror, limits, metrics, logs,
/// data collection), `GET /metrics` (Prometheus text), and the loopback control routes `/-/reload`, `/-/status`.
///
/// Endpoints whose deployments all score in-process are normally answered before this router, on the event loop, by
/// `ScoringFastPath`; the route here serves the rest (Python scoring scripts, whose `run()` is awaited on the worker's
/// own thread with the `request_timeout_ms` deadline) and every request when the fast path is not installed.
public enum ScoringRouter {
    /// Largest request body accepted (413 beyond it), as the managed endpoint limit.
    public static let maxPayloadBytes = 1_572_864
    static let deploymentHeader = HTTPField.Name("azureml-model-deployment")
    static let requestIdHeader = HTTPField.Name("x-request-id")
    static let modelErrorHeader = HTTPField.Name("ms-azureml-model-error-statuscode")
    /// Simulated time of a request (ISO 8601 UTC), set by `mlopslab traffic`; honoured from loopback peers only.
    public static let simulatedTimeHeader = "x-mlopslab-simulated-time"

    /// Builds the router over a serving table; `status` renders `/-/status`. With a context that knows its
    /// peer (`ScoringRequestContext`, what the host uses), a loopback request may carry its simulated time in
    /// `x-mlopslab-simulated-time`; with any other context the header is ignored.
    public static func router<Context: RequestContext>(table: ServingTable, status: @escaping @Sendable () -> String) -> Router<Context> {
        let router = Router(context: Context.self)
        router.post("/endpoints/:endpoint/score") { request, context -> Response in
            let name = context.parameters.get("endpoint") ?? ""
            let trusted = (context as? ScoringRequestContext)?.isLoopbackPeer ?? false
            return await score(request: request, endpointName: name, table: table, trustSimulatedTime: trusted)
        }
        router.get("/metrics") { _, _ -> Response in
            text(200, table.exporter.render(table: table), contentType: "text/plain; version=0.0.4")
        }
        router.post("/-/reload") { _, _ -> Response in
            do {
                try table.reload()
                return text(200, "{\"reloaded\": true}")
            } catch {
                return text(500, "{\"error\": \(JSONValue.quote("\(error)"))}")
            }
        }
        router.post("/-/flush-logs") { _, _ -> Response in
            table.flushLogs()
            return text(200, "{\"flushed\": true}")
        }
        router.get("/-/status") { _, _ -> Response in text(200, status()) }
        return router
    }

    static func score(request: Request, endpointName: String, table: ServingTable, trustSimulatedTime: Bool = false) async -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        guard let endpoint = table.endpoint(endpointName) else { return response(Scoring.endpointNotFound(endpointName)) }
        let chosen: DeploymentRuntime
        switch Scoring.admit(endpoint, authorization: request.headers[.authorization],
                             wanted: deploymentHeader.flatMap { request.headers[$0] }, draw: { Int.random(in: 0..<100) }) {
        case .reply(let reply): return response(reply)
        case .deployment(let runtime): chosen = runtime
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxPayloadBytes)
        } catch {
            return response(Scoring.finish(chosen, started: started, Scoring.tooLarge()))
        }
        guard chosen.enter() else { return response(Scoring.finish(chosen, started: started, Scoring.tooMany(chosen))) }
        if let worker = chosen.worker {
            let body = String(buffer: buffer)
            Scoring.mirror(endpoint, chosen: chosen, body: buffer, table: table)
            let outcome = await worker.run(body, timeoutMs: chosen.requestTimeoutMs, whenDone: { chosen.leave() })
            switch outcome {
            case .answered(.success(let text)):
                return response(Scoring.finish(chosen, started: started, ScoringReply(status: 200, body: ByteBuffer(string: text), deployment: chosen)))
            case .answered(.failure(let error)):
                return response(Scoring.finish(chosen, started: started, ScoringReply(status: error.status, body: ByteBuffer(string: error.body), deployment: chosen)))
            case .timedOut:
                return response(Scoring.finish(chosen, started: started, Scoring.timedOut(chosen)))
            }
        }
        defer { chosen.leave() }
        Scoring.mirror(endpoint, chosen: chosen, body: buffer, table: table)
        let stated = trustSimulatedTime ? simulatedTime(request) : nil
        let scored = Scoring.inProcess(chosen, body: buffer, allocator: ByteBufferAllocator(), table: table,
                                       requestId: requestIdHeader.flatMap { request.headers[$0] }, statedTime: stated)
        return response(Scoring.finish(chosen, started: started, scored))
    }

    /// The simulated time stated by `x-mlopslab-simulated-time` (`yyyy-MM-ddTHH:mm:ss[.ffffff](Z|+00:00)`).
    static func simulatedTime(_ request: Request) -> Date? {
        guard let name = HTTPField.Name(simulatedTimeHeader), let text = request.headers[name] else { return nil }
        return CollectedData.parseTime(text)
    }

    static func response(_ reply: ScoringReply) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let deployment = reply.deployment, let name = deploymentHeader { headers[name] = deployment.headerValue }
        if reply.status == 424, let name = modelErrorHeader { headers[name] = "500" }
        return Response(status: HTTPResponse.Status(code: reply.status), headers: headers, body: ResponseBody(byteBuffer: reply.body))
    }

    static func text(_ status: Int, _ body: String, contentType: String = "application/json") -> Response {
        Response(status: HTTPResponse.Status(code: status), headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

/// An answer to a scoring request: status, JSON body, and the deployment that answered (for the
/// `azureml-model-deployment` header, metrics and the log).
struct ScoringReply {
    var status: Int
    var body: ByteBuffer
    var deployment: DeploymentRuntime?
}

/// The scoring steps both the Hummingbird route and the event-loop fast path take, in the managed endpoint's order:
/// endpoint (404), credential (401), deployment by header or traffic (404), body size (413), in-flight limit (429),
/// scoring (200, 400, 424), deadline (408).
enum Scoring {
    enum Admission {
        case deployment(DeploymentRuntime)
        case reply(ScoringReply)
    }

    static func endpointNotFound(_ name: String) -> ScoringReply {
        message(404, "Endpoint \(name) not found. Check the scoring URI with `az ml online-endpoint show -n <name> --query scoring_uri`.")
    }

    /// Checks the credential and picks the deployment (the header's, else one drawn by traffic weight).
    static func admit(_ endpoint: EndpointRuntime, authorization: String?, wanted: String?, draw: () -> Int) -> Admission {
        guard endpoint.accepts(authorization: authorization) else {
            let key = endpoint.authMode == "key"
            let reason = key ? "key_auth_access_denied" : "\(endpoint.authMode)_auth_access_denied"
            return .reply(message(401, "\(reason): the request needs Authorization: Bearer <\(key ? "endpoint key" : "token")> (get it with az ml online-endpoint get-credentials)."))
        }
        if let wanted {
            guard let runtime = endpoint.deployments[wanted] else {
                return .reply(message(404, "Deployment \(wanted) not found in endpoint \(endpoint.name), workspace \(endpoint.workspaceName)."))
            }
            return .deployment(runtime)
        }
        guard let runtime = endpoint.route(draw: endpoint.needsDraw ? draw() : 0) else {
            return .reply(message(404, "No valid deployments to route to. Please check that the endpoint has at least one deployment with positive weight values or use a deployment specific header to route."))
        }
        return .deployment(runtime)
    }

    static func tooLarge() -> ScoringReply {
        ScoringReply(status: 413, body: ByteBuffer(string: ScoringError(status: 413, code: "PAYLOAD_TOO_LARGE",
            message: "Request body is larger than the \(ScoringRouter.maxPayloadBytes)-byte limit of a managed online endpoint; send fewer rows per request.").body), deployment: nil)
    }

    static func tooMany(_ runtime: DeploymentRuntime) -> ScoringReply {
        message(429, "Too many requests: deployment \(runtime.name) already has \(runtime.maxInFlight) requests in flight (2 x max_concurrent_requests_per_instance x instance_count).")
    }

    static func timedOut(_ runtime: DeploymentRuntime) -> ScoringReply {
        var reply = ScoringReply(status: 408, body: ByteBuffer(string: ScoringError(status: 408, code: "REQUEST_TIMEOUT",
            message: "Request timed out: deployment \(runtime.name) did not answer within request_timeout_ms = \(runtime.requestTimeoutMs) ms (request_settings); the scoring script is still running.").body), deployment: nil)
        reply.deployment = runtime
        return reply
    }

    /// Scores in-process; a 408 when scoring itself outlasted `request_timeout_ms`.
    /// Scores with an in-process model. Collected data is stamped with `statedTime` (a loopback client's
    /// `x-mlopslab-simulated-time`) or the workspace's simulated clock, and joined by `requestId` when it is a
    /// plain token (the client's `x-request-id`), else by a new UUID.
    static func inProcess(_ runtime: DeploymentRuntime, body: ByteBuffer, allocator: ByteBufferAllocator, table: ServingTable,
                          requestId: String? = nil, statedTime: Date? = nil) -> ScoringReply {
        let start = DispatchTime.now().uptimeNanoseconds
        let (status, out) = runtime.scoreInProcess(body, allocator: allocator, collectedAt: { statedTime ?? table.currentSimulatedTime() },
                                                   correlationId: { correlationId(requestId) })
        if DispatchTime.now().uptimeNanoseconds - start > UInt64(runtime.requestTimeoutMs) * 1_000_000 { return timedOut(runtime) }
        return ScoringReply(status: status, body: out, deployment: runtime)
    }

    /// `given` when it is a plain token (letters, digits, `-`, `_`, `.`, at most 128 bytes), else a new UUID: the
    /// correlation id that joins collected inputs, outputs and ground-truth labels.
    static func correlationId(_ given: String?) -> String {
        if let given, (1...128).contains(given.utf8.count),
           given.utf8.allSatisfy({ (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) || $0 == 45 || $0 == 95 || $0 == 46 }) {
            return given
        }
        return UUID().uuidString.lowercased()
    }

    /// Copies the request to the endpoint's mirror deployment for its share of requests; the answer is discarded
    /// (the shadow's metrics and log count it). In-process shadows are scored on a detached task, Python shadows on
    /// their worker's thread.
    static func mirror(_ endpoint: EndpointRuntime, chosen: DeploymentRuntime, body: ByteBuffer, table: ServingTable, draw: () -> Int = { Int.random(in: 0..<100) }) {
        guard let mirror = endpoint.mirror, mirror.name != chosen.name, let shadow = endpoint.deployments[mirror.name], draw() < mirror.percent else { return }
        Task.detached {
            let started = DispatchTime.now().uptimeNanoseconds
            guard shadow.enter() else { return }
            let status: Int
            if let worker = shadow.worker {
                switch await worker.run(String(buffer: body), timeoutMs: shadow.requestTimeoutMs, whenDone: { shadow.leave() }) {
                case .answered(.success): status = 200
                case .answered(.failure(let error)): status = error.status
                case .timedOut: status = 408
                }
            } else {
                status = inProcess(shadow, body: body, allocator: ByteBufferAllocator(), table: table).status
                shadow.leave()
            }
            record(shadow, started: started, status: status, mirrored: true)
        }
    }

    /// Records the answer in the deployment's metrics and log; returns it.
    static func finish(_ runtime: DeploymentRuntime, started: UInt64, _ reply: ScoringReply) -> ScoringReply {
        record(runtime, started: started, status: reply.status, mirrored: false)
        return reply
    }

    static func record(_ runtime: DeploymentRuntime, started: UInt64, status: Int, mirrored: Bool) {
        let elapsed = DispatchTime.now().uptimeNanoseconds &- started
        runtime.metrics.record(status: status, seconds: Double(elapsed) / 1e9)
        runtime.logRequest(status: status, nanoseconds: elapsed, mirrored: mirrored)
    }

    static func message(_ status: Int, _ text: String) -> ScoringReply {
        ScoringReply(status: status, body: ByteBuffer(string: "{\"message\": \(JSONValue.quote(text))}"), deployment: nil)
    }
}
