import Exam
import Foundation
import Workspace

/// The labs of a folder (`labs/<id>/lab.yaml`), parsed, with every problem found.
public struct LabLibrary: Sendable {
    public var labs: [LabDefinition]
    public var diagnostics: [LabDiagnostic]

    /// Loads every lab folder under `folder` (a folder holding `lab.yaml` is loaded as one lab).
    public static func load(folder: URL, outline: Outline) -> LabLibrary {
        let parser = LabParser(outline: outline)
        let manager = FileManager.default
        if manager.fileExists(atPath: folder.appendingPathComponent("lab.yaml").path) {
            let result = parser.parse(folder: folder, displayPath: display(folder.appendingPathComponent("lab.yaml")))
            return LabLibrary(labs: result.lab.map { [$0] } ?? [], diagnostics: result.diagnostics)
        }
        guard let entries = try? manager.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.isDirectoryKey]) else {
            return LabLibrary(labs: [], diagnostics: [LabDiagnostic(file: display(folder), line: 0, message: "cannot read the labs folder")])
        }
        var labs: [LabDefinition] = []
        var diagnostics: [LabDiagnostic] = []
        for entry in entries.sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
            guard (try? entry.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true else { continue }
            let result = parser.parse(folder: entry, displayPath: display(entry.appendingPathComponent("lab.yaml")))
            diagnostics += result.diagnostics
            if let lab = result.lab { labs.append(lab) }
        }
        var owners: [String: String] = [:]
        for lab in labs {
            for decision in lab.decisions {
                if let other = owners[decision.id] {
                    diagnostics.append(LabDiagnostic(file: display(lab.folder.appendingPathComponent("lab.yaml")), line: 0,
                                                     message: "decision id `\(decision.id)` is also used by lab `\(other)`"))
                }
                owners[decision.id] = lab.id
            }
        }
        return LabLibrary(labs: labs, diagnostics: diagnostics.sorted())
    }

    public func lab(_ id: String) throws -> LabDefinition {
        guard let lab = labs.first(where: { $0.id == id }) else { throw LabError.unknownLab(id, available: labs.map(\.id)) }
        return lab
    }

    /// A path relative to the working directory when it is under it.
    static func display(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let path = url.standardizedFileURL.path
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }
}
