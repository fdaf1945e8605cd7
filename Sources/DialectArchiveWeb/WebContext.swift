import Hummingbird
import NIOCore

/// The context of every request: Hummingbird's own, plus the address of the connection it came
/// on, which the audit trail records when no proxy in front reports the visitor's.
struct WebContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    /// The other end of the connection: the visitor when they connect directly, else the proxy.
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
