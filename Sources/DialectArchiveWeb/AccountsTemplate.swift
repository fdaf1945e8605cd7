import Mustache

extension AccountsPage {
    static let template = try! MustacheTemplate(string: """
        <h1>{{t.accounts}}</h1>
        {{#message}}<p class="error" role="alert">{{t.accountRefused}} {{message}}</p>{{/message}}
        {{#hasAccounts}}<table class="records accounts"><tbody>
        <tr><th>{{t.accountName}}</th><th>{{t.accountRole}}</th><th>{{t.grantedCollections}}</th><th>{{t.accountCreated}}</th><th></th></tr>
        {{#accounts}}<tr class="account-row"><td class="account-name">{{account}}</td><td>{{role}}</td><td>
        {{#grants}}<form method="post" action="/accounts/revoke" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="name" value="{{account}}"><input type="hidden" name="collection" value="{{collection}}"><span class="grant">{{collection}}</span> <button type="submit">{{t.revokeButton}}</button></form>
        {{/grants}}{{#mayGrant}}<form method="post" action="/accounts/grant" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="name" value="{{account}}"><select name="collection">{{#grantable}}<option value="{{collection}}">{{collection}}</option>{{/grantable}}</select> <button type="submit">{{t.grantButton}}</button></form>{{/mayGrant}}
        </td><td>{{created}}</td><td><form method="post" action="/accounts/remove" class="inline"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="name" value="{{account}}"><button type="submit">{{t.removeAccount}}</button></form></td></tr>
        {{/accounts}}</tbody></table>{{/hasAccounts}}
        {{^hasAccounts}}<p>{{t.noAccounts}}</p>{{/hasAccounts}}
        <h2>{{t.addAccount}}</h2>
        <form method="post" action="/accounts/add" class="account-add">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <label>{{t.accountName}} <input name="name" id="account-name-field" required maxlength="64" value="{{name}}"></label>
        <label>{{t.accountRole}} <select name="role" id="account-role">{{#roles}}<option value="{{value}}">{{label}}</option>{{/roles}}</select></label>
        <label>{{t.password}} <input name="password" id="account-password" type="password" autocomplete="new-password" required minlength="8"></label>
        <button type="submit" id="account-add">{{t.addButton}}</button>
        </form>
        """)
}
