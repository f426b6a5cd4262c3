import Foundation
import Testing
@testable import AzCLI
@testable import Serving
import Workspace

@Suite("The background scoring host process", .serialized)
struct HostProcessTests {
    @Test("the host outlives the creating command, answers curl-style HTTP, and comes back after SIGKILL")
    func hostLifecycle() throws {
        let box = try ServingSandbox()
        guard ProcessInfo.processInfo.environment["MLOPSLAB_SERVE_EXECUTABLE"] != nil || getenv("MLOPSLAB_SERVE_EXECUTABLE") != nil else {
            Issue.record("the mlopslab executable was not found next to the test bundle; build it with `swift build` first")
            return
        }
        defer { HostLauncher.stop(home: box.home) }
        #expect(box.az("ml online-endpoint create -n ep-live -o none").status == 0)
        try box.write("blue.yml", "name: blue\nendpoint_name: ep-live\nmodel: azureml:clf:1\ninstance_type: Standard_DS3_v2\ninstance_count: 1\n")
        let created = box.az("ml online-deployment create -f blue.yml --all-traffic")
        #expect(created.status == 0, "\(created.stderr)")
        let first = try #require(HostLauncher.running(home: box.home))
        #expect(first.pid != getpid())

        let show = try #require(JSONValue.parse(box.az("ml online-endpoint show -n ep-live").stdout))
        let uri = try #require(show["scoring_uri"]?.stringValue.flatMap(URL.init(string:)))
        let (key, _) = try box.keys("ep-live")
        let reply = try #require(LoopbackClient.send(uri, method: "POST", headers: ["Authorization": "Bearer \(key)", "Content-Type": "application/json"], body: Data(ServingSandbox.oneRow.utf8)))
        #expect(reply.status == 200)
        #expect(reply.body == "[1]")

        try box.write("req.json", ServingSandbox.oneRow)
        #expect(box.az("ml online-endpoint invoke -n ep-live -r req.json").stdout == "\"[1]\"\n")

        kill(first.pid, SIGKILL)
        var waited = 0
        while kill(first.pid, 0) == 0, waited < 200 { var s: Int32 = 0; _ = waitpid(first.pid, &s, WNOHANG); usleep(10_000); waited += 1 }
        #expect(HostLauncher.running(home: box.home) == nil)
        let again = box.az("ml online-endpoint invoke -n ep-live -r req.json")
        #expect(again.stdout == "\"[1]\"\n", "\(again.stderr)")
        let second = try #require(HostLauncher.running(home: box.home))
        #expect(second.pid != first.pid)
        #expect(second.port == first.port)

        let logs = box.az("ml online-deployment get-logs -n blue -e ep-live").stdout
        #expect(logs.contains("Worker with pid"))
        #expect(logs.contains("POST /score 200"))
        #expect(!logs.contains(key))
        #expect(!logs.contains("input_data"))
        #expect(!logs.contains("-1.0"))
    }
}
