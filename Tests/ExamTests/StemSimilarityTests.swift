import PropertyBased
import Testing
@testable import Exam

@Suite struct StemSimilarityTests {
    @Test func normalisesCaseAndPunctuation() {
        #expect(StemSimilarity.words("What's the BEST option?  Choose two.") == ["what", "s", "the", "best", "option", "choose", "two"])
        #expect(StemSimilarity.shingles("one two three four") == ["one two", "two three", "three four"])
        #expect(StemSimilarity.shingles("short") == ["short"])
    }

    @Test func identicalAfterNormalisingIsSimilarityOne() {
        let matches = StemSimilarity().matches(["A model, deployed!", "a model deployed", "something else entirely here"])
        #expect(matches == [StemSimilarity.Match(first: 0, second: 1, similarity: 1)])
    }

    /// Prefix filtering must find exactly the pairs a brute-force comparison finds.
    @Test func prefixFilteringEqualsBruteForce() async {
        let stems = Gen.int(in: 0...5).array(of: 4...9).array(of: 2...25)
        await propertyCheck(count: 200, input: stems, Gen.int(in: 5...95)) { raw, percent in
            let texts = raw.map { $0.map { "w\($0)" }.joined(separator: " ") }
            let threshold = Double(percent) / 100
            let fast = StemSimilarity(threshold: threshold).matches(texts).map { [$0.first, $0.second] }
            var slow: [[Int]] = []
            for j in texts.indices {
                for i in 0..<j {
                    let a = Set(StemSimilarity.shingles(texts[i])), b = Set(StemSimilarity.shingles(texts[j]))
                    let union = a.union(b).count
                    if union > 0, Double(a.intersection(b).count) / Double(union) >= threshold { slow.append([i, j]) }
                }
            }
            #expect(fast == slow)
        }
    }
}
