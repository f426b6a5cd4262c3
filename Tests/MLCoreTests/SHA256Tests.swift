import Foundation
import Testing
@testable import MLCore
import Primitives

@Suite("SHA-256")
struct SHA256Tests {
    private func digest(_ text: String) -> String { SHA256Hasher.hex(text) }

    @Test func knownVectors() {
        #expect(digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // Fed in uneven pieces, the digest is the same as in one piece (crossing the 64-byte blocks).
        let text = Array(String(repeating: "a", count: 1000).utf8)
        var pieces = SHA256Hasher()
        var offset = 0
        while offset < text.count {
            let end = min(offset + 7, text.count)
            pieces.update(text[offset..<end])
            offset = end
        }
        pieces.update(AnySequence<UInt8>([]))
        #expect(pieces.finalizeHex() == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        #expect(digest(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func fileDigestMatchesTheDatasetSourceNote() throws {
        // diabetes.SOURCE.md records the sha256 of the shipped file.
        let note = try String(contentsOfFile: try Fixture.path("datasets/diabetes.SOURCE.md"), encoding: .utf8)
        let digest = try #require(SHA256Hasher.hexDigest(ofFile: try Fixture.path("datasets/diabetes.csv")))
        #expect(note.contains(digest))
    }
}
