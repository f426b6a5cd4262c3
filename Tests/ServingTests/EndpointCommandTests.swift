import Foundation
import Testing
@testable import AzCLI
@testable import Serving
import Workspace

@Suite("az ml online-endpoint / online-deployment: JSON shapes and validation")
struct EndpointCommandTests {
    @Test("create and show: auth_mode key, scoring_uri on 127.0.0.1, no keys in show or list; duplicates refused")
    func createShow() throws {
        let box = try ServingSandbox(registerModel: false)
        let created = box.az("ml online-endpoint create -n My-Endpoint")
        #expect(created.status == 0)
        let json = try #require(JSONValue.parse(created.stdout))
        #expect(json["name"] == "my-endpoint")
        #expect(json["auth_mode"] == "key")
        #expect(json["traffic"] == .object([:]))
        #expect(json["provisioning_state"] == "Succeeded")
        #expect(json["scoring_uri"]?.stringValue?.hasPrefix("http://127.0.0.1:") == true)
        #expect(json["scoring_uri"]?.stringValue?.hasPrefix("http://127.0.0.1:0/") == false)
        #expect(json["scoring_uri"]?.stringValue?.hasSuffix("/endpoints/my-endpoint/score") == true)
        let credentials = try #require(JSONValue.parse(box.az("ml online-endpoint get-credentials -n my-endpoint").stdout))
        let key = try #require(credentials["primaryKey"]?.stringValue)
        #expect(key.count == 64)
        #expect(!box.az("ml online-endpoint show -n my-endpoint").stdout.contains(key))
        #expect(!box.az("ml online-endpoint list").stdout.contains(key))
        let duplicate = box.az("ml online-endpoint create -n my-endpoint")
        #expect(duplicate.status == 1)
        #expect(duplicate.stderr.contains("An endpoint with this name already exists"))
        let token = box.az("ml online-endpoint create -n tok-ep --auth-mode aml_token -o none")
        #expect(token.status == 0)
        #expect(box.az("ml online-endpoint regenerate-keys -n tok-ep --key-type primary").stderr.contains("Endpoint 'tok-ep' does not use keys for authentication."))
        #expect(box.az("ml online-endpoint get-credentials -n tok-ep --query tokenType -o tsv").stdout == "Bearer\n")
    }

    @Test("traffic rules: delimiter, sum, unknown deployment, mirror limits; 0 listed for every deployment")
    func trafficRules() throws {
        let box = try ServingSandbox()
        #expect(box.az("ml online-endpoint create -n my-ep -o none").status == 0)
        _ = try box.provision(endpoint: "my-ep", deployment: "blue")
        _ = try box.provision(endpoint: "my-ep", deployment: "green")
        #expect(box.az(words: ["ml", "online-endpoint", "update", "-n", "my-ep", "--traffic", "blue=90,green=10"]).stderr == "ERROR: Do not add a delimiter between traffic variables\n")
        #expect(box.az(words: ["ml", "online-endpoint", "update", "-n", "my-ep", "--traffic", "blue=50 green=40"]).stderr.contains("must be 0 or 100"))
        #expect(box.az(words: ["ml", "online-endpoint", "update", "-n", "my-ep", "--traffic", "blue=90 green=20"]).stderr.contains("Traffic rule percentages must sum to less than or equal to 100%"))
        #expect(box.az(words: ["ml", "online-endpoint", "update", "-n", "my-ep", "--traffic", "blue=90 red=10"]).stderr.contains("deployment 'red', which does not exist"))
        let ok = box.az(words: ["ml", "online-endpoint", "update", "-n", "my-ep", "--traffic", "blue=100", "--query", "traffic", "-o", "json"])
        #expect(ok.status == 0)
        #expect(JSONValue.parse(ok.stdout) == ["blue": 100, "green": 0])
        #expect(box.az(words: ["ml", "online-endpoint", "update", "-n", "my-ep", "--mirror-traffic", "green=60"]).stderr.contains("cannot exceed 50%"))
        #expect(box.az(words: ["ml", "online-endpoint", "update", "-n", "my-ep", "--mirror-traffic", "blue=10"]).stderr.contains("takes live traffic"))
        let mirror = box.az(words: ["ml", "online-endpoint", "update", "-n", "my-ep", "--mirror-traffic", "green=10"])
        #expect(JSONValue.parse(mirror.stdout)?["mirror_traffic"] == ["green": 10])
        let delete = box.az("ml online-deployment delete -n blue -e my-ep --yes")
        #expect(delete.status == 1)
        #expect(delete.stderr.contains("takes 100% of the traffic"))
        #expect(box.az("ml online-endpoint update -n nope --traffic blue=100").stderr.contains("Endpoint does not exist."))
        #expect(box.az("ml online-endpoint invoke -n my-ep -d red -r x.json").stderr.contains("Deployment name red not found for this endpoint"))
        #expect(box.az("ml online-deployment show -n red -e my-ep").stderr.contains("Deployment does not exist."))
    }

    @Test("deployment validation: duplicates, quota with the 20% reserve, unknown SKU")
    func deploymentValidation() throws {
        let box = try ServingSandbox()
        #expect(box.az("ml online-endpoint create -n my-ep -o none").status == 0)
        _ = try box.provision(endpoint: "my-ep", deployment: "blue")
        #expect(throws: WorkspaceError.self) { try box.provision(endpoint: "my-ep", deployment: "blue") }
        // blue holds 4 vCPU x 1 x 1.2 = 5; 4 x 6 x 1.2 = 29 more would exceed the quota of 32.
        #expect(try OnlineDeploymentStore(workspace: box.workspace()).reservedVCPUs(excluding: nil, in: box.target()) == 5)
        try box.write("huge.yml", "name: huge\nendpoint_name: my-ep\nmodel: azureml:clf:1\ninstance_type: Standard_DS3_v2\ninstance_count: 6\n")
        let quota = box.az("ml online-deployment create -f huge.yml")
        #expect(quota.status == 1)
        #expect(quota.stderr.contains("(OutOfQuota)"))
        try box.write("sku.yml", "name: odd\nendpoint_name: my-ep\nmodel: azureml:clf:1\ninstance_type: Standard_Z99\ninstance_count: 1\n")
        #expect(box.az("ml online-deployment create -f sku.yml").stderr.contains("is not supported"))
        try box.write("typo.yml", "name: typo\nendpoint_name: my-ep\nmodel: azureml:clf:1\ninstance_typ: Standard_DS3_v2\n")
        #expect(box.az("ml online-deployment create -f typo.yml").stderr.contains("Unknown field."))
    }

    @Test("a model that cannot load leaves the deployment Failed with ResourceNotReady and the cause in get-logs")
    func failedProvisioning() throws {
        let box = try ServingSandbox()
        try FileManager.default.createDirectory(at: box.work.appendingPathComponent("broken"), withIntermediateDirectories: true)
        try box.write("broken/MLmodel", "flavors:\n  python_function: {}\n")
        try box.write("broken/model.json", "{\"format_version\": 1}")
        #expect(box.az("ml model create -n broken -v 1 --type mlflow_model --path broken -o none").status == 0)
        #expect(box.az("ml online-endpoint create -n my-ep -o none").status == 0)
        try box.write("bad.yml", "name: bad\nendpoint_name: my-ep\nmodel: azureml:broken:1\ninstance_type: Standard_DS3_v2\ninstance_count: 1\n")
        let created = box.az("ml online-deployment create -f bad.yml")
        #expect(created.status == 1)
        #expect(created.stderr.contains("ResourceNotReady: User container has crashed or terminated"))
        #expect(box.az("ml online-deployment show -n bad -e my-ep --query provisioning_state -o tsv").stdout == "Failed\n")
        let logs = box.az("ml online-deployment get-logs -n bad -e my-ep --lines 3").stdout
        #expect(logs.contains("Traceback"))
        #expect(logs.split(separator: "\n").count == 3)
        let storage = box.az("ml online-deployment get-logs -n bad -e my-ep -c storage-initializer").stdout
        #expect(storage.contains("Downloading model azureml:broken:1"))
        #expect(HostLauncher.running(home: box.home) == nil)  // nothing was started for a failed deployment
    }
}

@Suite("az ml online-deployment update and delete", .serialized)
struct DeploymentUpdateTests {
    @Test("update --set instance_count counts against quota; deleting after moving traffic works; endpoint delete removes deployments")
    func updateAndDelete() throws {
        let box = try ServingSandbox()
        defer { HostLauncher.stop(home: box.home) }
        #expect(box.az("ml online-endpoint create -n upd-ep -o none").status == 0)
        _ = try box.provision(endpoint: "upd-ep", deployment: "blue")
        _ = try box.provision(endpoint: "upd-ep", deployment: "green")
        #expect(box.az(words: ["ml", "online-endpoint", "update", "-n", "upd-ep", "--traffic", "blue=100", "-o", "none"]).status == 0)
        let over = box.az("ml online-deployment update -n blue -e upd-ep --set instance_count=6")
        #expect(over.status == 1)
        #expect(over.stderr.contains("(OutOfQuota)"))
        let scaled = box.az("ml online-deployment update -n blue -e upd-ep --set instance_count=2 --query instance_count -o tsv")
        #expect(scaled.stdout == "2\n", "\(scaled.stderr)")
        #expect(try OnlineDeploymentStore(workspace: box.workspace()).reservedVCPUs(excluding: nil, in: box.target()) == 10 + 5)
        #expect(box.az(words: ["ml", "online-endpoint", "update", "-n", "upd-ep", "--traffic", "blue=0 green=100", "-o", "none"]).status == 0)
        #expect(box.az("ml online-deployment delete -n blue -e upd-ep --yes").status == 0)
        #expect(JSONValue.parse(box.az("ml online-endpoint show -n upd-ep --query traffic").stdout) == ["green": 100])
        #expect(box.az("ml online-endpoint delete -n upd-ep --yes").status == 0)
        #expect(box.az("ml online-endpoint delete -n upd-ep --yes").stderr.contains("Online endpoint upd-ep does not exist."))
        #expect(try OnlineDeploymentStore(workspace: box.workspace()).reservedVCPUs(excluding: nil, in: box.target()) == 0)
    }
}
