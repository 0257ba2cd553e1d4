import Foundation
import Synchronization
import DFCCore
import DFCLedger
import DFCCatalog
import DFCVault

/// An async sequence fed by blocking work, which runs at most `capacity` elements ahead of its
/// consumer, so a listing of millions of frames takes the memory of a few hundred. A listing is
/// read a page at a time, each page a short read on the library's fixed pool of threads
/// (`StorePool`): no thread and no catalog connection is held between pages, however many
/// listings are open and however slowly they are consumed. Work that runs on by itself (a batch)
/// has a thread of its own, as its workers have.
///
/// The work starts at the first `next()`. Cancelling the consuming task, or dropping the
/// iterator (a `break` out of the loop), stops the work: the thread's next hand-over throws,
/// and whatever the work started is stopped as it would be on an error (a batch's workers
/// are killed, and nothing half-recorded is left). An error of the work is thrown by `next()`
/// once; the sequence then ends.
public struct StoreStream<Element: Sendable>: AsyncSequence, Sendable {
    private let capacity: Int
    private let produce: @Sendable (_ yield: @escaping @Sendable (Element) throws -> Void) throws -> Void
    private let onCancel: @Sendable () -> Void
    private let page: (@Sendable (_ after: Int64?, _ limit: Int) throws -> (elements: [Element], last: Int64?))?

    /// A sequence of what `produce` hands to `yield`, run on a new thread at the first `next()`.
    /// `onCancel` is called (once, from any thread) when the consumer goes away before the end.
    package init(capacity: Int = 256, onCancel: @escaping @Sendable () -> Void = {},
         _ produce: @escaping @Sendable (_ yield: @escaping @Sendable (Element) throws -> Void) throws -> Void) {
        self.capacity = Swift.max(1, capacity)
        self.produce = produce
        self.onCancel = onCancel
        self.page = nil
    }

    /// A sequence read a page of `capacity` at a time: `page(after, limit)` reads the elements after
    /// the key `after` (from the first when nil) and returns them with the last one's key; a page
    /// shorter than `limit` is the last. Each page runs on `StorePool`.
    package init(capacity: Int = 256, page: @escaping @Sendable (_ after: Int64?, _ limit: Int) throws -> (elements: [Element], last: Int64?)) {
        self.capacity = Swift.max(1, capacity)
        self.produce = { _ in }
        self.onCancel = {}
        self.page = page
    }

    /// An iterator; each starts the work afresh.
    public func makeAsyncIterator() -> Iterator {
        if let page { return Iterator(owner: nil, pages: PageReader(capacity: capacity, page: page)) }
        return Iterator(owner: Owner(StreamChannel(capacity: capacity, produce: produce, onCancel: onCancel)), pages: nil)
    }

    /// The iterator of a `StoreStream`. Dropping it before the end stops the work.
    public struct Iterator: AsyncIteratorProtocol {
        fileprivate let owner: Owner?
        fileprivate let pages: PageReader<Element>?

        /// The next element, nil at the end; throws the work's error, or `CancellationError`.
        public mutating func next() async throws -> Element? {
            if let pages { return try await pages.next() }
            guard let channel = owner?.channel else { return nil }
            return try await withTaskCancellationHandler {
                try await channel.next()
            } onCancel: {
                channel.cancel()
            }
        }
    }

    /// Stops the work when the last copy of an iterator goes.
    fileprivate final class Owner: Sendable {
        package let channel: StreamChannel<Element>
        package init(_ channel: StreamChannel<Element>) { self.channel = channel }
        deinit { channel.cancel() }
    }
}

/// A paged listing's reader: the page read last, and where the next begins. One consumer at a
/// time (an iterator's `next()` is not called concurrently); the lock makes that safe to share.
private final class PageReader<Element: Sendable>: Sendable {
    private struct State {
        var buffer: [Element] = []
        var head = 0
        var after: Int64?
        var finished = false
    }
    private let state = Mutex(State())
    private let capacity: Int
    private let page: @Sendable (_ after: Int64?, _ limit: Int) throws -> (elements: [Element], last: Int64?)

    init(capacity: Int, page: @escaping @Sendable (_ after: Int64?, _ limit: Int) throws -> (elements: [Element], last: Int64?)) {
        self.capacity = capacity
        self.page = page
    }

    private enum Step { case element(Element), end, read(Int64?) }

    func next() async throws -> Element? {
        let step = state.withLock { state -> Step in
            if state.head < state.buffer.count {
                defer { state.head += 1 }
                return .element(state.buffer[state.head])
            }
            return state.finished ? .end : .read(state.after)
        }
        switch step {
        case .element(let element): return element
        case .end: return nil
        case .read(let after):
            try Task.checkCancellation()
            let (capacity, page) = (capacity, page)
            let read: (elements: [Element], last: Int64?)
            do {
                read = try await StorePool.shared.runIfActive { try page(after, capacity) }
            } catch {
                state.withLock { $0.finished = true }   // an error is thrown once; the sequence then ends
                throw error
            }
            return state.withLock { state -> Element? in
                state.buffer = read.elements
                state.head = 0
                state.after = read.last
                state.finished = read.elements.count < capacity || read.last == nil
                guard !state.buffer.isEmpty else { return nil }
                state.head = 1
                return state.buffer[0]
            }
        }
    }
}

/// The hand-over between the producing thread and the consuming task, under one lock.
private final class StreamChannel<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()   // guards every var below
    private let capacity: Int
    private let produce: @Sendable (_ yield: @escaping @Sendable (Element) throws -> Void) throws -> Void
    private let onCancel: @Sendable () -> Void
    private var buffer: [Element] = []
    private var head = 0
    private var started = false
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private var waiter: CheckedContinuation<Element?, any Error>?

    package init(capacity: Int, produce: @escaping @Sendable (_ yield: @escaping @Sendable (Element) throws -> Void) throws -> Void,
         onCancel: @escaping @Sendable () -> Void) {
        self.capacity = capacity
        self.produce = produce
        self.onCancel = onCancel
    }

    package func next() async throws -> Element? {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Element?, any Error>) in
            condition.lock()
            if !started {
                started = true
                let thread = Thread { [self] in
                    Self.nameThisThread("dfc.stream")
                    run()
                }
                thread.name = "dfc.stream"
                thread.stackSize = 8 << 20
                thread.start()
            }
            if cancelled {
                condition.unlock()
                continuation.resume(throwing: CancellationError())
            } else if head < buffer.count {
                let element = take()
                condition.unlock()
                continuation.resume(returning: element)
            } else if let failure {
                self.failure = nil
                finished = true
                condition.unlock()
                continuation.resume(throwing: failure)
            } else if finished {
                condition.unlock()
                continuation.resume(returning: nil)
            } else {
                waiter = continuation
                condition.unlock()
            }
        }
    }

    /// Stops the work (idempotent): the producer's next hand-over throws, a waiting consumer
    /// is told, and `onCancel` runs once — unless the work had already ended.
    package func cancel() {
        condition.lock()
        guard !cancelled, !finished || failure != nil || head < buffer.count else {
            condition.unlock()
            return
        }
        let wasRunning = !finished
        cancelled = true
        buffer = []
        head = 0
        let waiting = waiter
        waiter = nil
        condition.broadcast()
        condition.unlock()
        waiting?.resume(throwing: CancellationError())
        if wasRunning { onCancel() }
    }

    /// Names the calling thread where `top -H` and /proc show it (Foundation's `Thread.name` does not, on Linux).
    private static func nameThisThread(_ name: String) {
        let descriptor = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = FileWriting.writeAll(descriptor, Array(name.utf8))
        close(descriptor)
    }

    /// The producing thread.
    private func run() {
        let outcome = Result { try produce { try self.yield($0) } }
        condition.lock()
        finished = true
        if case .failure(let error) = outcome, !cancelled { failure = error }
        let waiting = waiter
        waiter = nil
        let error = failure
        if waiting != nil { failure = nil }
        condition.unlock()
        if let waiting {
            if let error { waiting.resume(throwing: error) } else { waiting.resume(returning: nil) }
        }
    }

    private func yield(_ element: Element) throws {
        condition.lock()
        while buffer.count - head >= capacity && !cancelled { condition.wait() }
        if cancelled {
            condition.unlock()
            throw CancellationError()
        }
        if let waiting = waiter {
            waiter = nil
            condition.unlock()
            waiting.resume(returning: element)
        } else {
            buffer.append(element)
            condition.unlock()
        }
    }

    /// The oldest buffered element (the lock held); wakes a producer waiting for room.
    private func take() -> Element {
        let element = buffer[head]
        head += 1
        if head > 1024 && head * 2 > buffer.count {
            buffer.removeFirst(head)
            head = 0
        }
        condition.signal()
        return element
    }
}
