import DialectArchive
import Hummingbird

/// `/accounts`: the accounts with their roles and grants, and forms to add and remove accounts
/// and to grant and revoke collections, for admins only. Each form carries the login's own
/// token, as logging out does; each change is the audit event the `user` command writes, with
/// the admin who made it. `/api/accounts` is what `user list --json` prints.
struct AccountsPage {
    let reader: ArchiveReader
    let baseURL: String?

    /// A change the forms ask for, run by the library as the visitor asks it.
    enum Change: String, CaseIterable {
        case add, remove, grant, revoke

        func run(_ fields: FormQuery, on archive: Archive, as asking: Reader) throws {
            let name = fields["name"] ?? "", collection = fields["collection"] ?? ""
            switch self {
            case .add:
                try archive.addAccount(name, role: try AccountRole(named: fields["role"] ?? ""), password: fields["password"] ?? "", as: asking)
            case .remove: try archive.removeAccount(name, as: asking)
            case .grant: try archive.grant(name, collection: collection, as: asking)
            case .revoke: try archive.revoke(name, collection: collection, as: asking)
            }
        }
    }

    func add(to router: Router<WebContext>) {
        router.get("/accounts") { request, context in
            await page(PageRequest(request, baseURL: baseURL), message: nil, name: "", status: .ok, context)
        }
        router.get("/api/accounts") { _, context in
            await Responses.api(context.logger) {
                let asking = Visitor.current.reader
                return try Responses.json(try await reader.read { try $0.accounts(as: asking) })
            }
        }
        for change in Change.allCases {
            router.post("/accounts/\(change.rawValue)") { request, context in
                let page = PageRequest(request, baseURL: baseURL), t = page.strings
                guard let fields = try? await AccountRoutes.fields(request, context) else {
                    return refusal(page, t["formTooLarge"]!, status: .contentTooLarge)
                }
                guard let login = Visitor.current.login, let sent = fields["csrf"], AccountRoutes.same(sent, login.csrfToken) else {
                    return refusal(page, t["formExpired"]!, status: .forbidden)
                }
                do {
                    try await reader.read { try change.run(fields, on: $0, as: login.reader) }
                    return Response(status: .seeOther, headers: [.location: "/accounts"])
                } catch let error as AccountError {
                    return await self.page(page, message: error.description, name: change == .add ? fields["name"] ?? "" : "",
                                           status: .badRequest, context)
                } catch {
                    return ErrorPage.response(for: error, page, title: t["accounts"]!, path: "/accounts", refusal: t["onlyAdmins"]!,
                                              logger: context.logger)
                }
            }
        }
    }

    /// The list and its forms, with why the last change was refused and the name it was sent with.
    func page(_ page: PageRequest, message: String?, name: String, status: HTTPResponse.Status, _ context: WebContext) async -> Response {
        let t = page.strings, asking = Visitor.current.reader
        do {
            let (accounts, collections) = try await reader.read { archive in (try archive.accounts(as: asking), try archive.collections()) }
            var view = Self.view(accounts, collections: collections.map(\.id), csrf: Visitor.current.login?.csrfToken ?? "", t: t)
            view["name"] = name
            if let message { view["message"] = message }
            return PageLayout.render(Self.template, view, title: t["accounts"]!, for: page, path: "/accounts", parameters: [], status: status)
        } catch {
            return ErrorPage.response(for: error, page, title: t["accounts"]!, path: "/accounts", refusal: t["onlyAdmins"]!,
                                      logger: context.logger)
        }
    }

    func refusal(_ page: PageRequest, _ message: String, status: HTTPResponse.Status) -> Response {
        PageLayout.render(ErrorPage.template, ["message": message], title: page.strings["accounts"]!, for: page, path: "/accounts",
                          parameters: [], status: status)
    }

    static func view(_ accounts: [Account], collections: [String], csrf: String, t: [String: String]) -> [String: Any] {
        [
            "csrf": csrf, "hasAccounts": !accounts.isEmpty,
            "roles": AccountRole.allCases.map { ["value": $0.rawValue, "label": t["role_" + $0.rawValue] ?? $0.rawValue] },
            "accounts": accounts.map { account -> [String: Any] in
                [
                    "account": account.name, "role": t["role_" + account.role.rawValue] ?? account.role.rawValue, "created": account.createdAt,
                    "grants": account.collections.map { ["collection": $0] },
                    "grantable": collections.filter { !account.collections.contains($0) }.map { ["collection": $0] },
                    "mayGrant": account.role == .researcher && !collections.allSatisfy(account.collections.contains),
                ]
            },
        ]
    }
}
