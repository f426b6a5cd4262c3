import Hummingbird
import NIOCore

/// The scoring host's request context: Hummingbird's basic context plus the peer's address, so that
/// headers only a local tool may set (`x-mlopslab-simulated-time`, sent by `mlopslab traffic`) are
/// honoured from loopback peers only.
public struct ScoringRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Whether the peer is on this machine (127.0.0.0/8 or ::1).
    public var isLoopbackPeer: Bool { ScoringRequestContext.isLoopback(remoteAddress) }

    static func isLoopback(_ address: SocketAddress?) -> Bool {
        guard let ip = address?.ipAddress else { return false }
        return ip.hasPrefix("127.") || ip == "::1" || ip.hasPrefix("::ffff:127.")
    }
}
