/// Finds duplicate and near-duplicate stems by Jaccard similarity of word shingles.
///
/// A stem is normalised (lowercase, letters and digits only, whitespace collapsed) and cut into
/// overlapping 2-word shingles (a one-word stem uses its word). Two stems are near
/// duplicates when |A ∩ B| / |A ∪ B| ≥ `threshold`. Candidate pairs come from prefix filtering
/// (each set indexes only its rarest |A| − ⌈t·|A|⌉ + 1 shingles), which finds every pair above
/// the threshold without comparing all pairs.
public struct StemSimilarity: Sendable {
    /// One pair of similar stems: indices into the input and their similarity.
    public struct Match: Sendable, Equatable {
        public var first: Int
        public var second: Int
        public var similarity: Double
    }

    public let threshold: Double
    public static let shingleSize = 2

    public init(threshold: Double = 0.8) {
        self.threshold = min(1, max(0.01, threshold))
    }

    /// Every pair (first < second) whose similarity reaches the threshold, in input order.
    public func matches(_ stems: [String]) -> [Match] {
        var vocabulary: [String: Int] = [:]
        let sets: [[Int]] = stems.map { stem in
            let ids = Self.shingles(stem).map { shingle -> Int in
                if let id = vocabulary[shingle] { return id }
                let id = vocabulary.count
                vocabulary[shingle] = id
                return id
            }
            return Array(Set(ids))
        }
        var frequency = [Int](repeating: 0, count: vocabulary.count)
        for set in sets { for id in set { frequency[id] += 1 } }
        // Rarest shingles first (ties by id) so prefixes are short and selective.
        let ordered = sets.map { set in set.sorted { (frequency[$0], $0) < (frequency[$1], $1) } }
        var index: [Int: [Int]] = [:]
        var found: [Match] = []
        for (i, set) in ordered.enumerated() where !set.isEmpty {
            let prefix = set.count - Int((threshold * Double(set.count) - 1e-9).rounded(.up)) + 1
            var candidates = Set<Int>()
            for id in set.prefix(max(1, prefix)) {
                for j in index[id, default: []] { candidates.insert(j) }
                index[id, default: []].append(i)
            }
            let mine = Set(set)
            for j in candidates.sorted() {
                let other = ordered[j]
                let intersection = other.reduce(0) { $0 + (mine.contains($1) ? 1 : 0) }
                let union = mine.count + other.count - intersection
                let similarity = union == 0 ? 0 : Double(intersection) / Double(union)
                if similarity >= threshold { found.append(Match(first: j, second: i, similarity: similarity)) }
            }
        }
        return found.sorted { ($0.second, $0.first) < ($1.second, $1.first) }
    }

    /// The normalised words of a stem.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    static func shingles(_ text: String) -> [String] {
        let words = words(text)
        guard words.count >= shingleSize else { return words }
        return (0...(words.count - shingleSize)).map { words[$0..<($0 + shingleSize)].joined(separator: " ") }
    }
}
