import Foundation
import Synchronization
package import NIOCore
package import PostgresNIO
import DFCCore
import DFCLedger

/// Waiting for postgres-nio on a thread of the caller's. A plain `wait()` never returns when the
/// server drops the connection while a query is on its way (seen with a restart in the middle of
/// an ingest's inserts): the connection reads as closed, the query's future is never completed.
/// So the wait watches the connection too, and gives up once it has been closed for two seconds.
package enum PostgresWait {
    /// The connection ended under a query; the server rolled its transaction back.
    package struct ConnectionLost: Error, CustomStringConvertible {
        package var description: String { "the server closed the connection in the middle of a query" }

        package init() {
        }
    }

    /// No answer came within the time allowed; the connection was closed.
    package struct NoAnswer: Error, CustomStringConvertible {
        package let seconds: Double
        package var description: String { "the server did not answer within \(Int(seconds)) s" }

        package init(seconds: Double) {
            self.seconds = seconds
        }
    }

    /// The future's result. With `within`, a query not answered in that many seconds closes its
    /// connection (the server then rolls its transaction back) and throws `NoAnswer`.
    package static func result<T: Sendable>(of future: EventLoopFuture<T>, on connection: PostgresConnection?, within: Double? = nil) throws -> T {
        let deadline = within.map { Date().addingTimeInterval($0) }
        let done = DispatchSemaphore(value: 0)
        let box = Box<T>()
        future.whenComplete { result in
            box.set(result)
            done.signal()
        }
        var closedSince: Date?
        while done.wait(timeout: .now() + 0.5) == .timedOut {
            if let deadline, let within, Date() > deadline {
                if let connection { _ = connection.close() as EventLoopFuture<Void> }
                throw NoAnswer(seconds: within)
            }
            guard let connection, connection.isClosed else { continue }
            let since = closedSince ?? Date()
            closedSince = since
            if Date().timeIntervalSince(since) > 2 { throw ConnectionLost() }
        }
        guard let result = box.get() else { throw ConnectionLost() }
        return try result.get()
    }

    private final class Box<T: Sendable>: Sendable {
        private let value = Mutex<Result<T, any Error>?>(nil)
        func set(_ result: Result<T, any Error>) { value.withLock { $0 = result } }
        func get() -> Result<T, any Error>? { value.withLock { $0 } }
    }
}
