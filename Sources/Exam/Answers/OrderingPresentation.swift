import Primitives
/// The order in which an ordering question's steps are shown: a deterministic shuffle seeded by
/// the question id (FNV-1a 64 of its UTF-8 bytes feeding SplitMix64, then Fisher-Yates), so it
/// is the same on every run and platform and never equals the authored order for 3+ steps.
public struct OrderingPresentation: Sendable, Equatable {
    /// `order[k]` is the authored index of the step shown with letter k (0 = a).
    public let order: [Int]

    public init(questionID: String, stepCount: Int) {
        self.order = Self.shuffledOrder(seed: Self.fnv1a64(questionID), count: max(0, stepCount))
    }

    /// The presentation of an ordering question; nil for other types.
    public init?(question: Question) {
        guard case .ordering(let steps) = question.body else { return nil }
        self.init(questionID: question.id, stepCount: steps.count)
    }

    /// The authored step index shown at letter position `letterIndex`, if it exists.
    public func authoredIndex(forLetter letterIndex: Int) -> Int? {
        order.indices.contains(letterIndex) ? order[letterIndex] : nil
    }

    /// The letter position (0 = a) at which authored step `authoredIndex` is shown.
    public func letterIndex(forAuthored authoredIndex: Int) -> Int? {
        order.firstIndex(of: authoredIndex)
    }

    /// The correct answer as the learner types it, e.g. `c,a,d,b`.
    public var keyLetters: String {
        (0..<order.count).compactMap { letterIndex(forAuthored: $0).map(AnswerParser.letter) }.joined(separator: ",")
    }

    static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    static func shuffledOrder(seed: UInt64, count: Int) -> [Int] {
        let identity = Array(0..<count)
        guard count >= 2 else { return identity }
        var generator = SplitMix64(seed: seed)
        for _ in 0..<16 {
            var order = identity
            for i in stride(from: count - 1, to: 0, by: -1) {
                let j = Int(generator.next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
            if order != identity || count < 3 { return order }
        }
        // Practically unreachable: rotate by one so the authored order is never shown.
        return Array(identity.dropFirst()) + [0]
    }
}
