import Foundation
import PropertyBased
import Testing
@testable import Exam

/// No input may crash the loader: random byte edits and truncations of a valid pack either
/// still parse or produce diagnostics, each with a position inside the file.
@Suite struct PackFuzzTests {
    /// One edit: 0 replace, 1 insert, 2 delete, 3 truncate; `position` is taken modulo the length.
    struct Edit: Sendable {
        var kind: Int
        var position: Int
        var byte: UInt8
    }

    /// Bytes that matter to YAML, plus arbitrary ones.
    static let interesting: [UInt8] = Array(":-[]{}\"'&*!|>#%@,?\n\t ".utf8) + [0x00, 0xFF, 0xC3, 0x80, 0x7F]

    static let edits = zip(Gen.int(in: 0...3), Gen.int(in: 0...1_000_000), Gen.int(in: 0...255), Gen.bool)
        .map { kind, position, raw, special in
            Edit(kind: kind, position: position, byte: special ? interesting[raw % interesting.count] : UInt8(raw))
        }
        .array(of: 1...6)

    static func apply(_ edits: [Edit], to original: [UInt8]) -> [UInt8] {
        var bytes = original
        for edit in edits {
            guard !bytes.isEmpty else { break }
            let at = edit.position % bytes.count
            switch edit.kind {
            case 0: bytes[at] = edit.byte
            case 1: bytes.insert(edit.byte, at: at)
            case 2: bytes.remove(at: at)
            default: bytes.removeSubrange(at...)
            }
        }
        return bytes
    }

    @Test func mutatedPacksNeverCrash() async throws {
        let url = try TestSupport.fixtures.appendingPathComponent("valid/sample-pack.yaml")
        let original = Array(try Data(contentsOf: url))
        let parser = PackParser(outline: try TestSupport.outline)
        await propertyCheck(count: 400, input: Self.edits) { edits in
            let bytes = Self.apply(edits, to: original)
            let result = parser.parse(bytes: bytes, file: "fuzz.yaml")
            #expect(result.pack != nil || !result.diagnostics.isEmpty)
            let lines = bytes.filter { $0 == 10 }.count + 1
            for diagnostic in result.diagnostics {
                #expect(diagnostic.file == "fuzz.yaml")
                #expect((0...lines).contains(diagnostic.line), "\(diagnostic)")
                #expect(!diagnostic.message.isEmpty)
            }
        }
    }

    @Test func pathologicalInputsGiveOneClearDiagnostic() throws {
        let parser = PackParser(outline: try TestSupport.outline)
        let deep = Array(String(repeating: "[", count: 10_000).utf8)
        #expect(parser.parse(bytes: deep, file: "deep.yaml").diagnostics.map(\.description)
                == ["deep.yaml:1:65: brackets nested more than 64 deep; a pack never needs this"])
        let dashes = Array((String(repeating: "- ", count: 50_000) + "x\n").utf8)
        #expect(parser.parse(bytes: dashes, file: "dashes.yaml").diagnostics.map(\.description)
                == ["dashes.yaml:1:257: line is indented or nested more than 256 columns deep; a pack never needs this"])
        let aliases = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nquestions: *c\n"
        #expect(!parser.parse(bytes: Array(aliases.utf8), file: "alias.yaml").diagnostics.isEmpty)
        #expect(parser.parse(bytes: [], file: "empty.yaml").diagnostics.first?.message.hasPrefix("file is empty") == true)
        #expect(parser.parse(bytes: [0x00], file: "nul.yaml").diagnostics.count == 1)
    }
}
