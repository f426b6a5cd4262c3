import Atomics
import Dispatch
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import Workspace

/// Hummingbird's HTTP/1.1 child channel with `ScoringFastPath` placed right after NIO's HTTP/1.1 codec, before the
/// conversion to Swift HTTP Types that Hummingbird's handler needs (so the fast path pays for neither the conversion
/// nor Hummingbird's request objects). The rest of the pipeline is Hummingbird's `HTTP1Channel`, unchanged.
struct ScoringHTTP1Channel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    let responder: HTTPChannelHandler.Responder
    let table: ServingTable
    let serverName: String

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            var limits = NIOHTTPDecoderLimitConfiguration()
            limits.maxHeaderFieldSize = 80 * 1024
            limits.maxHeaderListSize = 80 * 1024
            limits.maxHeaderFieldCount = 1000
            try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                withPipeliningAssistance: false, withErrorHandling: false, withOutboundHeaderValidation: false,
                withEncoderConfiguration: .init(), withDecoderLimitConfiguration: limits)
            try channel.pipeline.syncOperations.addHandler(ScoringFastPath(table: table, serverName: serverName))
            try channel.pipeline.syncOperations.addHandler(HTTP1ToHTTPServerCodec(secure: false))
            try channel.pipeline.syncOperations.addHandler(HTTPConnectionStateHandler(idleTimeout: nil, logger: logger))
            return try NIOAsyncChannel(wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
        }
    }

    func handle(value asyncChannel: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: asyncChannel, logger: logger)
    }
}

/// Answers `POST /endpoints/<name>/score` for endpoints whose deployments all score in-process, synchronously on the
/// connection's event loop: no hop to the Swift concurrency pool, no Hummingbird request/response objects. Installed
/// in each HTTP/1.1 connection's pipeline right after NIO's HTTP codec (`ScoringHTTP1Channel`); every other request
/// (other routes, unknown endpoints, endpoints with a Python deployment) is passed on unchanged, and Hummingbird's
/// router answers it (`ScoringRouter`). The scoring steps and answers are the same (`Scoring`).
///
/// Responses stay in request order: while a request passed to Hummingbird has not been answered, the following
/// requests of the connection are passed on too.
final class ScoringFastPath: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        case idle
        /// Passing the current request's parts to Hummingbird.
        case forwarding
        /// Reading the body of a request this handler answers.
        case collecting(Pending)
    }

    private struct Pending {
        var started: UInt64
        var endpoint: EndpointRuntime
        /// The deployment, or the answer already decided (401, 404) to send once the body has been read.
        var admission: Scoring.Admission
        var body: ByteBuffer?
        var tooLarge: Bool
        var keepAlive: Bool
        var version: HTTPVersion
        /// `x-request-id` and `x-mlopslab-simulated-time` as sent, for collected data.
        var requestId: String?
        var simulatedTime: String?
    }

    private let table: ServingTable
    private let serverName: String
    private var state = State.idle
    /// Requests passed to Hummingbird whose response has not ended yet.
    private var forwardedOutstanding = 0
    /// Per-connection generator for traffic and mirror draws (no system call per request).
    private var random: UInt64

    init(table: ServingTable, serverName: String = "azureml-frontdoor") {
        self.table = table
        self.serverName = serverName
        var generator = SystemRandomNumberGenerator()
        random = generator.next()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        switch state {
        case .idle:
            guard case .head(let head) = part, forwardedOutstanding == 0, let pending = admit(head) else {
                if case .head = part { forwardedOutstanding += 1 }
                state = .forwarding
                context.fireChannelRead(data)
                if case .end = part { state = .idle }
                return
            }
            state = .collecting(pending)
        case .forwarding:
            context.fireChannelRead(data)
            if case .end = part { state = .idle }
        case .collecting(var pending):
            switch part {
            case .head:
                // A new head before the end of the body: not HTTP/1.1 framing; let Hummingbird deal with it.
                state = .forwarding
                forwardedOutstanding += 1
                context.fireChannelRead(data)
            case .body(var chunk):
                state = .idle  // drop the reference while appending, so the buffer is not copied
                if !pending.tooLarge {
                    if pending.body == nil {
                        pending.body = chunk
                    } else {
                        pending.body?.writeBuffer(&chunk)
                    }
                    if (pending.body?.readableBytes ?? 0) > ScoringRouter.maxPayloadBytes {
                        pending.tooLarge = true
                        pending.body = nil
                    }
                }
                state = .collecting(pending)
            case .end:
                state = .idle
                answer(pending, context: context)
            }
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { forwardedOutstanding = max(0, forwardedOutstanding - 1) }
        context.write(data, promise: promise)
    }

    /// The pending request when this handler answers it; nil to pass it on.
    private func admit(_ head: HTTPRequestHead) -> Pending? {
        guard head.method == .POST, let name = ScoringFastPath.endpointName(head.uri),
              let endpoint = table.endpoint(name), endpoint.scoresInProcess else { return nil }
        let started = DispatchTime.now().uptimeNanoseconds
        let admission = Scoring.admit(endpoint, authorization: head.headers.first(name: "authorization"),
                                      wanted: head.headers.first(name: "azureml-model-deployment"), draw: { nextDraw() })
        return Pending(started: started, endpoint: endpoint, admission: admission, body: nil, tooLarge: false,
                       keepAlive: head.isKeepAlive, version: head.version, requestId: head.headers.first(name: "x-request-id"),
                       simulatedTime: head.headers.first(name: ScoringRouter.simulatedTimeHeader))
    }

    private func answer(_ pending: Pending, context: ChannelHandlerContext) {
        let reply: ScoringReply
        switch pending.admission {
        case .reply(let decided):
            reply = decided
        case .deployment(let runtime):
            table.fastPathAnswers.wrappingIncrement(ordering: .relaxed)
            if pending.tooLarge {
                reply = Scoring.finish(runtime, started: pending.started, Scoring.tooLarge())
            } else if !runtime.enter() {
                reply = Scoring.finish(runtime, started: pending.started, Scoring.tooMany(runtime))
            } else {
                let body = pending.body ?? context.channel.allocator.buffer(capacity: 0)
                let stated = ScoringRequestContext.isLoopback(context.channel.remoteAddress)
                    ? pending.simulatedTime.flatMap { CollectedData.parseTime($0) } : nil
                let scored = Scoring.inProcess(runtime, body: body, allocator: context.channel.allocator, table: table,
                                               requestId: pending.requestId, statedTime: stated)
                runtime.leave()
                reply = Scoring.finish(runtime, started: pending.started, scored)
                Scoring.mirror(pending.endpoint, chosen: runtime, body: body, table: table, draw: { nextDraw() })
            }
        }
        var headers = HTTPHeaders()
        headers.reserveCapacity(6)
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "content-length", value: String(reply.body.readableBytes))
        headers.add(name: "server", value: serverName)
        if let deployment = reply.deployment { headers.add(name: "azureml-model-deployment", value: deployment.headerValue) }
        if reply.status == 424 { headers.add(name: "ms-azureml-model-error-statuscode", value: "500") }
        if !pending.keepAlive { headers.add(name: "connection", value: "close") }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: pending.version, status: HTTPResponseStatus(statusCode: reply.status), headers: headers))),
                      promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(reply.body))), promise: nil)
        if !pending.keepAlive {
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        } else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }

    /// A draw in 0..<100 from a SplitMix64 stream.
    private func nextDraw() -> Int {
        random &+= 0x9E37_79B9_7F4A_7C15
        var z = random
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % 100)
    }

    /// `<name>` of `/endpoints/<name>/score` (an optional query string is ignored); nil for any other path.
    static func endpointName(_ path: String) -> String? {
        var utf8 = Substring(path).utf8
        if let query = utf8.firstIndex(of: UInt8(ascii: "?")) { utf8 = utf8[..<query] }
        let prefix = "/endpoints/".utf8, suffix = "/score".utf8
        guard utf8.count > prefix.count + suffix.count, utf8.starts(with: prefix), utf8.reversed().starts(with: suffix.reversed()) else { return nil }
        let name = utf8.dropFirst(prefix.count).dropLast(suffix.count)
        guard !name.contains(UInt8(ascii: "/")), !name.contains(UInt8(ascii: "%")) else { return nil }
        return String(Substring(name))
    }
}
