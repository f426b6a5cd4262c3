import Dispatch
import Foundation

/// Runs independent pieces of work on all cores and collects their results in order.
public enum Parallel {
    /// Number of worker threads used for data-parallel loops (at least 1).
    public static var workerCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Calls `body(i)` for `i` in `0..<count`, concurrently when `count > 1`, and returns the results in order.
    public static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        if count == 1 { return [body(0)] }
        let slots = Slots<T>(count: count)
        withoutActuallyEscaping(body) { escapable in
            let task = UncheckedBox(escapable)
            DispatchQueue.concurrentPerform(iterations: count) { i in
                slots.set(i, task.value(i))
            }
        }
        return slots.values()
    }

    /// Splits `0..<n` into at most `parts` contiguous ranges of near-equal size (none empty).
    public static func ranges(_ n: Int, parts: Int) -> [Range<Int>] {
        guard n > 0 else { return [] }
        let k = max(1, min(parts, n))
        return (0..<k).map { i in (n * i / k)..<(n * (i + 1) / k) }
    }

    /// Lets a closure that only reads shared state cross into the worker threads.
    private struct UncheckedBox<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Result slots written by distinct indices from different threads.
    private final class Slots<T>: @unchecked Sendable {
        private let storage: UnsafeMutablePointer<T?>
        private let count: Int
        init(count: Int) {
            self.count = count
            storage = UnsafeMutablePointer<T?>.allocate(capacity: count)
            storage.initialize(repeating: nil, count: count)
        }
        deinit {
            storage.deinitialize(count: count)
            storage.deallocate()
        }
        func set(_ i: Int, _ value: T) { storage[i] = value }
        func values() -> [T] { (0..<count).compactMap { storage[$0] } }
    }
}

/// A read-only pointer that may be shared with worker threads while its owner keeps the memory alive.
struct SharedBuffer<Element>: @unchecked Sendable {
    let base: UnsafePointer<Element>
    let count: Int
}

/// A mutable pointer shared with worker threads that write disjoint index ranges.
struct SharedMutableBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    let count: Int
}
