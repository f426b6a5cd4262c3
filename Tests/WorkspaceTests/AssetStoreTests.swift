import Foundation
import Store
import Testing
@testable import Workspace

@Suite("Versioned assets")
struct AssetStoreTests {
    @Test("auto-increment, immutability, latest and archive")
    func versions() throws {
        let box = try WorkspaceSandbox()
        let assets = AssetStore(workspace: box.workspace)
        let one = try assets.register(.model, name: "m", version: nil, fields: ["type": "custom_model", "path": "a"], payload: nil, in: box.target)
        let two = try assets.register(.model, name: "m", version: nil, fields: ["type": "custom_model", "path": "b"], payload: nil, in: box.target)
        #expect(one["version"] == "1" && two["version"] == "2")
        let again = try assets.register(.model, name: "m", version: "1", fields: ["type": "custom_model", "path": "a", "description": "changed text only"], payload: nil, in: box.target)
        #expect(again["version"] == "1")
        #expect(throws: WorkspaceError.versionConflict(kind: "Model", name: "m", version: "1")) {
            try assets.register(.model, name: "m", version: "1", fields: ["type": "custom_model", "path": "other"], payload: nil, in: box.target)
        }
        #expect(try assets.find(.model, name: "m", version: nil, label: "latest", in: box.target).record.version == "2")
        try assets.setArchived(.model, name: "m", version: "2", label: nil, archived: true, in: box.target)
        #expect(try assets.find(.model, name: "m", version: nil, label: "latest", in: box.target).record.version == "1")
        #expect(try assets.register(.model, name: "m", version: nil, fields: ["type": "custom_model", "path": "c"], payload: nil, in: box.target)["version"] == "3")
    }

    @Test("references: azureml:name:version, @latest, registry URIs after share")
    func references() throws {
        let box = try WorkspaceSandbox()
        let assets = AssetStore(workspace: box.workspace)
        _ = try assets.register(.model, name: "m", version: "4", fields: ["type": "custom_model", "path": "p"], payload: nil, in: box.target)
        #expect(AssetReference.parse("azureml:m:4") == .version(name: "m", version: "4"))
        #expect(AssetReference.parse("azureml:m@latest") == .label(name: "m", label: "latest"))
        #expect(AssetReference.parse("./local/path") == nil)
        #expect(try assets.resolve(.version(name: "m", version: "4"), expecting: .model, in: box.target).record.version == "4")
        _ = try RegistryStore(workspace: box.workspace).create(["name": "shared", "location": "eastus"], group: Workspace.defaultGroup)
        let registry = try box.workspace.registryTarget("shared")
        _ = try assets.share(.model, name: "m", version: "4", from: box.target, to: registry, as: "m-shared", version: "1")
        let reference = try #require(AssetReference.parse("azureml://registries/shared/models/m-shared/versions/1"))
        #expect(try assets.resolve(reference, expecting: .model, in: box.target).record.scope == "reg:shared")
        #expect(throws: WorkspaceError.self) { try assets.resolve(.version(name: "nope", version: "1"), expecting: .model, in: box.target) }
    }

    @Test("two connections registering at once get distinct consecutive versions")
    func concurrentConnections() async throws {
        let box = try WorkspaceSandbox()
        let home = box.home
        let target = box.target
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    let workspace = try Workspace(home: home)
                    let assets = AssetStore(workspace: workspace)
                    for i in 0..<10 {
                        _ = try assets.register(.data, name: "d", version: nil, fields: ["type": "uri_file", "path": .string("p\(worker)-\(i)")], payload: nil, in: target)
                    }
                }
            }
            try await group.waitForAll()
        }
        let versions = try AssetStore(workspace: box.workspace).list(.data, name: "d", filter: .includeArchived, limit: nil, in: target)
            .compactMap { $0["version"]?.stringValue.flatMap(Int.init) }.sorted()
        #expect(versions == Array(1...40))
    }

    @Test("data assets: file vs folder types are checked, local files uploaded under LocalUpload/<hash>")
    func dataTypes() throws {
        let box = try WorkspaceSandbox()
        try box.write("d/x.csv", "1")
        let assets = AssetStore(workspace: box.workspace)
        let file = try assets.createData(DataAssetRequest(name: "f", version: "1", type: "uri_file", path: "d/x.csv", description: nil, folder: box.work), pathGuard: box.pathGuard, in: box.target)
        #expect(file["path"]?.stringValue?.contains("/paths/LocalUpload/") == true)
        #expect(file["path"]?.stringValue?.hasSuffix("/x.csv") == true)
        #expect(throws: WorkspaceError.self) {
            try assets.createData(DataAssetRequest(name: "g", version: "1", type: "uri_file", path: "d", description: nil, folder: box.work), pathGuard: box.pathGuard, in: box.target)
        }
        let remote = try assets.createData(DataAssetRequest(name: "r", version: nil, type: "uri_folder", path: "azureml://datastores/workspaceblobstore/paths/x/", description: nil, folder: box.work), pathGuard: box.pathGuard, in: box.target)
        #expect(remote["path"] == "azureml://datastores/workspaceblobstore/paths/x/")
    }
}
