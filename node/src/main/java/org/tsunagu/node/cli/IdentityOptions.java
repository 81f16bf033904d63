package org.tsunagu.node.cli;

import org.tsunagu.node.app.Initializer;
import picocli.CommandLine.Option;

/** Who a new node is: used by {@code init}, and by {@code serve} when it initialises a fresh folder. */
public final class IdentityOptions {
    @Option(
            names = "--hub",
            paramLabel = "ID",
            description = "Hub id, lowercase, by convention starting with the country code (jp-janic). "
                    + "Default: node- and 8 hex digits of the new key.")
    String hub;

    @Option(names = "--name", paramLabel = "NAME", description = "Display name of the hub. Default: Tsunagu node")
    String name;

    @Option(
            names = "--country",
            paramLabel = "CC",
            description = "ISO 3166-1 alpha-2 country of the hub (JP, TH…); required for a new hub, here or in"
                    + " TSUNAGU_COUNTRY (never guessed: records with a blank country take the hub's)")
    String country;

    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "Public base URL of the node. Default: http://localhost:PORT/")
    String url;

    @Option(
            names = "--admin-user",
            paramLabel = "NAME",
            description = "Name of the first staff account (role admin) for the console at /admin. Its password"
                    + " comes from TSUNAGU_ADMIN_PASSWORD (12+ characters), or is generated and printed once."
                    + " Env: TSUNAGU_ADMIN_USER. Default: admin")
    String adminUser;

    /** These flags with what the environment adds (country, first staff account, token, password). */
    Initializer.Identity resolve(CliContext context) {
        return new Initializer.Identity(
                hub,
                name,
                country != null ? country : context.env().get(Initializer.COUNTRY_VARIABLE),
                url,
                context.adminUser(adminUser),
                context.adminTokenFromEnv(),
                context.adminPasswordFromEnv());
    }
}
