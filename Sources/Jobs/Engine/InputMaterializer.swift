import Foundation

/// Puts a job's inputs, outputs and code into its sandbox as real files and folders.
enum InputMaterializer {
    /// Copies data inputs under `inputs/<name>` and returns the text each `${{inputs.x}}` becomes.
    static func materialize(_ inputs: [String: RunInputValue], into sandbox: JobSandbox) throws -> [String: String] {
        let manager = FileManager.default
        var values: [String: String] = [:]
        for (name, value) in inputs.sorted(by: { $0.key < $1.key }) {
            switch value {
            case .literal(let text):
                values[name] = text
            case .data(let type, let source, let mode):
                var isFolder: ObjCBool = false
                guard manager.fileExists(atPath: source.path, isDirectory: &isFolder) else {
                    throw JobsError.missingPath(field: "inputs.\(name)", path: source.path, position: SourcePosition(file: sandbox.root.lastPathComponent, line: 0, column: 0))
                }
                if type == .uriFile && isFolder.boolValue {
                    throw JobsError.unknownReference(field: "inputs.\(name)", reference: source.path, reason: "a uri_file input must be a file, but this is a folder; use type: uri_folder")
                }
                if mode == .direct {
                    values[name] = source.path
                    continue
                }
                let destination = sandbox.inputsFolder.appendingPathComponent(name, isDirectory: true)
                do {
                    if isFolder.boolValue {
                        try manager.copyItem(at: source, to: destination)
                        values[name] = destination.path
                    } else {
                        try manager.createDirectory(at: destination, withIntermediateDirectories: true)
                        let file = destination.appendingPathComponent(source.lastPathComponent)
                        try manager.copyItem(at: source, to: file)
                        values[name] = type == .uriFile ? file.path : destination.path
                    }
                } catch {
                    throw JobsError.sandbox(path: destination.path, reason: "cannot copy input \(name) from \(source.path): \(error.localizedDescription)")
                }
            }
        }
        return values
    }

    /// Creates `outputs/<name>` for each output; a `uri_file` output is a file inside that folder.
    static func createOutputs(_ outputs: [RunOutput], in sandbox: JobSandbox) throws -> [String: URL] {
        var result: [String: URL] = [:]
        for output in outputs {
            let folder = sandbox.outputsFolder.appendingPathComponent(output.name, isDirectory: true)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw JobsError.sandbox(path: folder.path, reason: error.localizedDescription)
            }
            result[output.name] = output.type == .uriFile ? folder.appendingPathComponent(output.fileName ?? output.name) : folder
        }
        return result
    }

    /// Copies the contents of the code folder (and any additional includes) into the working directory.
    static func copyCode(_ code: URL?, includes: [URL], into workingDirectory: URL) throws {
        let manager = FileManager.default
        var sources: [URL] = []
        if let code {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: code.path, isDirectory: &isFolder) else {
                throw JobsError.missingPath(field: "code", path: code.path, position: SourcePosition(file: code.lastPathComponent, line: 0, column: 0))
            }
            if isFolder.boolValue {
                let children = (try? manager.contentsOfDirectory(at: code, includingPropertiesForKeys: nil)) ?? []
                sources.append(contentsOf: children)
            } else {
                sources.append(code)
            }
        }
        sources.append(contentsOf: includes)
        for source in sources {
            let destination = workingDirectory.appendingPathComponent(source.lastPathComponent)
            do {
                if manager.fileExists(atPath: destination.path) { try manager.removeItem(at: destination) }
                try manager.copyItem(at: source, to: destination)
            } catch {
                throw JobsError.sandbox(path: destination.path, reason: "cannot copy code from \(source.path): \(error.localizedDescription)")
            }
        }
    }
}
