/// The order in which a question's options are shown: as written for single and multiple choice,
/// and a shuffle fixed by the question id for ordering items (never the written, correct order).
public enum PresentationOrder {
    public static func order(for question: Question) -> [Int] {
        switch question.body {
        case .single(let options), .multiple(let options, _):
            return Array(options.indices)
        case .yesNoSeries:
            return []
        case .ordering(let steps):
            let written = Array(steps.indices)
            guard steps.count > 1 else { return written }
            var random = SeededRandom(seed: fnv1a(question.id))
            for _ in 0..<16 {
                let shuffled = random.shuffle(written)
                if shuffled != written { return shuffled }
            }
            return Array(written.reversed())
        }
    }

    /// FNV-1a over the UTF-8 bytes: a seed that is the same on every platform.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
