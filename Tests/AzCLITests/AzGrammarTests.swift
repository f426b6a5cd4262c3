import Foundation
import Testing
@testable import AzCLI

@Suite("az grammar and errors")
struct AzGrammarTests {
    @Test("an unknown group word gets az's message, a suggestion and exit 2")
    func unknownCommand() throws {
        let box = try AzSandbox()
        let result = box.az("ml dat list")
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("ERROR: 'dat' is misspelled or not recognized by the system. See 'az ml --help'."))
        #expect(result.stderr.contains("The most similar choices to 'dat' are:\n    data\n    datastore"))
    }

    @Test("an unknown flag gets 'unrecognized arguments' and the closest flag")
    func unknownFlag() throws {
        let box = try AzSandbox()
        let result = box.az("ml data show --nme d1 -v 1")
        #expect(result.status == 2)
        #expect(result.stderr.contains("ERROR: unrecognized arguments: --nme"))
        #expect(result.stderr.contains("--name"))
    }

    @Test("a missing required flag names it; a bad choice lists the allowed values")
    func usageErrors() throws {
        let box = try AzSandbox()
        let missing = box.az("ml compute show")
        #expect(missing.status == 2)
        #expect(missing.stderr == "ERROR: the following arguments are required: --name/-n\n")
        let choice = box.az("ml data list -o xml")
        #expect(choice.status == 2)
        #expect(choice.stderr.contains("invalid choice: 'xml'"))
    }

    @Test("unambiguous prefixes of long flags are accepted, as argparse does")
    func prefixes() throws {
        let box = try AzSandbox()
        let result = box.az("ml compute create --name c1 --type amlcompute --max-inst 3 --query max_instances -o tsv")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "3\n")
    }

    @Test("--help prints the command's arguments and exits 0; a group without a command prints its commands")
    func help() throws {
        let box = try AzSandbox()
        let command = box.az("ml data create --help")
        #expect(command.status == 0)
        #expect(command.stdout.contains("az ml data create"))
        #expect(command.stdout.contains("--path -p"))
        #expect(command.stdout.contains("Global Arguments"))
        let group = box.az("ml")
        #expect(group.status == 0)
        #expect(group.stdout.contains("data"))
        #expect(group.stdout.contains("compute"))
    }

    @Test("a bad --query is a usage error that names the expression")
    func badQuery() throws {
        let box = try AzSandbox()
        let result = box.az(words: ["ml", "data", "list", "--query", "[?name=='x'"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("argument --query"))
    }

    @Test("a fresh home has a subscription, group and workspace as defaults; configure changes them")
    func defaults() throws {
        let box = try AzSandbox()
        #expect(box.az("account show --query name -o tsv").stdout == "mlopslab-simulated-subscription\n")
        #expect(box.az("ml workspace show --query name -o tsv").stdout == "mlw-mlopslab\n")
        #expect(box.az("group create -n rg2 -l westeurope").status == 0)
        #expect(box.az("ml workspace create -n ws2 -g rg2").status == 0)
        #expect(box.az("configure --defaults group=rg2 workspace=ws2").status == 0)
        #expect(box.az("ml workspace show --query name -o tsv").stdout == "ws2\n")
        let missing = box.az("ml data list -w nope")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("workspaces/nope"))
    }
}

@Suite("az top level")
struct AzTopLevelTests {
    @Test("a misspelled top-level group points at az --help and suggests the group")
    func topLevel() throws {
        let box = try AzSandbox()
        let result = box.az("mll data list")
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("ERROR: 'mll' is misspelled or not recognized by the system. See 'az --help'."))
        #expect(result.stderr.contains("    ml"))
    }
}
