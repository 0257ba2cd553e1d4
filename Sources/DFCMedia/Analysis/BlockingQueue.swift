import Foundation
import DFCCore

/// A first-in first-out queue between threads: `put` waits while it is full,
/// `take` waits while it is empty, and `close` ends the waiting.
package final class BlockingQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()   // guards everything below
    /// Taken slots are set to nil at once: a slot kept until the array is compacted would
    /// keep its element (a decoded picture) alive long after it was taken.
    private var items: [Element?] = []
    private var head = 0
    private var closed = false
    private let capacity: Int

    package init(capacity: Int = .max) { self.capacity = capacity }

    /// Adds an element, waiting for room; returns false if the queue was closed.
    @discardableResult
    package func put(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count - head >= capacity && !closed { condition.wait() }
        guard !closed else { return false }
        items.append(element)
        condition.broadcast()
        return true
    }

    /// The next element, waiting for one; nil once the queue is closed and empty.
    package func take() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count && !closed { condition.wait() }
        guard head < items.count else { return nil }
        let element = items[head]
        items[head] = nil
        head += 1
        if head > 1024 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return element
    }

    /// Everything queued now, without waiting.
    package func takeAll() -> [Element] {
        condition.lock()
        defer { condition.unlock() }
        let all = items[head...].compactMap { $0 }
        items.removeAll(keepingCapacity: true)
        head = 0
        condition.broadcast()
        return all
    }

    /// No more elements will be put; waiting takers get what is left, then nil.
    package func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
