import Foundation
import Testing
@testable import Labs

@Suite struct FaultArgumentTests {
    @Test func typedAccessorsNameTheMissingOrWrongParameter() throws {
        let arguments = FaultArguments(kind: "k", values: ["file": .string("a.py"), "count": .int(3), "list": .array([.string("x"), .int(1)])])
        #expect(try arguments.string("file") == "a.py")
        #expect(try arguments.int("count") == 3)
        #expect(throws: LabError.failed("fault k needs `path`")) { try arguments.string("path") }
        #expect(throws: LabError.failed("fault k: every item of `list` must be text")) { try arguments.strings("list") }
    }

    @Test func pathsOutsideTheRootAreRefused() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("labs-path-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("out").path, withDestinationPath: "/etc")
        #expect(throws: LabError.self) { try LabSandbox.contained("../x", in: root, what: "the lab") }
        #expect(throws: LabError.self) { try LabSandbox.contained("/etc/passwd", in: root, what: "the lab") }
        #expect(throws: LabError.self) { try LabSandbox.contained("out/passwd", in: root, what: "the lab") }
        #expect(try LabSandbox.contained("a/../b.txt", in: root, what: "the lab").lastPathComponent == "b.txt")
    }
}
