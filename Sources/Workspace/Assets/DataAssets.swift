import Foundation

/// A data asset to register, from flags or a YAML file.
public struct DataAssetRequest: Sendable {
    public var name: String
    public var version: String?
    public var type: String
    public var path: String
    public var description: String?
    public var tags: JSONValue
    /// Folder relative paths resolve against (the YAML file's folder, or the working folder).
    public var folder: URL
    /// Skip the MLTable metadata check (`--skip-validation`).
    public var skipValidation: Bool

    public init(name: String, version: String?, type: String?, path: String, description: String?, tags: JSONValue = [:], folder: URL, skipValidation: Bool = false) {
        self.name = name
        self.version = version
        self.type = type ?? "uri_folder"
        self.path = path
        self.description = description
        self.tags = tags
        self.folder = folder
        self.skipValidation = skipValidation
    }

    /// Builds a request from a validated YAML document (flags already merged in).
    public init(document: YAMLDocument, skipValidation: Bool) throws {
        let root = document.root
        guard let name = root["name"]?.scalarText, let path = root["path"]?.scalarText else {
            throw WorkspaceError.invalidArgument("a data asset needs `name` and `path`")
        }
        self.init(name: name, version: root["version"]?.scalarText, type: root["type"]?.stringValue, path: path,
                  description: root["description"]?.scalarText, tags: root["tags"] ?? [:], folder: document.folder, skipValidation: skipValidation)
    }
}

extension AssetStore {
    /// Registers a data asset version: local paths are checked, stored in the blob store and
    /// replaced by their upload URI; `uri_file` must be a file, `uri_folder` and `mltable` folders,
    /// and an `mltable` folder must hold a readable `MLTable` file with `paths`.
    public func createData(_ request: DataAssetRequest, pathGuard: PathGuard, in target: WorkspaceTarget) throws -> JSONValue {
        guard ["uri_file", "uri_folder", "mltable"].contains(request.type) else {
            throw WorkspaceError.invalidArgument("invalid data type '\(request.type)': use uri_file, uri_folder or mltable")
        }
        var fields: [String: JSONValue] = ["type": .string(request.type), "tags": request.tags]
        if let description = request.description { fields["description"] = .string(description) }
        var payload: Payload?
        if LocalUpload.isRemote(request.path) {
            fields["path"] = .string(request.path)
        } else {
            let upload = try LocalUpload(workspace: workspace, pathGuard: pathGuard).upload(request.path, relativeTo: request.folder, in: target)
            switch (request.type, upload.payload.isFolder) {
            case ("uri_file", true):
                throw WorkspaceError.invalidArgument("the path \(request.path) is a folder but the data type is uri_file: use --type uri_folder, or point --path at one file")
            case ("uri_folder", false), ("mltable", false):
                throw WorkspaceError.invalidArgument("the path \(request.path) is a file but the data type is \(request.type): point --path at a folder\(request.type == "mltable" ? " that contains an MLTable file" : "")")
            default: break
            }
            if request.type == "mltable", !request.skipValidation { try AssetStore.checkMLTable(in: upload.url) }
            fields["path"] = .string(upload.uri)
            payload = upload.payload
        }
        return try register(.data, name: request.name, version: request.version, fields: fields, payload: payload, in: target)
    }

    /// The MLTable file must exist, parse, and list `paths`.
    static func checkMLTable(in folder: URL) throws {
        let file = folder.appendingPathComponent("MLTable")
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw WorkspaceError.failed("(UserError) No MLTable file found in \(folder.path). An mltable data asset points at a folder containing a file named MLTable (with `paths:` and optional `transformations:`); pass --skip-validation to register it anyway.")
        }
        let document = try YAMLDocument.load(file, entity: "MLTable")
        guard let paths = document.root["paths"]?.arrayValue, !paths.isEmpty else {
            throw WorkspaceError.failed("(UserError) Invalid MLTable \(file.path): `paths` is missing or empty; list at least one `- file:`, `- folder:` or `- pattern:` entry.")
        }
    }
}

extension JSONValue {
    /// A scalar as text (`1` → "1", `true` → "true"); nil for objects, arrays and null.
    public var scalarText: String? {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return JSONValue.formatDouble(d)
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }
}
