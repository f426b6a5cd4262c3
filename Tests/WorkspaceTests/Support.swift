import Foundation
@testable import Workspace

/// A fresh state home and working folder.
struct WorkspaceSandbox {
    let root: URL
    let home: URL
    let work: URL
    let workspace: Workspace
    let target: WorkspaceTarget

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("ws-tests-\(UUID().uuidString)")
        home = root.appendingPathComponent("home")
        work = root.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        workspace = try Workspace(home: home)
        target = try workspace.target(group: nil, workspace: nil)
    }

    var pathGuard: PathGuard { PathGuard(roots: [work, home]) }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> URL {
        let url = work.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}
