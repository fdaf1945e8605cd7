import ArgumentParser
import DialectArchive
import Foundation

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage the accounts that log in to the web server.",
        subcommands: [Add.self, List.self, Remove.self, Grant.self, Revoke.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add an account: a researcher sees open material and the restricted material of collections granted to them; an archivist sees everything; an admin also manages accounts.")

        @OptionGroup var options: GlobalOptions
        @Option(help: "researcher, archivist or admin.") var role: String
        @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false
        @Argument(help: "The account's name.") var name: String

        func run() throws {
            guard let role = AccountRole(rawValue: role) else {
                printError("error: the role must be researcher, archivist or admin, not '\(role)'")
                throw ExitCode.failure
            }
            guard passwordStdin else {
                printError("error: give the password on standard input with --password-stdin")
                throw ExitCode.failure
            }
            let password = (readLine(strippingNewline: true) ?? "")
            let archive = try options.openArchive()
            try failing { try archive.addAccount(name, role: role, password: password) }
            say("account \(name) added as \(role.rawValue)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts with their roles and granted collections.")

        @OptionGroup var options: GlobalOptions

        func run() throws {
            let accounts = try failing { try options.openArchive().accounts() }
            if options.json { return print(try JSONOutput.string(accounts)) }
            for account in accounts {
                let granted = account.collections.isEmpty ? "" : "  " + account.collections.joined(separator: ", ")
                say("\(account.name)  \(account.role.rawValue)  \(account.createdAt)\(granted)")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove an account, its grants and its logins.")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The account's name.") var name: String

        func run() throws {
            let archive = try options.openArchive()
            try failing { try archive.removeAccount(name) }
            say("account \(name) removed")
        }
    }

    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grant", abstract: "Let an account see the restricted material of a collection.")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The account's name.") var name: String
        @Argument(help: "A collection id.") var collection: String

        func run() throws {
            let archive = try options.openArchive()
            try failing { try archive.grant(name, collection: collection) }
            say("account \(name) may now see restricted material of collection \(collection)")
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke", abstract: "Take back a grant: the account no longer sees the restricted material of a collection.")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The account's name.") var name: String
        @Argument(help: "A collection id.") var collection: String

        func run() throws {
            let archive = try options.openArchive()
            try failing { try archive.revoke(name, collection: collection) }
            say("account \(name) may no longer see restricted material of collection \(collection)")
        }
    }
}
