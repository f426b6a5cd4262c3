import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Workspace

/// The host's HTTP routes: `POST /endpoints/<name>/score` (auth, routing, mirror, limits, metrics, logs,
/// data collection), `GET /metrics` (Prometheus text), and the loopback control routes `/-/reload`, `/-/status`.
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
            text(200, PrometheusText.render(table: table), contentType: "text/plain; version=0.0.4")
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
        guard let endpoint = table.endpoint(endpointName) else {
            return text(404, "{\"message\": \(JSONValue.quote("Endpoint \(endpointName) not found. Check the scoring URI with `az ml online-endpoint show -n <name> --query scoring_uri`."))}")
        }
        guard let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer "),
              endpoint.credentials.contains(String(authorization.dropFirst(7))) else {
            let reason = endpoint.authMode == "key" ? "key_auth_access_denied" : "aml_token_auth_access_denied"
            return text(401, "{\"message\": \"\(reason): the request needs Authorization: Bearer <\(endpoint.authMode == "key" ? "endpoint key" : "token")> (get it with az ml online-endpoint get-credentials).\"}")
        }
        let chosen: DeploymentRuntime
        if let header = deploymentHeader, let wanted = request.headers[header] {
            guard let runtime = endpoint.deployments[wanted] else {
                return text(404, "{\"message\": \(JSONValue.quote("Deployment \(wanted) not found in endpoint \(endpoint.name), workspace \(endpoint.workspaceName)."))}")
            }
            chosen = runtime
        } else {
            guard let runtime = endpoint.route(draw: Int.random(in: 0..<100)) else {
                return text(404, "{\"message\": \"No valid deployments to route to. Please check that the endpoint has at least one deployment with positive weight values or use a deployment specific header to route.\"}")
            }
            chosen = runtime
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxPayloadBytes)
        } catch {
            return finish(chosen, started: started, response: text(413, ScoringError(status: 413, code: "PAYLOAD_TOO_LARGE", message: "Request body is larger than the \(maxPayloadBytes)-byte limit of a managed online endpoint; send fewer rows per request.").body))
        }
        guard chosen.enter() else {
            return finish(chosen, started: started, response: text(429, "{\"message\": \"Too many requests: deployment \(chosen.name) already has \(chosen.maxInFlight) requests in flight (2 x max_concurrent_requests_per_instance x instance_count).\"}"))
        }
        defer { chosen.leave() }
        let body = String(buffer: buffer)
        if let mirror = endpoint.mirror, mirror.name != chosen.name, let shadow = endpoint.deployments[mirror.name], Int.random(in: 0..<100) < mirror.percent {
            Task.detached {
                let shadowStart = DispatchTime.now().uptimeNanoseconds
                guard shadow.enter() else { return }
                defer { shadow.leave() }
                let status: Int
                do { _ = try shadow.score(body); status = 200 } catch { status = (error as? ScoringError)?.status ?? 500 }
                shadow.metrics.record(status: status, seconds: Double(DispatchTime.now().uptimeNanoseconds - shadowStart) / 1e9)
                shadow.logRequest(logLine(table: table, status: status, started: shadowStart, mirrored: true))
            }
        }
        do {
            let result = try chosen.score(body)
            if let scored = result.scored, chosen.collector.isEnabled {
                let stated = trustSimulatedTime ? simulatedTime(request) : nil
                chosen.collector.collect(payload: scored.payload, outputs: scored.outputs, correlationId: correlationId(request),
                                         at: stated ?? table.currentSimulatedTime())
            }
            return finish(chosen, started: started, response: text(200, result.body, deployment: chosen.name), table: table)
        } catch {
            var response = text(error.status, error.body, deployment: chosen.name)
            if error.status == 424, let header = modelErrorHeader { response.headers[header] = "500" }
            return finish(chosen, started: started, response: response, table: table)
        }
    }

    /// The client's `x-request-id` when it is a plain token (letters, digits, `-`, `_`, `.`, at most 128), else a new UUID:
    /// the correlation id that joins collected inputs, outputs and ground-truth labels.
    static func correlationId(_ request: Request) -> String {
        if let header = requestIdHeader, let given = request.headers[header], (1...128).contains(given.utf8.count),
           given.utf8.allSatisfy({ (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) || $0 == 45 || $0 == 95 || $0 == 46 }) {
            return given
        }
        return UUID().uuidString.lowercased()
    }

    /// The simulated time stated by `x-mlopslab-simulated-time` (`yyyy-MM-ddTHH:mm:ss[.ffffff](Z|+00:00)`).
    static func simulatedTime(_ request: Request) -> Date? {
        guard let name = HTTPField.Name(simulatedTimeHeader), let text = request.headers[name] else { return nil }
        return CollectedData.parseTime(text)
    }

    static func finish(_ runtime: DeploymentRuntime, started: UInt64, response: Response, table: ServingTable? = nil) -> Response {
        let status = Int(response.status.code)
        runtime.metrics.record(status: status, seconds: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        runtime.logRequest(logLine(table: table, status: status, started: started, mirrored: false))
        return response
    }

    static func logLine(table: ServingTable?, status: Int, started: UInt64, mirrored: Bool) -> String {
        let micros = Int((DispatchTime.now().uptimeNanoseconds - started) / 1000)
        let fraction = String(micros % 1000)
        let ms = "\(micros / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
        let time = table?.simulatedNow() ?? Date()
        return DeploymentLog.line(time, pid: getpid(), logger: "azmlinfsrv", "POST /score \(status) \(ms)ms\(mirrored ? " (mirrored, response discarded)" : "")")
    }

    static func text(_ status: Int, _ body: String, contentType: String = "application/json", deployment: String? = nil) -> Response {
        var headers: HTTPFields = [.contentType: contentType]
        if let deployment, let name = deploymentHeader { headers[name] = deployment }
        return Response(status: HTTPResponse.Status(code: status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
