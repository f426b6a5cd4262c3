import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Testing
@testable import Serving
import Workspace

@Suite("Scoring scripts under init()/run(raw_data) in a python3 child")
struct PythonScoringTests {
    static let hasPython = PythonScoringWorker.python() != nil
    static let code = "code_configuration:\n  code: src\n  scoring_script: score.py\nenvironment: azureml:AzureML-sklearn-1.5@latest\n"

    @Test("run() answers; an exception in run() is 424 with the model-error header", .enabled(if: hasPython))
    func runAndFailure() async throws {
        let box = try ServingSandbox()
        try box.write("src/score.py", """
            import json, os
            def init():
                global offset
                offset = 10 if os.path.isdir(os.environ["AZUREML_MODEL_DIR"]) else 0
            def run(raw_data):
                data = json.loads(raw_data)["data"]
                if data == "boom":
                    raise ValueError("boom requested")
                return [sum(row) + offset for row in data]
            """)
        #expect(box.az("ml online-endpoint create -n py-ep -o none").status == 0)
        #expect(try box.provision(endpoint: "py-ep", deployment: "blue", yaml: PythonScoringTests.code)["provisioning_state"] == "Succeeded")
        _ = try OnlineEndpointStore(workspace: box.workspace()).update("py-ep", traffic: ["blue": 100], mirror: nil, description: nil, tags: nil, in: box.target())
        let table = ServingTable(home: box.home)
        try table.reload()
        defer { table.shutdown() }
        let (key, _) = try box.keys("py-ep")
        let app = LiveApp(router: ScoringRouter.router(table: table, status: { "{}" }))
        try await app.test(.router) { client in
            try await client.execute(uri: "/endpoints/py-ep/score", method: .post, headers: [.authorization: "Bearer \(key)"], body: ByteBuffer(string: #"{"data": [[1, 2, 3], [4, 5, 6]]}"#)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "[16, 25]")
            }
            try await client.execute(uri: "/endpoints/py-ep/score", method: .post, headers: [.authorization: "Bearer \(key)"], body: ByteBuffer(string: #"{"data": "boom"}"#)) { response in
                #expect(response.status.code == 424)
                #expect(String(buffer: response.body).contains("ValueError: boom requested"))
                #expect(response.headers[HTTPField.Name("ms-azureml-model-error-statuscode") ?? .contentType] == "500")
            }
        }
    }

    @Test("a broken init() or a missing package fails provisioning with the cause in the logs", .enabled(if: hasPython))
    func brokenInit() throws {
        let box = try ServingSandbox()
        try box.write("src/score.py", "def init():\n    raise RuntimeError('cannot open model file')\ndef run(raw_data):\n    return []\n")
        #expect(box.az("ml online-endpoint create -n py-ep -o none").status == 0)
        let failed = try box.provision(endpoint: "py-ep", deployment: "blue", yaml: PythonScoringTests.code)
        #expect(failed["provisioning_state"] == "Failed")
        #expect(failed["provisioning_error"]?.stringValue?.hasPrefix("ResourceNotReady: User container has crashed or terminated") == true)
        let logs = box.az("ml online-deployment get-logs -n blue -e py-ep").stdout
        #expect(logs.contains("Invoking user's init function"))
        #expect(logs.contains("RuntimeError: cannot open model file"))

        try box.write("src/score.py", "import package_that_is_not_installed\ndef init():\n    pass\ndef run(raw_data):\n    return []\n")
        let missing = try box.provision(endpoint: "py-ep", deployment: "green", yaml: PythonScoringTests.code)
        #expect(missing["provisioning_state"] == "Failed")
        #expect(box.az("ml online-deployment get-logs -n green -e py-ep").stdout.contains("ModuleNotFoundError: No module named 'package_that_is_not_installed'"))
    }
}

@Suite("Request limits")
struct RequestLimitTests {
    @Test("max_concurrent_requests_per_instance x instance_count x 2 requests may be in flight; the next is refused (429)")
    func concurrencyLimit() throws {
        let box = try ServingSandbox()
        #expect(box.az("ml online-endpoint create -n lim-ep -o none").status == 0)
        _ = try box.provision(endpoint: "lim-ep", deployment: "blue", yaml: "request_settings:\n  max_concurrent_requests_per_instance: 2\n")
        let table = ServingTable(home: box.home)
        try table.reload()
        let runtime = try #require(table.endpoint("lim-ep")?.deployments["blue"])
        #expect(runtime.maxInFlight == 4)
        for _ in 0..<4 { #expect(runtime.enter()) }
        #expect(!runtime.enter())
        runtime.leave()
        #expect(runtime.enter())
    }
}
