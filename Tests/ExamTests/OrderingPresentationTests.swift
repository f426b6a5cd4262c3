import Testing
@testable import Exam
import Primitives

@Suite struct OrderingPresentationTests {
    @Test func fnv1aMatchesPublishedVectors() {
        #expect(OrderingPresentation.fnv1a64("") == 0xcbf2_9ce4_8422_2325)
        #expect(OrderingPresentation.fnv1a64("a") == 0xaf63_dc4c_8601_ec8c)
        #expect(OrderingPresentation.fnv1a64("foobar") == 0x8594_4171_f739_67e8)
    }

    @Test func seededRandomMatchesTheSplitMix64ReferenceSequence() {
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xe220_a839_7b1d_cdaf)
        #expect(generator.next() == 0x6e78_9e6a_a1b9_65f4)
        #expect(generator.next() == 0x06c4_5d18_8009_454f)
    }

    @Test func sameIdGivesTheSameOrderAndDifferentIdsDiffer() {
        let first = OrderingPresentation(questionID: "trb-014", stepCount: 5)
        let again = OrderingPresentation(questionID: "trb-014", stepCount: 5)
        #expect(first == again)
        let others = (0..<20).map { OrderingPresentation(questionID: "trb-\($0)", stepCount: 5).order }
        #expect(Set(others).count > 5)
    }

    @Test func everyPresentationIsAPermutationAndNeverTheAuthoredOrder() {
        for count in 3...7 {
            for n in 0..<400 {
                let order = OrderingPresentation(questionID: "q-\(n)", stepCount: count).order
                #expect(order.sorted() == Array(0..<count))
                #expect(order != Array(0..<count), "q-\(n) with \(count) steps shows the authored order")
            }
        }
    }

    @Test func letterAndAuthoredIndexAreInverse() {
        let presentation = OrderingPresentation(questionID: "x", stepCount: 6)
        for letter in 0..<6 {
            let authored = presentation.authoredIndex(forLetter: letter)
            #expect(authored.flatMap(presentation.letterIndex(forAuthored:)) == letter)
        }
        #expect(presentation.authoredIndex(forLetter: 6) == nil)
        #expect(presentation.authoredIndex(forLetter: -1) == nil)
    }
}
