#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Dictionary-encodes field bytes without building a `String` per field: a byte-keyed open-addressing
/// table that creates a `String` only for a value seen for the first time. Missing-value markers map to -1.
struct ByteInterner {
    private(set) var levels: [String] = []
    private var arena: [UInt8] = []
    private var starts: [Int] = []
    private var lengths: [Int] = []
    /// Per level: its code, or -1 for a missing marker (levels of markers are not exposed).
    private var codes: [Int32] = []
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int
    private let missing: Set<String>

    init(missing: Set<String>) {
        self.missing = missing
        slots = [Int32](repeating: -1, count: 64)
        mask = 63
    }

    /// The code of the `count` bytes at `p` (−1 for a missing marker).
    mutating func code(_ p: UnsafePointer<UInt8>, count: Int) -> Int32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in 0..<count { h = (h ^ UInt64(p[k])) &* 0x100_0000_01b3 }
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = Int(slots[i])
            if entry < 0 { break }
            if hashes[entry] == h, lengths[entry] == count, sameBytes(entry, p, count) {
                return codes[entry]
            }
            i = (i + 1) & mask
        }
        let text = String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)
        let code: Int32
        if missing.contains(text) {
            code = -1
        } else {
            code = Int32(levels.count)
            levels.append(text)
        }
        let entry = Int32(codes.count)
        starts.append(arena.count)
        lengths.append(count)
        arena.append(contentsOf: UnsafeBufferPointer(start: p, count: count))
        codes.append(code)
        hashes.append(h)
        slots[i] = entry
        if codes.count * 2 > slots.count { rehash() }
        return code
    }

    /// The code of a text value (used for fields with escaped quotes).
    mutating func code(_ text: String) -> Int32 {
        let bytes = Array(text.utf8) + [0]
        return bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return -1 }
            return code(base, count: buffer.count - 1)
        }
    }

    private func sameBytes(_ entry: Int, _ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        if count == 0 { return true }
        return arena.withUnsafeBufferPointer { a in
            guard let base = a.baseAddress else { return false }
            return memcmp(base + starts[entry], p, count) == 0
        }
    }

    private mutating func rehash() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for entry in 0..<codes.count {
            var i = Int(truncatingIfNeeded: hashes[entry]) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(entry)
        }
    }
}
