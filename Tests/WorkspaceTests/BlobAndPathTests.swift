import Foundation
import Testing
@testable import Workspace
import Primitives

@Suite("Blob store, SHA-256 and path guard")
struct BlobAndPathTests {
    @Test("SHA-256 matches the FIPS test vectors")
    func sha256() {
        #expect(SHA256Hasher.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Hasher.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Hasher.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var incremental = SHA256Hasher()
        for _ in 0..<1000 { incremental.update(Array("a".utf8)) }
        #expect(incremental.finalizeHex() == SHA256Hasher.hex(Array(String(repeating: "a", count: 1000).utf8)))
    }

    @Test("the same content is stored once; a folder's digest changes when any file changes; materialize restores it")
    func blobs() throws {
        let box = try WorkspaceSandbox()
        let a = try box.write("one/a.txt", "hello")
        try box.write("two/a.txt", "hello")
        let first = try box.workspace.blobs.store(a)
        let second = try box.workspace.blobs.store(box.work.appendingPathComponent("two/a.txt"))
        #expect(first.digest == second.digest)
        #expect(first.digest == SHA256Hasher.hex(Array("hello".utf8)))
        try box.write("folder/x.csv", "1")
        try box.write("folder/sub/y.csv", "2")
        let folder = try box.workspace.blobs.store(box.work.appendingPathComponent("folder"))
        #expect(folder.isFolder && folder.fileCount == 2)
        try box.write("folder/sub/y.csv", "3")
        let changed = try box.workspace.blobs.store(box.work.appendingPathComponent("folder"))
        #expect(changed.digest != folder.digest)
        let out = box.root.appendingPathComponent("restored")
        try box.workspace.blobs.materialize(digest: changed.digest, isFolder: true, to: out)
        #expect(try String(contentsOf: out.appendingPathComponent("sub/y.csv"), encoding: .utf8) == "3")
    }

    @Test("paths inside the roots resolve; '..' escapes, outside absolute paths and links out are refused")
    func pathGuard() throws {
        let box = try WorkspaceSandbox()
        try box.write("data/ok.csv", "1")
        try "x".write(to: box.root.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        #expect(try box.pathGuard.resolve("data/ok.csv", relativeTo: box.work).lastPathComponent == "ok.csv")
        #expect(try box.pathGuard.resolve("data/../data/ok.csv", relativeTo: box.work).lastPathComponent == "ok.csv")
        #expect(throws: WorkspaceError.self) { try box.pathGuard.resolve("../secret.txt", relativeTo: box.work) }
        #expect(throws: WorkspaceError.self) { try box.pathGuard.resolve(box.root.appendingPathComponent("secret.txt").path, relativeTo: box.work) }
        try FileManager.default.createSymbolicLink(atPath: box.work.appendingPathComponent("data/link").path, withDestinationPath: box.root.appendingPathComponent("secret.txt").path)
        do {
            _ = try box.pathGuard.resolve("data", relativeTo: box.work)
            Issue.record("a folder containing a link that points out must be refused")
        } catch let error as WorkspaceError {
            #expect(error.message.contains("symbolic link"))
        }
        #expect(throws: WorkspaceError.pathMissing(path: box.work.appendingPathComponent("nope.csv").path)) {
            try box.pathGuard.resolve("nope.csv", relativeTo: box.work)
        }
    }
}

@Suite("JSON values")
struct JSONValueTests {
    @Test("parse and print round-trip, with escapes, unicode, numbers and nesting")
    func roundTrip() throws {
        let text = #"{"a":[1,-2.5,1e3,true,false,null],"b":"x\"y\\z\n\u00e9\ud83d\ude00","c":{}}"#
        let value = try #require(JSONValue.parse(text))
        #expect(value["a"] == [1, -2.5, 1000.0, true, false, .null])
        #expect(value["b"] == .string("x\"y\\z\né😀"))
        #expect(JSONValue.parse(value.compact()) == value)
        #expect(JSONValue.parse(value.prettyPrinted()) == value)
    }

    @Test("invalid JSON is nil, never a crash", arguments: ["", "{", "[1,", "{\"a\" 1}", "tru", "\"unterminated", "[1] x", String(repeating: "[", count: 10000)])
    func invalid(_ text: String) {
        #expect(JSONValue.parse(text) == nil)
    }
}
